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
        if (credential is not null)
        {
            if (ShellCredentials.Unwrap(credential) is AWSPSCredentials own) return own;
            if (ShellCredentials.Keys(credential) is { } keys)
            {
                return new AWSPSCredentials("Basic", keys.AccessKey, keys.SecretKey, keys.Token, null, null);
            }
        }
        return null;
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
