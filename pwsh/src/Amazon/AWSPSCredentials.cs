using System.Management.Automation;

namespace Amazon.PowerShell.Common;

/// <summary>
/// A credential object of the shell, as AWS Tools keeps in <c>$StoredAWSCredentials</c>: keys, a reference
/// to a profile (resolved by the native library at each call, so role and SSO profiles refresh), or another
/// assembly's credential object (the AWS SDK's own, which may refresh itself), asked for its keys at each use.
/// The secret key and token are internal: only <see cref="GetCredentials"/> hands them out, as AWS SDK
/// credentials do.
/// </summary>
public sealed class AWSPSCredentials : Amazon.Runtime.AWSCredentials
{
    internal AWSPSCredentials(string name, string? accessKey, string? secretKey, string? token,
        string? profileName, string? profileLocation, object? source = null)
    {
        Source = source;
        Name = name;
        AccessKey = accessKey;
        SecretKey = secretKey;
        Token = token;
        ProfileName = profileName;
        ProfileLocation = profileLocation;
    }

    /// <summary>Where the credentials came from: a profile name or a source such as "Basic".</summary>
    public string Name { get; }

    /// <summary>The profile this object refers to, if any.</summary>
    public string? ProfileName { get; }

    public string? ProfileLocation { get; }

    internal string? AccessKey { get; }
    internal string? SecretKey { get; }
    internal string? Token { get; }

    /// <summary>
    /// A credential object this module did not make (AWS Tools and the AWS SDK keep theirs, so that one that
    /// refreshes keeps doing so); its keys are asked for with <see cref="CurrentKeys"/>, never copied here.
    /// </summary>
    internal object? Source { get; }

    /// <summary>
    /// The keys now: this object's own, or those <see cref="Source"/> gives (null when it gives none). A failing
    /// <c>GetCredentials()</c> of the source is an <see cref="System.InvalidOperationException"/> with its message.
    /// </summary>
    internal (string? AccessKey, string? SecretKey, string? Token)? CurrentKeys() =>
        Source is null ? (AccessKey, SecretKey, Token) : global::SecretsManager.Native.Cmdlets.ShellCredentials.Keys(Source);

    /// <summary>The keys, as AWS SDK credentials offer them; null for a profile reference.</summary>
    public override Amazon.Runtime.ImmutableCredentials? GetCredentials() =>
        CurrentKeys() is { AccessKey: { } access } keys
            ? new Amazon.Runtime.ImmutableCredentials(access, keys.SecretKey ?? "", keys.Token)
            : null;

    public override string ToString() => Name;
}
