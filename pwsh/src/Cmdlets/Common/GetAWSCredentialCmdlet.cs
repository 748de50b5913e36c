using System.Linq;
using System.Management.Automation;
using Amazon.PowerShell.Common;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// Get-AWSCredential, with AWS Tools' parameter sets: the shell's $StoredAWSCredentials, a profile's
/// credentials (-ProfileName; nothing when there is no such profile), the profile names (-ListProfile,
/// deprecated in AWS Tools, with its warning) or the profiles with their files (-ListProfileDetail).
/// </summary>
[Cmdlet(VerbsCommon.Get, "AWSCredential", DefaultParameterSetName = "Shell")]
[Alias("Get-AWSCredentials")]
[OutputType(typeof(AWSPSCredentials), typeof(string), typeof(ProfileInfo))]
public sealed class GetAWSCredentialCmdlet : PSCmdlet
{
    /// <summary>AWS Tools' words, byte for byte.</summary>
    internal const string ListProfileDeprecated =
        "The ListProfile switch is deprecated and will be removed from a future release.  Please use ListProfileDetail instead.";

    [Parameter(ParameterSetName = "SingleProfile", Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias(CredentialArgumentsCmdlet.StoredCredentialsAlias, CredentialArgumentsCmdlet.AWSProfileNameAlias)]
    public string? ProfileName { get; set; }

    [Parameter(ParameterSetName = "SingleProfile", ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = "ListName", ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = "ListDetail", ValueFromPipelineByPropertyName = true)]
    [Alias(CredentialArgumentsCmdlet.AWSProfilesLocationAlias, CredentialArgumentsCmdlet.ProfilesLocationAlias)]
    public string? ProfileLocation { get; set; }

    [Parameter(ParameterSetName = "ListName", ValueFromPipelineByPropertyName = true)]
    [Alias("ListStoredCredentials", "ListProfiles")]
    public SwitchParameter ListProfile { get; set; }

    [Parameter(ParameterSetName = "ListDetail", ValueFromPipelineByPropertyName = true)]
    public SwitchParameter ListProfileDetail { get; set; }

    protected override void ProcessRecord()
    {
        var location = ShellCredentials.ResolvePath(this, ProfileLocation);
        if (ListProfile.IsPresent)
        {
            WriteWarning(ListProfileDeprecated);
            WriteObject(ProfileFiles.List(this, location).Select(profile => profile.Name), enumerateCollection: true);
            return;
        }
        if (ListProfileDetail.IsPresent)
        {
            var details = ProfileFiles.List(this, location).Select(profile => new ProfileInfo(profile.Name, profile.Location));
            WriteObject(details, enumerateCollection: true);
            return;
        }
        if (string.IsNullOrEmpty(ProfileName))
        {
            // As AWS Tools: the credential object inside, so a kept AWS SDK object comes back as itself.
            if (ShellCredentials.Stored(this) is { } stored) WriteObject(stored.Source ?? stored);
            return;
        }
        // As in AWS Tools, a profile that does not exist gives nothing, not an error.
        if (CredentialFactory.FromProfile(this, ProfileName, location) is { } found) WriteObject(found);
    }
}
