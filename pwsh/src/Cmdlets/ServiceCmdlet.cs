using System;
using System.Management.Automation;
using System.Security.Cryptography;
using SecretsManager.Native.Diagnostics;
using SecretsManager.Native.Interop;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// The parameters every AWS service cmdlet has besides the keys and profile of
/// <see cref="CredentialArgumentsCmdlet"/> (AWS Tools' AWSCommonArgumentsCmdlet and ServiceCmdlet): region,
/// endpoint, credential object, client configuration; and how they all travel to the native library.
/// The cmdlet's own parameters and behaviour live in the derived class.
/// </summary>
public abstract class ServiceCmdlet : CredentialArgumentsCmdlet
{
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("RegionToCall")]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public object? Region { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? EndpointUrl { get; set; }

    /// <summary>
    /// A credential object, bound from the pipeline by value as in AWS Tools: typed, so that only credential
    /// objects bind that way. Objects of other types with <c>GetCredentials()</c> (the AWS SDK's AWSCredentials)
    /// are converted when given by name.
    /// </summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [CredentialTransformation]
    public Amazon.Runtime.AWSCredentials? Credential { get; set; }

    /// <summary>Only for SAML role profiles, which are not supported: using it is a clear error.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public PSCredential? NetworkCredential { get; set; }

    /// <summary>Retry, timeout and endpoint settings; see ClientConfigSettings (reliability).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public object? ClientConfig { get; set; }

    /// <summary>The call in flight, for <see cref="StopProcessing"/>; set and read under <see cref="_stopGate"/>.</summary>
    private NativeCall? _running;

    /// <summary>A Stop arrived: any call opened from now on is cancelled as soon as it exists.</summary>
    private bool _stopRequested;

    private readonly object _stopGate = new();

    /// <summary>
    /// Opens a native call and resolves its region and credentials, as AWS Tools does before
    /// ShouldProcess: a missing one is a terminating error here. Dispose the call when done.
    /// </summary>
    internal NativeCall OpenResolvedCall()
    {
        if (NetworkCredential is not null)
        {
            ThrowTerminatingError(FailureRecords.NotSupported(
                "-NetworkCredential is not supported: SAML role profiles are not available in SecretsManager.Native. " +
                    "Use a profile with credential_process, sso_session or role_arn (see docs/compatibility.md).",
                "NetworkCredentialNotSupported", NetworkCredential));
        }
        var call = NativeCall.Open();
        byte[]? document = null;
        try
        {
            // From here a Stop cancels the handle, also while the document is built: the native call then
            // fails at once instead of running its lookups.
            Track(call);
            document = TargetDocument().ToUtf8();
            CallPhases.Lap(CallPhase.GatherEnvironment);
            if (!call.Resolve(document).IsOk)
            {
                ThrowTerminatingError(FailureRecords.From(call, this));
            }
            CallPhases.Lap(CallPhase.NativeResolve);
            if (Wants("Debug", "DebugPreference"))
            {
                WriteDebug($"Credentials obtained from {call.Text(Interop.Interop.sm_call_credentials_source)}");
                WriteDebug($"Region obtained from {call.Text(Interop.Interop.sm_call_region_source)} with value '{call.Text(Interop.Interop.sm_call_region)}'");
                WriteDebug($"Endpoint obtained from {call.Text(Interop.Interop.sm_call_endpoint_source)} with value '{call.Text(Interop.Interop.sm_call_endpoint)}'");
            }
            CallPhases.Lap(CallPhase.DebugMessages);
            return call;
        }
        catch
        {
            EndCall();
            call.Dispose();
            throw;
        }
        finally
        {
            if (document is not null) CryptographicOperations.ZeroMemory(document);
        }
    }

    /// <summary>
    /// Whether a debug or verbose message would be shown, as PowerShell decides it: the -Debug/-Verbose switch,
    /// else the preference variable seen from the caller's scope. Lets a call skip building messages (and
    /// reading their parts from the native call) that nobody sees.
    /// </summary>
    internal bool Wants(string commonSwitch, string preferenceVariable)
    {
        if (MyInvocation.BoundParameters.TryGetValue(commonSwitch, out var bound))
        {
            return bound is not SwitchParameter { IsPresent: false } && !false.Equals(bound);
        }
        var preference = SessionState.PSVariable.GetValue(preferenceVariable);
        if (preference is null) return false;
        return !LanguagePrimitives.TryConvertTo<ActionPreference>(preference, out var action)
            || action is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore);
    }

    /// <summary>Makes <paramref name="call"/> the one a Stop cancels; cancels it now if a Stop came first.</summary>
    private void Track(NativeCall call)
    {
        lock (_stopGate)
        {
            _running = call;
            if (_stopRequested) call.Cancel();
        }
    }

    /// <summary>Marks the end of the native work started by <see cref="Connect"/>.</summary>
    internal void EndCall()
    {
        lock (_stopGate) _running = null;
    }

    /// <summary>
    /// Ctrl+C / Stop-Job: cancel the native call, which then returns at once. A Stop that comes before the
    /// call's handle exists, or between the handle and the native call, is remembered and cancels it too.
    /// </summary>
    protected override void StopProcessing()
    {
        lock (_stopGate)
        {
            _stopRequested = true;
            _running?.Cancel();
        }
    }

    /// <summary>
    /// Where to call and as whom, as the native library's target document: the parameters, plus what
    /// only the shell knows (its variables through the caller's scope, its own copy of the environment).
    /// </summary>
    private JsonDocumentWriter TargetDocument()
    {
        var config = ClientConfigSettings.Read(ClientConfig, this);
        var document = new JsonDocumentWriter()
            .Add("Region", RegionName(Region) ?? config.Region)
            .Add("EndpointUrl", string.IsNullOrEmpty(EndpointUrl) ? null : EndpointUrl)
            .Add("AccessKey", AccessKey)
            .Add("SecretKey", SecretKey)
            .Add("SessionToken", SessionToken)
            .Add("ProfileName", ProfileName)
            .Add("ProfileLocation", ProfileFile)
            .Add("ClientConfig", config.Document(ShellProxySettings()));
        if (Credential is not null)
        {
            document.Add("Credential", ShellCredentials.Describe(this, Credential, nameof(Credential)));
        }
        if (ShellCredentials.Stored(this) is { } stored && (stored.Source is null || ChainReachesStoredCredentials()))
        {
            document.Add("StoredCredentials", ShellCredentials.Describe(this, stored, "StoredAWSCredentials"));
        }
        else if (ShellCredentials.StoredByAwsTools(this))
        {
            // The chain decides whether it gets that far (key parameters, -ProfileName and -Credential come first).
            document.Add("StoredCredentials", new JsonDocumentWriter().Add("Unreadable", "AWS.Tools.Common"));
        }
        document.Add("StoredRegion", SessionState.PSVariable.GetValue(ShellCredentials.RegionVariable) as string);
        CallPhases.Lap(CallPhase.ConnectionParameters);
        return document.Add("Environment", ShellCredentials.Environment());
    }

    /// <summary>
    /// Whether the credential chain can get as far as $StoredAWSCredentials: no key pair, no -ProfileName and no
    /// -Credential, the steps before it (rust/core/src/credentials/credential_chain.rs). Only a kept credential
    /// object of another assembly waits for this: asking it may run a process or reach an endpoint, which AWS
    /// Tools does not do for a call that names its credentials.
    /// </summary>
    private bool ChainReachesStoredCredentials() =>
        (string.IsNullOrEmpty(AccessKey) || string.IsNullOrEmpty(SecretKey))
        && string.IsNullOrEmpty(ProfileName)
        && Credential is null;

    /// <summary>$AWSProxy for this call; an unusable one ends the cmdlet with an InvalidArgument error.</summary>
    private Amazon.PowerShell.Common.ProxySettings? ShellProxySettings()
    {
        try
        {
            return ShellProxy.For(this);
        }
        catch (ArgumentException error)
        {
            ThrowTerminatingError(FailureRecords.BadParameter(error, ShellProxy.VariableName));
            throw; // not reached
        }
    }

    /// <summary>A region given as a system name, or as a region object with a <c>Region</c> property.</summary>
    internal static string? RegionName(object? region) => region switch
    {
        null => null,
        PSObject wrapped => RegionName(wrapped.BaseObject is PSCustomObject ? wrapped.Properties["Region"]?.Value : wrapped.BaseObject),
        string name => name,
        _ => region.GetType().GetProperty("Region")?.GetValue(region) as string ?? region.ToString(),
    };
}
