using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Amazon.PowerShell.Common;

/// <summary>
/// Turns a -SecretBinary argument into bytes as AWS Tools' MemoryStreamParameterConverter does:
/// text as UTF-8 (never a path), streams, lines of text, files; anything else is left to PowerShell's
/// own conversion to byte[], whose binding error names the parameter. The bytes it makes are the only copy it
/// leaves (no intermediate buffers) and are remembered, so that the cmdlet can wipe them when it is done
/// (<see cref="WipeCopy"/>); a byte[] given as is belongs to the caller and is never wiped.
/// Public because Pester's Mock copies the attribute into the mock's parameter block.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class MemoryStreamParameterConverter : ArgumentTransformationAttribute
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The arrays this converter made, weakly held (a mock's binding never wipes its own).</summary>
    private static readonly ConditionalWeakTable<byte[], object> Copies = new();
    private static readonly object Made = new();

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) => Convert(inputData);

    internal static object? Convert(object? input)
    {
        var converted = Converted(input);
        var given = input is PSObject wrapped ? wrapped.BaseObject : input;
        if (converted is byte[] bytes && !ReferenceEquals(bytes, given)) Copies.AddOrUpdate(bytes, Made);
        return converted;
    }

    /// <summary>Zeroes <paramref name="bytes"/> if this converter made them (a copy of the secret); never the caller's.</summary>
    internal static void WipeCopy(byte[]? bytes)
    {
        if (bytes is not null && Copies.TryGetValue(bytes, out _)) CryptographicOperations.ZeroMemory(bytes);
    }

    private static object? Converted(object? input)
    {
        switch (input)
        {
            case PSObject { BaseObject: not null } wrapped when wrapped.BaseObject is not PSCustomObject:
                return Converted(wrapped.BaseObject);
            case string text:
                return Utf8NoBom.GetBytes(text);
            case byte[] bytes:
                return bytes;
            case MemoryStream memory:
                return memory.ToArray();
            case Stream stream:
                using (stream) return ReadAll(stream);
            case FileInfo file:
                return File.ReadAllBytes(file.FullName);
            case IEnumerable items when AllText(items, out var lines):
                return Lines(lines);
            default:
                return input;
        }
    }

    /// <summary>The rest of the stream, in one array; each buffer outgrown on the way is wiped.</summary>
    private static byte[] ReadAll(Stream stream)
    {
        var buffer = new byte[stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : 81920];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                var next = stream.ReadByte();
                if (next < 0) return buffer;
                var grown = new byte[Math.Max(81920, buffer.Length * 2)];
                buffer.CopyTo(grown, 0);
                CryptographicOperations.ZeroMemory(buffer);
                buffer = grown;
                buffer[length++] = (byte)next;
            }
            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0) break;
            length += read;
        }
        var exact = buffer.AsSpan(0, length).ToArray();
        CryptographicOperations.ZeroMemory(buffer);
        return exact;
    }

    /// <summary>Every item is a string (a PSObject around a string counts, as Get-Content emits them).</summary>
    private static bool AllText(IEnumerable items, out string[] lines)
    {
        var list = items.Cast<object?>().Select(i => i is PSObject p ? p.BaseObject : i).ToList();
        lines = list.OfType<string>().ToArray();
        return lines.Length == list.Count;
    }

    /// <summary>Each line followed by the platform newline, the last one included; encoded straight into one array.</summary>
    private static byte[] Lines(string[] lines)
    {
        var newline = Environment.NewLine;
        var bytes = new byte[lines.Sum(line => Utf8NoBom.GetByteCount(line) + Utf8NoBom.GetByteCount(newline))];
        var at = 0;
        foreach (var line in lines)
        {
            at += Utf8NoBom.GetBytes(line, 0, line.Length, bytes, at);
            at += Utf8NoBom.GetBytes(newline, 0, newline.Length, bytes, at);
        }
        return bytes;
    }
}
