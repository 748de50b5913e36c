using System;
using System.Linq;
using System.Management.Automation;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// Remove-AWSCredentialProfile, as in AWS Tools: removes a profile from the shared files (every section of
/// that name, from the credentials and the config file, or from -ProfileLocation's file only), after
/// confirmation (ConfirmImpact High; -Force skips it). A profile that does not exist is an error; one that
/// is still found in the default files afterwards (after -ProfileLocation) is a warning.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "AWSCredentialProfile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveAWSCredentialProfileCmdlet : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias(CredentialArgumentsCmdlet.StoredCredentialsAlias)]
    public string ProfileName { get; set; } = "";

    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    [Alias(CredentialArgumentsCmdlet.AWSProfilesLocationAlias, CredentialArgumentsCmdlet.ProfilesLocationAlias)]
    public string? ProfileLocation { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var location = ShellCredentials.ResolvePath(this, ProfileLocation);
        if (!ProfileFiles.Find(this, ProfileName, location).Found)
        {
            ThrowTerminatingError(FailureRecords.BadParameter(new ArgumentException($"The CredentialProfile '{ProfileName}' does not exist."), this));
        }
        // As AWS Tools: -WhatIf wins over -Force; -Force skips the question.
        var whatIf = MyInvocation.BoundParameters.ContainsKey("WhatIf");
        if ((whatIf || !Force.IsPresent) && !ShouldProcess(ProfileName, "Remove-AWSCredentialProfile")) return;
        ProfileFiles.Remove(this, ProfileName, location);
        foreach (var leftover in ProfileFiles.List(this, null).Where(p => p.Name == ProfileName))
        {
            WriteWarning($"Remove succeeded, but there is still a profile named '{ProfileName}' in the shared credentials file at {leftover.Location}.");
        }
    }
}
