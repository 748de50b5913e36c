using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Amazon.PowerShell.Common;
using SecretsManager.Native.Interop;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// The <c>-ClientConfig</c> settings users actually change (ServiceURL, RegionEndpoint, UseFIPSEndpoint,
/// UseDualstackEndpoint, MaxErrorRetry, RetryMode, Timeout, ProxyHost, ProxyPort, ProxyCredentials), read from a hashtable or from any object with those properties (for example
/// an AmazonSecretsManagerConfig). Other keys of a hashtable or custom object are a clear error.
/// </summary>
internal sealed class ClientConfigSettings
{
    private static readonly string[] Known = { "ServiceURL", "RegionEndpoint", "UseFIPSEndpoint", "UseDualstackEndpoint", "MaxErrorRetry", "RetryMode", "Timeout", "ProxyHost", "ProxyPort", "ProxyCredentials", "ProxyBypassList" };

    public string? Region { get; private set; }
    private string? _serviceUrl;
    private bool? _useFipsEndpoint;
    private bool? _useDualstackEndpoint;
    private long? _maxErrorRetry;
    private string? _retryMode;
    private long? _timeoutMs;
    private string? _proxyHost;
    private long? _proxyPort;
    private (string User, SecureString Password)? _proxyCredentials;

    public static readonly ClientConfigSettings None = new();

    /// <summary>Reads <paramref name="config"/>; a bad value ends the cmdlet with an InvalidArgument error.</summary>
    public static ClientConfigSettings Read(object? config, Cmdlet cmdlet)
    {
        try
        {
            return config is null ? None : Parse(config);
        }
        catch (ArgumentException error)
        {
            cmdlet.ThrowTerminatingError(FailureRecords.BadParameter(error, "ClientConfig"));
            throw; // not reached
        }
    }

    /// <summary>
    /// The endpoint, retry, timeout and proxy part, as the target document's ClientConfig member. The shell's proxy
    /// (<c>$AWSProxy</c>), when given, replaces this object's proxy settings, as in AWS Tools.
    /// </summary>
    public JsonDocumentWriter? Document(ProxySettings? shellProxy = null)
    {
        var (host, port, credentials) = shellProxy is null
            ? (_proxyHost, _proxyPort, _proxyCredentials)
            : (shellProxy.Hostname, shellProxy.Port, ShellProxy.Credential(shellProxy) is { } c ? (c.UserName, c.SecurePassword) : ((string, SecureString)?)null);
        if (_serviceUrl is null && _useFipsEndpoint is null && _useDualstackEndpoint is null
            && _maxErrorRetry is null && _retryMode is null && _timeoutMs is null && host is null) return null;
        return new JsonDocumentWriter()
            .Add("ServiceUrl", _serviceUrl)
            .Add("UseFIPSEndpoint", _useFipsEndpoint)
            .Add("UseDualstackEndpoint", _useDualstackEndpoint)
            .Add("MaxErrorRetry", _maxErrorRetry)
            .Add("RetryMode", _retryMode)
            .Add("TimeoutMs", _timeoutMs)
            .Add("ProxyHost", host)
            .Add("ProxyPort", port)
            .Add("ProxyUserName", credentials?.Item1)
            .Add("ProxyPassword", credentials?.Item2)
            .Add("ProxyBypassOnLocal", shellProxy?.BypassOnLocal == true);
    }

    private static ClientConfigSettings Parse(object config)
    {
        var values = Values(config);
        var settings = new ClientConfigSettings();
        foreach (var (key, value) in values)
        {
            if (value is null) continue;
            switch (key.ToUpperInvariant())
            {
                case "SERVICEURL": settings._serviceUrl = value.ToString(); break;
                case "USEFIPSENDPOINT": settings._useFipsEndpoint = Switch(key, value); break;
                case "USEDUALSTACKENDPOINT": settings._useDualstackEndpoint = Switch(key, value); break;
                case "REGIONENDPOINT": settings.Region = RegionName(value); break;
                case "MAXERRORRETRY": settings._maxErrorRetry = Number(key, value); break;
                case "RETRYMODE": settings._retryMode = value.ToString(); break;
                case "TIMEOUT": settings._timeoutMs = TimeoutMs(value); break;
                case "PROXYHOST": if (!IsDefault(value)) settings._proxyHost = value.ToString(); break;
                case "PROXYPORT": if (!IsDefault(value)) settings._proxyPort = Number(key, value); break;
                case "PROXYCREDENTIALS": settings._proxyCredentials = ProxyCredentials(value); break;
                case "PROXYBYPASSLIST":
                    // .NET's bypass entries are regular expressions; NO_PROXY's host rules are not the same thing.
                    if (value is not IEnumerable list || list.Cast<object?>().Any()) throw Error("ProxyBypassList is not supported; list the hosts in the NO_PROXY environment variable instead.");
                    break;
            }
        }
        if ((settings._proxyHost is null) != (settings._proxyPort is null)) throw Error("ProxyHost and ProxyPort must be given together.");
        if (settings._proxyPort is < 1 or > 65535) throw Error("ProxyPort must be 1 to 65535.");
        if (settings._proxyCredentials is not null && settings._proxyHost is null) throw Error("ProxyCredentials need a ProxyHost and ProxyPort.");
        return settings;
    }

