using System;
using System.Management.Automation;
using System.Net;
using Amazon.PowerShell.Common;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// The shell's proxy, <c>$AWSProxy</c> (Set-AWSProxy), read through the caller's scope as AWS Tools reads it. As in
/// AWS Tools it wins over <c>-ClientConfig</c>'s proxy and the proxy environment variables.
/// </summary>
internal static class ShellProxy
{
    internal const string VariableName = "AWSProxy";

    /// <summary>
    /// The proxy for a call to <paramref name="endpointUrl"/> (null: the AWS endpoint), or null when $AWSProxy is not
    /// set, has no host or a port of 0 or less (AWS Tools uses no proxy then), or bypasses a local endpoint.
    /// </summary>
    internal static ProxySettings? For(PSCmdlet cmdlet, string? endpointUrl)
    {
        if (ShellCredentials.Unwrap(cmdlet.SessionState.PSVariable.GetValue(VariableName)) is not ProxySettings { UseProxy: true, Port: > 0 } settings)
        {
            return null;
        }
        if (settings.Port > 65535) throw Error("its Port must be 1 to 65535.");
        if (settings.BypassList is { Count: > 0 }) throw Error("BypassList is not supported; list the hosts in the NO_PROXY environment variable instead.");
        return settings.BypassOnLocal == true && IsLocal(endpointUrl) ? null : settings;
    }

    /// <summary>The user name and password for the proxy, from the settings' ICredentials (a NetworkCredential).</summary>
    internal static NetworkCredential? Credential(ProxySettings settings) =>
        settings.Credentials?.GetCredential(new Uri($"http://{settings.Hostname}:{settings.Port}"), "Basic");

    /// <summary>Local as .NET's BypassProxyOnLocal sees it: a host name without a dot, localhost, or a loopback address.</summary>
    private static bool IsLocal(string? endpointUrl)
    {
        if (endpointUrl is null || !Uri.TryCreate(endpointUrl, UriKind.Absolute, out var uri)) return false;
        if (IPAddress.TryParse(uri.IdnHost, out var address)) return IPAddress.IsLoopback(address);
        return !uri.IdnHost.Contains('.') || string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase);
    }

    private static ArgumentException Error(string detail) => new($"The shell proxy $AWSProxy (Set-AWSProxy) is not usable: {detail}", VariableName);
}
