using System.Management.Automation;

namespace Amazon.PowerShell.Common;

/// <summary>
/// A credential object of the shell, as AWS Tools keeps in <c>$StoredAWSCredentials</c>: keys, or a reference
/// to a profile (resolved by the native library at each call, so role and SSO profiles refresh). The secret
/// key and token are internal: only <see cref="GetCredentials"/> hands them out, as AWS SDK credentials do.
/// </summary>
public sealed class AWSPSCredentials : Amazon.Runtime.AWSCredentials
{
    internal AWSPSCredentials(string name, string? accessKey, string? secretKey, string? token,
        string? profileName, string? profileLocation)
    {
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

    /// <summary>The keys, as AWS SDK credentials offer them; null for a profile reference.</summary>
    public override Amazon.Runtime.ImmutableCredentials? GetCredentials() =>
        AccessKey is null ? null : new Amazon.Runtime.ImmutableCredentials(AccessKey, SecretKey ?? "", Token);

    public override string ToString() => Name;
}
