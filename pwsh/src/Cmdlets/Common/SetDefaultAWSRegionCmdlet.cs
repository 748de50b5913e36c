using System;
using System.Management.Automation;

namespace SecretsManager.Native.Cmdlets;

/// <summary>Set-DefaultAWSRegion: stores a region's system name in $StoredAWSRegion (current scope or -Scope).</summary>
[Cmdlet(VerbsCommon.Set, "DefaultAWSRegion")]
public sealed class SetDefaultAWSRegionCmdlet : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public object? Region { get; set; }

    [Parameter]
    [ValidateSet("Global", "Local", "Script", "Private")]
    public string? Scope { get; set; }

    protected override void ProcessRecord()
    {
        var name = ServiceCmdlet.RegionName(Region);
        if (string.IsNullOrEmpty(name))
        {
            ThrowTerminatingError(FailureRecords.InvalidArgument(
                new ArgumentException("Unsupported parameter type; Region must be a string containing the system name for a region, or an AWSRegion instance", nameof(Region)),
                "InvalidRegion", Region));
        }
        ShellScope.Set(this, ShellCredentials.RegionVariable, name, Scope);
    }
}
