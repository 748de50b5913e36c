using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace SecretsManager.Native.Interop;

/// <summary>
/// Writes the JSON request document the native library reads (every input except the secret value).
/// Keys are the cmdlet's parameter names. A tiny writer instead of System.Text.Json, which pwsh has
/// not loaded yet and would cost milliseconds at first use. The document may hold keys and passwords, so it is
/// never turned into a managed string: <see cref="ToUtf8"/> encodes the builder's characters and wipes them.
/// </summary>
internal sealed class JsonDocumentWriter
{
    private readonly StringBuilder _json = new("{");

    /// <summary>Adds a string member; null values are left out.</summary>
    public JsonDocumentWriter Add(string name, string? value)
    {
        if (value is null) return this;
        Key(name);
        AppendString(value);
        return this;
    }

    public JsonDocumentWriter Add(string name, bool value)
    {
        if (!value) return this;
        Key(name);
        _json.Append("true");
        return this;
    }

    /// <summary>Adds a boolean member, false included; null is left out.</summary>
    public JsonDocumentWriter Add(string name, bool? value)
    {
        if (value is null) return this;
        Key(name);
        _json.Append(value.Value ? "true" : "false");
        return this;
    }

    /// <summary>Adds a string array member; a null array is left out, null elements are dropped.</summary>
    public JsonDocumentWriter Add(string name, IReadOnlyList<string?>? values)
    {
        if (values is null) return this;
        Key(name);
        _json.Append('[');
        var first = true;
        foreach (var value in values)
        {
            if (value is null) continue;
            if (!first) _json.Append(',');
            AppendString(value);
            first = false;
        }
        _json.Append(']');
        return this;
    }

    /// <summary>Adds a number member; null is left out.</summary>
    public JsonDocumentWriter Add(string name, long? value)
    {
        if (value is null) return this;
        Key(name);
        _json.Append(value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>
    /// Adds a SecureString member (a proxy password), read from an unmanaged copy that is zeroed and freed at once,
    /// so that no managed string of it is made; null is left out.
    /// </summary>
    public JsonDocumentWriter Add(string name, SecureString? value)
    {
        if (value is null) return this;
        Key(name);
        var unmanaged = Marshal.SecureStringToGlobalAllocUnicode(value);
        try
        {
            _json.Append('"');
            for (var i = 0; i < value.Length; i++) AppendChar((char)Marshal.ReadInt16(unmanaged, i * sizeof(char)));
            _json.Append('"');
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
        }
        return this;
    }

    /// <summary>Adds a nested object member (whose own characters are then wiped); null is left out.</summary>
    public JsonDocumentWriter Add(string name, JsonDocumentWriter? nested)
    {
        if (nested is null) return this;
        Key(name);
        _json.Append(nested._json).Append('}');
        nested.Wipe();
        return this;
    }

    /// <summary>Adds a string map member; null values are left out.</summary>
    public JsonDocumentWriter Add(string name, IReadOnlyDictionary<string, string?>? values)
    {
        if (values is null) return this;
        var nested = new JsonDocumentWriter();
        foreach (var (key, value) in values) nested.Add(key, value);
        return Add(name, nested);
    }

    /// <summary>
    /// The document as UTF-8 bytes; the caller wipes them after use (they may hold a key). Encoded from a char
    /// array that is wiped with the builder, never from a string, which could not be wiped.
    /// </summary>
    public byte[] ToUtf8()
    {
        _json.Append('}');
        var chars = new char[_json.Length];
        try
        {
            _json.CopyTo(0, chars, chars.Length);
            return Encoding.UTF8.GetBytes(chars);
        }
        finally
        {
            Array.Clear(chars);
            Wipe();
        }
    }

    /// <summary>Zeroes the builder's characters (Clear alone only resets its length) and empties it.</summary>
    private void Wipe()
    {
        foreach (var chunk in _json.GetChunks()) MemoryMarshal.AsMemory(chunk).Span.Clear();
        _json.Clear();
    }

    private void Key(string name)
    {
        if (_json.Length > 1) _json.Append(',');
        AppendString(name);
        _json.Append(':');
    }

    private void AppendString(string value)
    {
        _json.Append('"');
        foreach (var c in value) AppendChar(c);
        _json.Append('"');
    }

    /// <summary>One character of a JSON string, escaped; without intermediate strings (it may be a password's).</summary>
    private void AppendChar(char c)
    {
        switch (c)
        {
            case '"': _json.Append("\\\""); break;
            case '\\': _json.Append("\\\\"); break;
            case < ' ': _json.Append("\\u00").Append(HexDigit(c >> 4)).Append(HexDigit(c & 0xf)); break;
            default: _json.Append(c); break;
        }
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);
}
