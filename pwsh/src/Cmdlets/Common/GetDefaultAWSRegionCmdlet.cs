using System.Management.Automation;
using Amazon.PowerShell.Common;

namespace SecretsManager.Native.Cmdlets;

/// <summary>Get-DefaultAWSRegion: the region in $StoredAWSRegion as an AWSRegion, or nothing.</summary>
[Cmdlet(VerbsCommon.Get, "DefaultAWSRegion")]
[OutputType(typeof(AWSRegion))]
public sealed class GetDefaultAWSRegionCmdlet : PSCmdlet
{
    protected override void ProcessRecord()
    {
        if (SessionState.PSVariable.GetValue(ShellCredentials.RegionVariable) is string { Length: > 0 } region)
        {
            WriteObject(new AWSRegion(region, isShellDefault: true));
        }
    }
}
