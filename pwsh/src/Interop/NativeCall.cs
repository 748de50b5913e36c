using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace SecretsManager.Native.Interop;

/// <summary>
/// One call into the native library: owns its handle (freed exactly once, on Dispose), can be
/// cancelled from another thread, and reads back what the call left.
/// </summary>
internal sealed unsafe partial class NativeCall : IDisposable
{
    private const int StackBufferSize = 512;
    private readonly object _gate = new();
    private ulong _handle;

    private NativeCall(ulong handle) => _handle = handle;

    public static NativeCall Open()
    {
        var handle = Interop.sm_call_new();
        if (handle == 0)
        {
            throw new InvalidOperationException("The native library could not open a call (an internal error was caught).");
        }
        return new NativeCall(handle);
    }

    /// <summary>Stops the running operation; safe from any thread, before, during or after it.</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            if (_handle != 0) Interop.sm_call_cancel(_handle);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_handle != 0) Interop.sm_call_free(_handle);
            _handle = 0;
        }
    }

    /// <summary>Resolves region and credentials and prepares the client; the span is only borrowed.</summary>
    public CallStatus Resolve(ReadOnlySpan<byte> targetJson) => WithDocument(targetJson, Interop.sm_call_resolve);

    /// <summary>Runs an export that takes this call and one document, borrowed while it runs.</summary>
    private CallStatus WithDocument(ReadOnlySpan<byte> document, Func<ulong, SliceByte, CallStatus> export)
    {
        fixed (byte* json = document)
        {
            return export(_handle, SliceByte.From((IntPtr)json, (ulong)document.Length));
        }
    }

    /// <summary>Runs PutSecretValue on a resolved call; the spans are only borrowed while it runs.</summary>
    public CallStatus PutSecretValue(ReadOnlySpan<byte> requestJson, ReadOnlySpan<byte> secretString, ReadOnlySpan<byte> secretBinary)
    {
        fixed (byte* json = requestJson)
        fixed (byte* text = secretString)
        fixed (byte* binary = secretBinary)
        {
            return Interop.sm_put_secret_value(
                _handle,
                SliceByte.From((IntPtr)json, (ulong)requestJson.Length),
                SliceByte.From((IntPtr)text, (ulong)secretString.Length),
                SliceByte.From((IntPtr)binary, (ulong)secretBinary.Length));
        }
    }

    /// <summary>
    /// Runs PutSecretValue with a SecureString's UTF-16 characters: they are copied to unmanaged memory
    /// (never to a managed string), borrowed by the native call, then zeroed and freed in all cases.
    /// </summary>
    public CallStatus PutSecretValueUtf16(ReadOnlySpan<byte> requestJson, SecureString secretString, ReadOnlySpan<byte> secretBinary)
    {
        // A private copy (itself unmanaged and encrypted) fixes the length: another thread changing the
        // caller's SecureString between the copy and the length read would otherwise make the native side
        // read past the end of the unmanaged buffer.
        using var fixedLength = secretString.Copy();
        var text = IntPtr.Zero;
        try
        {
            text = Marshal.SecureStringToGlobalAllocUnicode(fixedLength);
            fixed (byte* json = requestJson)
            fixed (byte* binary = secretBinary)
            {
                return Interop.sm_put_secret_value_utf16(
                    _handle,
                    SliceByte.From((IntPtr)json, (ulong)requestJson.Length),
                    SliceUshort.From(text, (ulong)fixedLength.Length),
                    SliceByte.From((IntPtr)binary, (ulong)secretBinary.Length));
            }
        }
        finally
        {
            if (text != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(text);
        }
    }

    /// <summary>Reads one text value with <paramref name="reader"/>; null when the call has none.</summary>
    public string? Text(Func<ulong, SliceMutByte, TextAnswer> reader)
    {
        byte* stack = stackalloc byte[StackBufferSize];
        var answer = reader(_handle, SliceMutByte.From((IntPtr)stack, StackBufferSize));
        if (!answer.status.IsOk) return null;
        if (answer.length <= StackBufferSize)
        {
            return Encoding.UTF8.GetString(stack, (int)answer.length);
        }
        var heap = new byte[answer.length];
        fixed (byte* buffer = heap)
        {
            answer = reader(_handle, SliceMutByte.From((IntPtr)buffer, (ulong)heap.Length));
            return answer.status.IsOk ? Encoding.UTF8.GetString(buffer, (int)Math.Min(answer.length, (ulong)heap.Length)) : null;
        }
    }

    /// <summary>Reads staging label <paramref name="index"/>.</summary>
    public string? VersionStage(uint index) =>
        Text((handle, buffer) => Interop.sm_call_version_stage(handle, index, buffer));

    /// <summary>Reads one number value; null when the call has none.</summary>
    public long? Number(Func<ulong, OptionLong> reader)
    {
        var answer = reader(_handle);
        return answer.IsSome ? answer.AsSome() : null;
    }

    public FailureKind FailureKind => Interop.sm_call_failure_kind(_handle);

    /// <summary>Whether a failed operation may nonetheless have written (see sm_call_may_have_written).</summary>
    public bool MayHaveWritten => Interop.sm_call_may_have_written(_handle);
}
