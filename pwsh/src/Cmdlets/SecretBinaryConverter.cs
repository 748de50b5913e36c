using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;

namespace Amazon.PowerShell.Common;

/// <summary>
/// Turns a -SecretBinary argument into bytes as AWS Tools' MemoryStreamParameterConverter does:
/// text as UTF-8 (never a path), streams, lines of text, files; anything else is left to PowerShell's
/// own conversion to byte[], whose binding error names the parameter.
/// Public because Pester's Mock copies the attribute into the mock's parameter block.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class MemoryStreamParameterConverter : ArgumentTransformationAttribute
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) => Convert(inputData);

    internal static object? Convert(object? input)
    {
        switch (input)
        {
            case PSObject { BaseObject: not null } wrapped when wrapped.BaseObject is not PSCustomObject:
                return Convert(wrapped.BaseObject);
            case string text:
                return Utf8NoBom.GetBytes(text);
            case byte[] bytes:
                return bytes;
            case MemoryStream memory:
                return memory.ToArray();
            case Stream stream:
                using (stream)
                using (var copy = new MemoryStream())
                {
                    stream.CopyTo(copy, 81920);
                    return copy.ToArray();
                }
            case FileInfo file:
                return File.ReadAllBytes(file.FullName);
            case IEnumerable items when AllText(items, out var lines):
                return Lines(lines);
            default:
                return input;
        }
    }

    /// <summary>Every item is a string (a PSObject around a string counts, as Get-Content emits them).</summary>
    private static bool AllText(IEnumerable items, out string[] lines)
    {
        var list = items.Cast<object?>().Select(i => i is PSObject p ? p.BaseObject : i).ToList();
        lines = list.OfType<string>().ToArray();
        return lines.Length == list.Count;
    }

    /// <summary>Each line followed by the platform newline, the last one included.</summary>
    private static byte[] Lines(string[] lines)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, Utf8NoBom))
        {
            foreach (var line in lines) writer.WriteLine(line);
        }
        return buffer.ToArray();
    }
}
