using System;
using System.Collections.Generic;
using System.Management.Automation;
using Amazon.PowerShell.Common;
using SecretsManager.Native.Interop;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// What the credential and region chains need from the shell: its variables (read through the caller's
/// scope, as AWS Tools does), credential objects turned into documents, and the environment, which .NET
/// keeps apart from the process environment the native library could read.
/// </summary>
internal static class ShellCredentials
{
    internal const string CredentialsVariable = "StoredAWSCredentials";
    internal const string RegionVariable = "StoredAWSRegion";

    /// <summary>$StoredAWSCredentials, only when it holds this module's credential object (as in V4).</summary>
    internal static AWSPSCredentials? Stored(PSCmdlet cmdlet) =>
        Unwrap(cmdlet.SessionState.PSVariable.GetValue(CredentialsVariable)) as AWSPSCredentials;

    /// <summary>
    /// Whether $StoredAWSCredentials holds AWS.Tools.Common's own AWSPSCredentials (a type of the same name, from the
    /// AWS Tools module loaded in the same session), whose keys that module keeps internal.
    /// </summary>
    internal static bool StoredByAwsTools(PSCmdlet cmdlet) =>
        Unwrap(cmdlet.SessionState.PSVariable.GetValue(CredentialsVariable)) is { } value
        && value is not AWSPSCredentials
        && value.GetType().FullName == typeof(AWSPSCredentials).FullName;

    /// <summary>
    /// A credential object as a document: this module's object, or any object whose <c>GetCredentials()</c>
    /// returns AccessKey/SecretKey/Token. Anything else is a clear argument error naming the parameter; a
    /// <c>GetCredentials()</c> that fails (an AWS SDK object that cannot refresh) is a terminating
    /// InvalidOperationException record naming the parameter and giving the object's reason.
    /// </summary>
    internal static JsonDocumentWriter Describe(PSCmdlet cmdlet, object value, string parameter)
    {
        var own = Unwrap(value) as AWSPSCredentials;
        (string? AccessKey, string? SecretKey, string? Token)? keys;
        try { keys = own is null ? Keys(value) : own.CurrentKeys(); }
        catch (InvalidOperationException failure)
        {
            cmdlet.ThrowTerminatingError(FailureRecords.CredentialObjectFailed(CredentialName(parameter), FailureRecords.GetCredentialsThrew(failure), cmdlet));
            throw;
        }
        if (own?.Source is not null && keys is null)
        {
            // Not a fall-through to the next source: the call would be made as another identity.
            cmdlet.ThrowTerminatingError(FailureRecords.CredentialObjectFailed(CredentialName(parameter), "its GetCredentials() gave no access key and secret key", cmdlet));
        }
        if (own is not null)
        {
            return new JsonDocumentWriter()
                .Add("AccessKey", keys?.AccessKey).Add("SecretKey", keys?.SecretKey).Add("SessionToken", keys?.Token)
                .Add("ProfileName", own.ProfileName).Add("ProfileLocation", own.ProfileLocation);
        }
        if (keys is null)
        {
            cmdlet.ThrowTerminatingError(FailureRecords.InvalidArgument(
                new ArgumentException($"The value of -{parameter} is not a credential object: use New-AWSCredential, Get-AWSCredential, or an object with a GetCredentials() method returning AccessKey, SecretKey and Token.", parameter),
                "InvalidCredentialObject", null));
        }
        return new JsonDocumentWriter()
            .Add("AccessKey", keys!.Value.AccessKey).Add("SecretKey", keys.Value.SecretKey).Add("SessionToken", keys.Value.Token);
    }

    /// <summary>
    /// The keys of any object with GetCredentials() (such as the AWS SDK's AWSCredentials), else null. A
    /// GetCredentials() that throws is an InvalidOperationException with the message of what it threw.
    /// </summary>
    internal static (string? AccessKey, string? SecretKey, string? Token)? Keys(object value)
    {
        if (GetCredentialsMethod(value) is not { } method) return null;
        object? result;
        try { result = method.Invoke(); }
        catch (MethodInvocationException failure)
        {
            throw new InvalidOperationException((failure.InnerException ?? failure).Message.TrimEnd(), failure);
        }
        if (result is null) return null;
        var properties = PSObject.AsPSObject(result).Properties;
        var access = properties["AccessKey"]?.Value as string;
        var secret = properties["SecretKey"]?.Value as string;
        return string.IsNullOrEmpty(access) || string.IsNullOrEmpty(secret)
            ? null
            : (access, secret, properties["Token"]?.Value as string);
    }

    /// <summary>The shell's environment variables that the native library reads (its list), as pwsh sees them.</summary>
    internal static IReadOnlyDictionary<string, string?> Environment() => GatheredEnvironment.Current();

    /// <summary>A path relative to the pwsh location (not the process directory), or null.</summary>
    internal static string? ResolvePath(PSCmdlet cmdlet, string? path) =>
        string.IsNullOrEmpty(path) ? null
        : ResolvesToItself(path) ? path
        : cmdlet.GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>
    /// Whether PowerShell would give this path back unchanged: on Linux and macOS a rooted path with no backslash
    /// or backtick, no empty, "." or ".." segment and no trailing slash (what PowerShell rewrites, or might).
    /// Asking PowerShell cost about 80 µs a call on Linux (bench/analysis.md), where resolving through the "/"
    /// drive re-validates the drive by reading /proc/self/mountinfo, and -ProfileLocation is resolved on every call. Windows paths
    /// always go through PowerShell (a one-letter drive may be a PSDrive with another root).
    /// </summary>
    internal static bool ResolvesToItself(string path) =>
        !OperatingSystem.IsWindows()
        && path.Length > 1
        && path[0] == '/'
        && path.IndexOfAny(RewrittenCharacters) < 0
        && !path.Contains("//", StringComparison.Ordinal)
        && !path.Contains("/./", StringComparison.Ordinal)
        && !path.Contains("/../", StringComparison.Ordinal)
        && !path.EndsWith('/')
        && !path.EndsWith("/.", StringComparison.Ordinal)
        && !path.EndsWith("/..", StringComparison.Ordinal);

    // A backslash is a separator to PowerShell on every platform; a backtick is its escape character.
    private static readonly char[] RewrittenCharacters = ['\\', '`'];

    /// <summary>How a message names where a credential object came from: $StoredAWSCredentials or -Credential.</summary>
    private static string CredentialName(string parameter) => parameter == CredentialsVariable ? $"${parameter}" : $"-{parameter}";

    /// <summary>Whether the value has a GetCredentials() method, without calling it.</summary>
    internal static bool HasGetCredentials(object value) => GetCredentialsMethod(value) is not null;

    private static PSMethodInfo? GetCredentialsMethod(object value) => PSObject.AsPSObject(value).Methods["GetCredentials"];

    internal static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
