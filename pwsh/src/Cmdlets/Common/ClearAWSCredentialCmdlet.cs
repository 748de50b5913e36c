using System.Management.Automation;

namespace SecretsManager.Native.Cmdlets;

/// <summary>Clear-AWSCredential: sets $StoredAWSCredentials to $null (current scope or -Scope).</summary>
[Cmdlet(VerbsCommon.Clear, "AWSCredential")]
[Alias("Clear-AWSCredentials")]
public sealed class ClearAWSCredentialCmdlet : PSCmdlet
{
    [Parameter]
    [ValidateSet("Global", "Local", "Script", "Private")]
    public string? Scope { get; set; }

    protected override void ProcessRecord() => ShellScope.Set(this, ShellCredentials.CredentialsVariable, null, Scope);
}
