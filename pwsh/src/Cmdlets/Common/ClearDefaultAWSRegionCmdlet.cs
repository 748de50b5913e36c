using System.Management.Automation;

namespace SecretsManager.Native.Cmdlets;

/// <summary>Clear-DefaultAWSRegion: sets $StoredAWSRegion to $null (current scope or -Scope).</summary>
[Cmdlet(VerbsCommon.Clear, "DefaultAWSRegion")]
public sealed class ClearDefaultAWSRegionCmdlet : PSCmdlet
{
    [Parameter]
    [ValidateSet("Global", "Local", "Script", "Private")]
    public string? Scope { get; set; }

    protected override void ProcessRecord() => ShellScope.Set(this, ShellCredentials.RegionVariable, null, Scope);
}