    /// <summary>
    /// A NetworkCredential or a PSCredential, sent to the proxy as basic credentials. The password stays a
    /// SecureString (no managed string of it is made here; see JsonDocumentWriter.Add).
    /// </summary>
    private static (string, SecureString) ProxyCredentials(object value) => value switch
    {
        PSCredential credential => (credential.UserName, credential.Password),
        System.Net.NetworkCredential network => (network.UserName, network.SecurePassword),
        _ => throw Error("ProxyCredentials must be a PSCredential (Get-Credential) or a System.Net.NetworkCredential."),
    };

    /// <summary>Key/value pairs of a hashtable or custom object (unknown keys refused), or a typed object's known properties.</summary>
    private static List<(string, object?)> Values(object config)
    {
        var result = new List<(string, object?)>();
        var baseObject = config is PSObject wrapped ? wrapped.BaseObject : config;
        if (baseObject is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary) result.Add((Checked(entry.Key?.ToString() ?? ""), Unwrap(entry.Value)));
            return result;
        }
        if (baseObject is string || baseObject.GetType().IsPrimitive)
        {
            throw Error($"A value of type {baseObject.GetType().Name} is not a client configuration; give a hashtable such as @{{ Timeout = [timespan]'00:00:10'; MaxErrorRetry = 2 }}.");
        }
        var properties = PSObject.AsPSObject(config).Properties;
        if (baseObject is PSCustomObject)
        {
            foreach (var property in properties) result.Add((Checked(property.Name), Unwrap(property.Value)));
            return result;
        }
        foreach (var name in Known)
        {
            var property = properties[name];
            if (property is not null) result.Add((name, Unwrap(SafeValue(property))));
        }
        return result;
    }

    private static object? SafeValue(PSPropertyInfo property)
    {
        try { return property.Value; } catch (GetValueException) { return null; }
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private static string Checked(string key)
    {
        foreach (var known in Known)
        {
            if (string.Equals(known, key, StringComparison.OrdinalIgnoreCase)) return key;
        }
        throw Error($"'{key}' is not a supported setting; supported: {string.Join(", ", Known)}.");
    }

    private static bool IsDefault(object value) => value switch
    {
        string text => text.Length == 0,
        int number => number <= 0,
        _ => false,
    };

    private static string? RegionName(object value) => value switch
    {
        string name => name,
        _ => value.GetType().GetProperty("SystemName")?.GetValue(value) as string ?? value.ToString(),
    };

    /// <summary>$true or $false (a switch too); a string such as 'false' would read as true, so it is refused.</summary>
    private static bool Switch(string key, object value) => value switch
    {
        bool flag => flag,
        SwitchParameter flag => flag.IsPresent,
        _ => throw Error($"{key} must be $true or $false."),
    };

    private static long Number(string key, object value)
    {
        try
        {
            return Convert.ToInt64(value, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw Error($"{key} must be a whole number.");
        }
    }

    /// <summary>The AWS SDK's ClientConfig.MaxTimeout: the longest Timeout it accepts (int.MaxValue milliseconds).</summary>
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>A TimeSpan, a TimeSpan string ('00:00:10'), or a number of seconds; longer than zero, at most MaxTimeout.</summary>
    private static long TimeoutMs(object value)
    {
        var milliseconds = value switch
        {
            TimeSpan timeSpan => timeSpan.TotalMilliseconds,
            string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed) => parsed.TotalMilliseconds,
            // As a double, so that no number (1e300, NaN) can overflow the conversion itself.
            byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal =>
                Convert.ToDouble(value, CultureInfo.InvariantCulture) * 1000,
            _ => throw Error("Timeout must be a TimeSpan (for example [timespan]'00:00:10') or a number of seconds."),
        };
        if (double.IsNaN(milliseconds) || milliseconds <= 0) throw Error("Timeout must be longer than zero.");
        if (milliseconds > MaxTimeout.TotalMilliseconds) throw Error($"Timeout must be at most {MaxTimeout} (the AWS SDK's ClientConfig.MaxTimeout).");
        return (long)Math.Ceiling(milliseconds);
    }

    private static ArgumentException Error(string detail) =>
        new($"The value of ClientConfig is not valid: {detail}", "ClientConfig");
}
