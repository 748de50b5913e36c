using System.Management.Automation;
using SecretsManager.Native.Interop;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// The credential, region and endpoint parameters every AWS service cmdlet has (AWS Tools'
/// AWSCommonArgumentsCmdlet and ServiceCmdlet), and how they travel to the native library.
/// The cmdlet's own parameters and behaviour live in the derived class.
/// </summary>
public abstract class ServiceCmdlet : PSCmdlet
{
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("RegionToCall")]
    public object? Region { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? EndpointUrl { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("AK")]
    public string? AccessKey { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("SK", "SecretAccessKey")]
    public string? SecretKey { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ST")]
    public string? SessionToken { get; set; }

    /// <summary>Adds where to call and as whom to the request document.</summary>
    internal void AddConnection(RequestDocument document) => document
        .Add("Region", RegionName(Region))
        .Add("EndpointUrl", EndpointUrl)
        .Add("AccessKey", AccessKey)
        .Add("SecretKey", SecretKey)
        .Add("SessionToken", SessionToken);

    /// <summary>A region given as a system name, or as a region object with a <c>Region</c> property.</summary>
    private static string? RegionName(object? region) => region switch
    {
        null => null,
        PSObject wrapped => RegionName(wrapped.BaseObject is PSCustomObject ? wrapped.Properties["Region"]?.Value : wrapped.BaseObject),
        string name => name,
        _ => region.GetType().GetProperty("Region")?.GetValue(region) as string ?? region.ToString(),
    };
}
