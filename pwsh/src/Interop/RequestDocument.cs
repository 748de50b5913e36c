using System;
using System.Collections.Generic;
using System.Text;

namespace SecretsManager.Native.Interop;

/// <summary>
/// Writes the JSON request document the native library reads (every input except the secret value).
/// Keys are the cmdlet's parameter names. A tiny writer instead of System.Text.Json, which pwsh has
/// not loaded yet and would cost milliseconds at first use.
/// </summary>
internal sealed class RequestDocument
{
    private readonly StringBuilder _json = new("{");

    /// <summary>Adds a string member; null values are left out.</summary>
    public RequestDocument Add(string name, string? value)
    {
        if (value is null) return this;
        Key(name);
        AppendString(value);
        return this;
    }

    public RequestDocument Add(string name, bool value)
    {
        if (!value) return this;
        Key(name);
        _json.Append("true");
        return this;
    }

    /// <summary>Adds a boolean member, false included; null is left out.</summary>
    public RequestDocument Add(string name, bool? value)
    {
        if (value is null) return this;
        Key(name);
        _json.Append(value.Value ? "true" : "false");
        return this;
    }

    /// <summary>Adds a string array member; a null array is left out, null elements are dropped.</summary>
    public RequestDocument Add(string name, IReadOnlyList<string?>? values)
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
    public RequestDocument Add(string name, long? value)
    {
        if (value is null) return this;
        Key(name);
        _json.Append(value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>Adds a nested object member; null is left out.</summary>
    public RequestDocument Add(string name, RequestDocument? nested)
    {
        if (nested is null) return this;
        Key(name);
        _json.Append(nested._json).Append('}');
        return this;
    }

    /// <summary>Adds a string map member; null values are left out.</summary>
    public RequestDocument Add(string name, IReadOnlyDictionary<string, string?>? values)
    {
        if (values is null) return this;
        var nested = new RequestDocument();
        foreach (var (key, value) in values) nested.Add(key, value);
        return Add(name, nested);
    }

    /// <summary>The document as UTF-8 bytes; the caller wipes them after use (they may hold a key).</summary>
    public byte[] ToUtf8()
    {
        _json.Append('}');
        var bytes = Encoding.UTF8.GetBytes(_json.ToString());
        _json.Clear();
        return bytes;
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
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': _json.Append("\\\""); break;
                case '\\': _json.Append("\\\\"); break;
                case < ' ': _json.Append("\\u").Append(((int)c).ToString("x4")); break;
                default: _json.Append(c); break;
            }
        }
        _json.Append('"');
    }
}
