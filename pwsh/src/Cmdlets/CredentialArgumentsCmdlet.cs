using System.Management.Automation;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// The credential parameters and their aliases, declared once, as AWS Tools declares them in its
/// credential-arguments cmdlet base (AWSCredentialsArgumentsFullCmdlet): keys, a profile and the profile file.
/// The service cmdlets (through <see cref="ServiceCmdlet"/>), New-AWSCredential and Set-AWSCredential derive
/// from it. A cmdlet that binds one of them differently (a position) overrides it, as AWS Tools does.
/// </summary>
public abstract class CredentialArgumentsCmdlet : PSCmdlet
{
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("AK")]
    public string? AccessKey { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("SK", "SecretAccessKey")]
    public string? SecretKey { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ST")]
    public string? SessionToken { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias(StoredCredentialsAlias, AWSProfileNameAlias)]
    public virtual string? ProfileName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias(AWSProfilesLocationAlias, ProfilesLocationAlias)]
    public string? ProfileLocation { get; set; }

    // The aliases of -ProfileName and -ProfileLocation, for a cmdlet that overrides them or binds them otherwise
    // (Get-AWSCredential's parameter sets, Remove-AWSCredentialProfile's positions): PowerShell inherits none.
    internal const string StoredCredentialsAlias = "StoredCredentials";
    internal const string AWSProfileNameAlias = "AWSProfileName";
    internal const string AWSProfilesLocationAlias = "AWSProfilesLocation";
    internal const string ProfilesLocationAlias = "ProfilesLocation";

    /// <summary>-ProfileLocation as a full path (relative to the shell's location, not the process's), or null.</summary>
    internal string? ProfileFile => ShellCredentials.ResolvePath(this, ProfileLocation);

    /// <summary>
    /// The credentials these parameters name (keys, then a profile), else <paramref name="credential"/>'s;
    /// null when none is usable (see <see cref="CredentialFactory.FromParameters"/>).
    /// </summary>
    internal Amazon.PowerShell.Common.AWSPSCredentials? CredentialsFromArguments(object? credential) =>
        CredentialFactory.FromParameters(this, AccessKey, SecretKey, SessionToken, ProfileName, ProfileFile, credential);
}
