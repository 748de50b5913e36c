using System.Management.Automation;

namespace SecretsManager.Native.Cmdlets;

/// <summary>New-AWSCredential: a credential object for -Credential, from keys or a profile.</summary>
[Cmdlet(VerbsCommon.New, "AWSCredential")]
[Alias("New-AWSCredentials")]
[OutputType(typeof(Amazon.PowerShell.Common.AWSPSCredentials))]
public sealed class NewAWSCredentialCmdlet : CredentialArgumentsCmdlet
{
    protected override void ProcessRecord()
    {
        var credentials = CredentialsFromArguments(null);
        if (credentials is null)
        {
            ThrowTerminatingError(FailureRecords.NoCredentials());
        }
        WriteObject(credentials);
    }
}
