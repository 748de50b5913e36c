using System;
using System.Management.Automation;

namespace SecretsManager.Native.Cmdlets;

/// <summary>New-AWSCredential: a credential object for -Credential, from keys or a profile.</summary>
[Cmdlet(VerbsCommon.New, "AWSCredential")]
[Alias("New-AWSCredentials")]
[OutputType(typeof(Amazon.PowerShell.Common.AWSPSCredentials))]
public sealed class NewAWSCredentialCmdlet : PSCmdlet
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
    [Alias("StoredCredentials", "AWSProfileName")]
    public string? ProfileName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("AWSProfilesLocation", "ProfilesLocation")]
    public string? ProfileLocation { get; set; }

    protected override void ProcessRecord()
    {
        var credentials = CredentialFactory.FromParameters(this, AccessKey, SecretKey, SessionToken, ProfileName,
            ShellCredentials.ResolvePath(this, ProfileLocation), null);
        if (credentials is null)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("Cannot determine credentials from supplied parameters"),
                "NoCredentials", ErrorCategory.InvalidArgument, null));
        }
        WriteObject(credentials);
    }
}
