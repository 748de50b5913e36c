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
    /// $AWSProxy, or null when it is not set, has no host or a port of 0 or less (AWS Tools uses no proxy then).
    /// BypassOnLocal is left to the native side, which chooses the endpoint (it may come from the environment or a
    /// profile).
    /// </summary>
    internal static ProxySettings? For(PSCmdlet cmdlet)
    {
        if (ShellCredentials.Unwrap(cmdlet.SessionState.PSVariable.GetValue(VariableName)) is not ProxySettings { UseProxy: true, Port: > 0 } settings)
        {
            return null;
        }
        if (settings.Port > 65535) throw Error("its Port must be 1 to 65535.");
        if (settings.BypassList is { Count: > 0 }) throw Error("BypassList is not supported; list the hosts in the NO_PROXY environment variable instead.");
        return settings;
    }

    /// <summary>The user name and password for the proxy, from the settings' ICredentials (a NetworkCredential).</summary>
    internal static NetworkCredential? Credential(ProxySettings settings) =>
        settings.Credentials?.GetCredential(new Uri($"http://{settings.Hostname}:{settings.Port}"), "Basic");

    private static ArgumentException Error(string detail) => new($"The shell proxy $AWSProxy (Set-AWSProxy) is not usable: {detail}", VariableName);
}
