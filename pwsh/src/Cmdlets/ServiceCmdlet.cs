using System.Management.Automation;
using System.Security.Cryptography;
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

    /// <summary>Retry, timeout and endpoint settings; see ClientConfigSettings (reliability).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public object? ClientConfig { get; set; }

    /// <summary>The call in flight, for <see cref="StopProcessing"/>.</summary>
    private volatile NativeCall? _running;

    /// <summary>
    /// Opens a native call and resolves its region and credentials, as AWS Tools does before
    /// ShouldProcess: a missing one is a terminating error here. Dispose the call when done.
    /// </summary>
    internal NativeCall Connect()
    {
        var call = NativeCall.Open();
        byte[]? document = null;
        try
        {
            document = ConnectionDocument().ToUtf8();
            _running = call;
            if (!call.Connect(document).IsOk)
            {
                ThrowTerminatingError(FailureRecords.From(call, this));
            }
            WriteDebug($"Credentials obtained from {call.Text(Interop.Interop.sm_call_credentials_source)}");
            WriteDebug($"Region obtained from {call.Text(Interop.Interop.sm_call_region_source)} with value '{call.Text(Interop.Interop.sm_call_region)}'");
            return call;
        }
        catch
        {
            _running = null;
            call.Dispose();
            throw;
        }
        finally
        {
            if (document is not null) CryptographicOperations.ZeroMemory(document);
        }
    }

    /// <summary>Marks the end of the native work started by <see cref="Connect"/>.</summary>
    internal void EndCall() => _running = null;

    /// <summary>Ctrl+C / Stop-Job: cancel the native call, which then returns at once.</summary>
    protected override void StopProcessing() => _running?.Cancel();

    /// <summary>Where to call and as whom, as the native library's connection document.</summary>
    private RequestDocument ConnectionDocument()
    {
        var config = ClientConfigSettings.Read(ClientConfig, this);
        return new RequestDocument()
            .Add("Region", RegionName(Region) ?? config.Region)
            .Add("EndpointUrl", string.IsNullOrEmpty(EndpointUrl) ? config.ServiceUrl : EndpointUrl)
            .Add("AccessKey", AccessKey)
            .Add("SecretKey", SecretKey)
            .Add("SessionToken", SessionToken)
            .Add("ClientConfig", config.Document());
    }

    /// <summary>A region given as a system name, or as a region object with a <c>Region</c> property.</summary>
    private static string? RegionName(object? region) => region switch
    {
        null => null,
        PSObject wrapped => RegionName(wrapped.BaseObject is PSCustomObject ? wrapped.Properties["Region"]?.Value : wrapped.BaseObject),
        string name => name,
        _ => region.GetType().GetProperty("Region")?.GetValue(region) as string ?? region.ToString(),
    };
}
