namespace Amazon.PowerShell.Common;

/// <summary>A region as Get-DefaultAWSRegion returns it (AWS Tools' AWSRegion).</summary>
public sealed class AWSRegion
{
    public AWSRegion(string region, bool isShellDefault)
    {
        Region = region;
        Name = region;
        IsShellDefault = isShellDefault;
    }

    /// <summary>The system name, e.g. us-east-1.</summary>
    public string Region { get; }

    /// <summary>The display name; the system name here, as the module carries no region table.</summary>
    public string Name { get; }

    public bool IsShellDefault { get; }

    public override string ToString() => Region;
}
