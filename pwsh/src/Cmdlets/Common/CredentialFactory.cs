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
            var value = ShellCredentials.Unwrap(credential);
            if (value is AWSPSCredentials own) return own;
            if (value is Amazon.Runtime.AWSCredentials fixedKeys && ShellCredentials.Keys(fixedKeys) is { } keys)
            {
                // This module's BasicAWSCredentials/SessionAWSCredentials never change: their keys are copied.
                return new AWSPSCredentials("Basic", keys.AccessKey, keys.SecretKey, keys.Token, null, null);
            }
            if (value is not Amazon.Runtime.AWSCredentials && ShellCredentials.HasGetCredentials(credential))
            {
                // Another assembly's object (the AWS SDK's, as AWS Tools hands it over) is kept and asked at each
                // call, as AWS Tools keeps it: one that refreshes its keys goes on doing so.
                return new AWSPSCredentials("Basic", null, null, null, null, null, credential);
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
