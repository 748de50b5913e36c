using System.Management.Automation;

namespace SecretsManager.Native.Cmdlets;

/// <summary>Clear-AWSProxy: sets $AWSProxy to $null (current scope or -Scope); later calls use no shell proxy.</summary>
[Cmdlet(VerbsCommon.Clear, "AWSProxy")]
[OutputType("None")]
public sealed class ClearAWSProxyCmdlet : PSCmdlet
{
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("Global", "Local", "Script", "Private")]
    public string? Scope { get; set; }

    protected override void ProcessRecord() => ShellScope.Set(this, ShellProxy.VariableName, null, Scope);
}
