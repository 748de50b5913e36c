using System;
using System.Security.Cryptography;
using System.Text;

namespace SecretsManager.Native.Interop;

/// <summary>
/// The profile-file operations of a native call (list, find, write, remove) and the readers of what they leave:
/// the native library owns the files; this side only asks.
/// </summary>
internal sealed unsafe partial class NativeCall
{
    /// <summary>Lists the profiles of the files the document names; the span is only borrowed.</summary>
    public CallStatus ListProfiles(ReadOnlySpan<byte> profileJson) => WithDocument(profileJson, Interop.sm_profile_list);

    /// <summary>Finds the document's profile (zero or one result); the span is only borrowed.</summary>
    public CallStatus FindProfile(ReadOnlySpan<byte> profileJson) => WithDocument(profileJson, Interop.sm_profile_find);

    /// <summary>Removes the document's profile from its files; the span is only borrowed.</summary>
    public CallStatus RemoveProfile(ReadOnlySpan<byte> profileJson) => WithDocument(profileJson, Interop.sm_profile_remove);

    /// <summary>Writes keys as the document's profile; the key spans are borrowed and the caller wipes them.</summary>
    public CallStatus WriteProfile(ReadOnlySpan<byte> profileJson, ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> sessionToken)
    {
        fixed (byte* json = profileJson)
        fixed (byte* secret = secretKey)
        fixed (byte* token = sessionToken)
        {
            return Interop.sm_profile_write(
                _handle,
                SliceByte.From((IntPtr)json, (ulong)profileJson.Length),
                SliceByte.From((IntPtr)secret, (ulong)secretKey.Length),
                SliceByte.From((IntPtr)token, (ulong)sessionToken.Length));
        }
    }

    /// <summary>How many profiles the last profile operation left.</summary>
    public int ProfileCount => (int)(Number(Interop.sm_call_profile_count) ?? 0);

    public string? ProfileName(uint index) => Text((h, b) => Interop.sm_call_profile_name(h, index, b));

    public string? ProfileLocation(uint index) => Text((h, b) => Interop.sm_call_profile_location(h, index, b));

    public string? ProfileAccessKey(uint index) => Text((h, b) => Interop.sm_call_profile_access_key(h, index, b));

    public string? ProfileSecretKey(uint index) => SecretText((h, b) => Interop.sm_call_profile_secret_key(h, index, b));

    public string? ProfileSessionToken(uint index) => SecretText((h, b) => Interop.sm_call_profile_session_token(h, index, b));

    /// <summary>Like <see cref="Text"/>, for a key: read into a heap buffer that is wiped before returning.</summary>
    private string? SecretText(Func<ulong, SliceMutByte, TextAnswer> reader)
    {
        var size = 256UL;
        while (true)
        {
            var buffer = new byte[size];
            try
            {
                fixed (byte* bytes = buffer)
                {
                    var answer = reader(_handle, SliceMutByte.From((IntPtr)bytes, size));
                    if (!answer.status.IsOk) return null;
                    if (answer.length <= size) return Encoding.UTF8.GetString(bytes, (int)answer.length);
                    size = answer.length;
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(buffer);
            }
        }
    }
}
