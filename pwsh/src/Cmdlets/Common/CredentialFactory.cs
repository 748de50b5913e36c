using System.Management.Automation;
using Amazon.PowerShell.Common;

namespace SecretsManager.Native.Cmdlets;

/// <summary>Turns the companion cmdlets' credential parameters into the module's credential object.</summary>
internal static class CredentialFactory
{
    /// <summary>Keys (both needed) → profile → credential object; null when none is usable.</summary>
    internal static AWSPSCredentials? FromParameters(PSCmdlet cmdlet, string? accessKey, string? secretKey,
        string? sessionToken, string? profileName, string? profileLocation, object? credential)
    {
        if (!string.IsNullOrEmpty(accessKey) && !string.IsNullOrEmpty(secretKey))
        {
            return new AWSPSCredentials(string.IsNullOrEmpty(sessionToken) ? "Basic" : "Session",
                accessKey, secretKey, sessionToken, null, null);
        }
        if (!string.IsNullOrEmpty(profileName))
        {
            return FromProfile(cmdlet, profileName, profileLocation);
        }
        return credential is null ? null : FromObject(credential);
    }

    /// <summary>
    /// A credential object as the shell keeps it: this module's own as it is; fixed keys copied (this module's
    /// BasicAWSCredentials/SessionAWSCredentials, and a PowerShell object whose GetCredentials() is a script
    /// method, which only the runspace that made it can run); any other object with GetCredentials() (the AWS
    /// SDK's, as AWS Tools hands it over) kept and asked at each use, as AWS Tools keeps it, so that one that
    /// refreshes its keys goes on doing so. Null without GetCredentials() or, for a copy, without keys; a
    /// GetCredentials() that fails while copying is an InvalidOperationException.
    /// </summary>
    internal static AWSPSCredentials? FromObject(object credential)
    {
        var value = ShellCredentials.Unwrap(credential);
        if (value is AWSPSCredentials own) return own;
        if (!ShellCredentials.HasGetCredentials(credential)) return null;
        if (value is Amazon.Runtime.BasicAWSCredentials or Amazon.Runtime.SessionAWSCredentials or PSCustomObject)
        {
            return ShellCredentials.Keys(credential) is { } keys
                ? new AWSPSCredentials("Basic", keys.AccessKey, keys.SecretKey, keys.Token, null, null)
                : null;
        }
        return new AWSPSCredentials("Basic", null, null, null, null, null, credential);
    }

    /// <summary>
    /// A profile: its keys when it holds plain keys (so GetCredentials() works), else a reference that the
    /// native library resolves at each call (role, SSO, process, web identity profiles). Missing: null.
    /// </summary>
    internal static AWSPSCredentials? FromProfile(PSCmdlet cmdlet, string name, string? location)
    {
        var (found, keys) = ProfileFiles.Find(cmdlet, name, location);
        if (!found) return null;
        return keys is null
            ? new AWSPSCredentials(name, null, null, null, name, location)
            : new AWSPSCredentials(name, keys.AccessKey, keys.SecretKey, keys.Token, name, location);
    }
}
