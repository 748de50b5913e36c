using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using Amazon.PowerShell.Common;
using Amazon.SecretsManager.Model;
using SecretsManager.Native.Cmdlets;
using SecretsManager.Native.Diagnostics;
using SecretsManager.Native.Interop;

// The namespace and class name are AWS Tools' own, because they are part of every error record's
// FullyQualifiedErrorId ("<ErrorId>,Amazon.PowerShell.Cmdlets.SEC.WriteSECSecretValueCmdlet").
namespace Amazon.PowerShell.Cmdlets.SEC;

/// <summary>Calls the AWS Secrets Manager PutSecretValue API operation.</summary>
[Cmdlet(VerbsCommunications.Write, "SECSecretValue", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType("Amazon.SecretsManager.Model.PutSecretValueResponse")]
public sealed class WriteSECSecretValueCmdlet : ServiceCmdlet, IDisposable
{
    private const string Action = "Write-SECSecretValue (PutSecretValue)";
    private const string NullSecretIdWarning =
        "You are passing $null as a value for parameter SecretId which is marked as required. In case you believe this parameter was incorrectly marked as required, report this by opening an issue at https://github.com/aws/aws-tools-for-powershell/issues.";

    /// <summary>Lone UTF-16 surrogates can't be encoded; they are an error, not a silent U+FFFD.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private HistoryRecorder? _history;

    /// <summary>Every -SecretBinary value sent, for wiping the converter's copies when the cmdlet is disposed.</summary>
    private readonly HashSet<byte[]> _sentBinaries = new(ReferenceEqualityComparer.Instance);

    /// <summary>Text, or a SecureString (sent without a managed plain-text copy; see StringOrSecureString).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public StringOrSecureString? SecretString { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? SecretId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [MemoryStreamParameterConverter]
    public byte[]? SecretBinary { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ClientRequestToken { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("VersionStages")]
    public string[]? VersionStage { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? RotationToken { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SelectArgumentCompleter))]
    public string Select { get; set; } = "*";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Obsolete("The -PassThru parameter is deprecated, use -Select '^SecretString' instead. This parameter will be removed in a future version.")]
    public SwitchParameter PassThru { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        CallPhases.Start();
        _history = new HistoryRecorder(this);
        CallPhases.Lap(CallPhase.BeginProcessing);
    }

    protected override void ProcessRecord()
    {
        CallPhases.Start();
        // Steps in AWS Tools' order: resolve the client, confirm, choose the output, send, emit.
        using var call = OpenResolvedCall();
        if (!ShouldWrite()) return;
        CallPhases.Lap(CallPhase.ShouldProcess);
        var select = OutputSelection();
        if (SecretId is null) WriteWarning(NullSecretIdWarning);
        CallPhases.Lap(CallPhase.OutputSelection);
        _history!.Request(RequestForHistory, MyInvocation, TypedSecrets);
        CallPhases.Lap(CallPhase.HistoryRequest);
        var verbose = Wants("Verbose", "VerbosePreference");
        if (verbose) WriteVerbose(InvokingMessage(call));
        CallPhases.Lap(CallPhase.VerboseMessage);
        var response = Send(call, verbose);
        // The service's version-quota advice, only on the verbose stream: a warning would change what a V4 script
        // sees, and with $WarningPreference = 'Stop' it would throw after the secret was written.
        if (verbose && call.Text(Interop.sm_call_quota_advice) is { } advice) WriteVerbose(advice);
        _history.Response(response);
        CallPhases.Lap(CallPhase.HistoryResponse);
        var output = select(response).ToList();
        _history.Emitted(output.Count);
        foreach (var item in output) WriteObject(item);
        CallPhases.Lap(CallPhase.EmitOutput);
    }

    protected override void EndProcessing()
    {
        CallPhases.Start();
        _history?.Push();
        CallPhases.Lap(CallPhase.EndProcessing);
        CallPhases.CallDone();
    }

    /// <summary>
    /// At the end of the pipeline (a bound -SecretBinary serves every input record): the bytes the converter made
    /// from text, streams or files are wiped. Not when -Select '^SecretBinary' emitted them, and never a byte[]
    /// the caller gave, which is theirs.
    /// </summary>
    public void Dispose()
    {
        if (Select.StartsWith("^SecretBinary", StringComparison.OrdinalIgnoreCase)) return;
        foreach (var bytes in _sentBinaries) MemoryStreamParameterConverter.WipeCopy(bytes);
        _sentBinaries.Clear();
    }

    /// <summary>-WhatIf wins over -Force; -Force skips the question; otherwise ShouldProcess decides.</summary>
    private bool ShouldWrite()
    {
        var target = ConfirmationText.Target(MyInvocation.BoundParameters.TryGetValue(nameof(SecretId), out var id) ? id : null);
        if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf) && whatIf is SwitchParameter { IsPresent: true })
        {
            return ShouldProcess(target, Action);
        }
        return Force.IsPresent || ShouldProcess(target, Action);
    }

    /// <summary>What to emit for a response: -PassThru's SecretString, the -Select choice, or the response.</summary>
    private Func<PutSecretValueResponse, IEnumerable<object?>> OutputSelection()
    {
        var selectBound = MyInvocation.BoundParameters.ContainsKey(nameof(Select));
#pragma warning disable CS0618 // -PassThru is obsolete for users, still honoured
        if (PassThru.IsPresent)
#pragma warning restore CS0618
        {
            if (selectBound) ThrowArgumentError("-PassThru cannot be used when -Select is specified.");
            return _ => SecretString is null ? Array.Empty<object?>() : new object?[] { SecretString.Value };
        }
        if (!selectBound) return response => new object?[] { response };
        var selector = OutputSelector.Create(Select, this, typeof(PutSecretValueResponse));
        if (selector is null) ThrowArgumentError(OutputSelector.InvalidSelect);
        return response => selector!(response);
    }

    /// <summary>AWS Tools' words; the endpoint is the one the call really uses (-EndpointUrl, ServiceURL or a configured one), user info redacted.</summary>
    private static string InvokingMessage(NativeCall call) => call.Text(Interop.sm_call_endpoint_url) is { } endpoint
        ? $"Invoking AWS Secrets Manager operation 'PutSecretValue' on endpoint '{endpoint}'"
        : $"Invoking AWS Secrets Manager operation 'PutSecretValue' in region '{call.Text(Interop.sm_call_region)}'";

    /// <summary>This call's secret text values, for masking where they were typed (a SecureString never was).</summary>
    private IEnumerable<string?> TypedSecrets() => new[]
    {
        SecretString?.Text, RotationToken, AccessKey, SecretKey, SessionToken,
        Uri.TryCreate(EndpointUrl, UriKind.Absolute, out var endpoint) ? endpoint.UserInfo : null,
    };

    /// <summary>Sends the request; a failure is recorded in $AWSHistory and ends the pipeline.</summary>
    private PutSecretValueResponse Send(NativeCall call, bool reportQuotaAdvice)
    {
        byte[]? document = null;
        byte[]? secretText = null;
        try
        {
            secretText = SecretString?.Text is { } text ? EncodeSecretString(text) : null;
            document = new JsonDocumentWriter()
                .Add("SecretId", SecretId)
                .Add("SecretStringPresent", SecretString is not null)
                .Add("SecretBinaryPresent", SecretBinary is not null)
                .Add("ClientRequestToken", ClientRequestToken)
                .Add("VersionStage", VersionStage)
                .Add("RotationToken", RotationToken)
                .Add("ReportQuotaAdvice", reportQuotaAdvice)
                .ToUtf8();
            CallPhases.Lap(CallPhase.RequestDocument);
            if (SecretBinary is not null) _sentBinaries.Add(SecretBinary);
            var status = SecretString?.Secure is { } secure
                ? SendSecure(call, document, secure)
                : call.PutSecretValue(document, secretText, SecretBinary);
            CallPhases.Lap(CallPhase.NativePut);
            EndCall();
            if (!status.IsOk)
            {
                var error = FailureRecords.From(call, this);
                _history!.Failure(error.Exception.InnerException ?? error.Exception);
                if (Stopping) TellStoppedHost(error);
                ThrowTerminatingError(error);
            }
            var response = ResponseReader.PutSecretValue(call);
            CallPhases.Lap(CallPhase.ResponseReader);
            return response;
        }
        finally
        {
            EndCall();
            if (document is not null) CryptographicOperations.ZeroMemory(document);
            if (secretText is not null) CryptographicOperations.ZeroMemory(secretText);
        }
    }

    /// <summary>
    /// A stopped pipeline (Ctrl+C, Stop-Job) drops the error record, so a write that may have happened is told to the
    /// host directly, with the token to retry with; $AWSHistory.LastServiceResponse keeps the exception as well.
    /// </summary>
    private void TellStoppedHost(ErrorRecord error)
    {
        if (error.Exception.Data[FailureRecords.MayHaveWrittenKey] is not true) return;
        try
        {
            Host?.UI?.WriteWarningLine(error.Exception.Message);
        }
        catch (Exception e) when (e is NotImplementedException or PSNotImplementedException or System.Management.Automation.Host.HostException)
        {
            // A host without a user interface: the history entry is all there is.
        }
    }

    private PutSecretValueRequest RequestForHistory(bool includeSensitive) => new()
    {
        SecretId = SecretId,
        ClientRequestToken = ClientRequestToken,
        VersionStages = VersionStage?.ToList(),
        // A SecureString stays out of the history even with -IncludeSensitiveData: recording it would
        // make the managed plain-text copy it exists to avoid.
        SecretString = includeSensitive ? SecretString?.Text : null,
        SecretBinary = includeSensitive && SecretBinary is not null ? new MemoryStream(SecretBinary.ToArray()) : null,
        RotationToken = includeSensitive ? RotationToken : null,
    };

    private void ThrowArgumentError(string message) =>
        ThrowTerminatingError(FailureRecords.BadParameter(message, nameof(Select)));

    /// <summary>Sends a SecureString's characters from an unmanaged copy that is zeroed and freed right after.</summary>
    private CallStatus SendSecure(NativeCall call, byte[] document, System.Security.SecureString secure)
    {
        try
        {
            return call.PutSecretValueUtf16(document, secure, SecretBinary);
        }
        catch (ObjectDisposedException)
        {
            ThrowTerminatingError(FailureRecords.BadParameter("The SecureString given as SecretString has been disposed.", nameof(SecretString)));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    private byte[] EncodeSecretString(string secret)
    {
        try
        {
            return StrictUtf8.GetBytes(secret);
        }
        catch (EncoderFallbackException)
        {
            ThrowTerminatingError(FailureRecords.BadParameter(
                "The value of SecretString contains an unpaired UTF-16 surrogate and can't be sent as UTF-8 text.", nameof(SecretString)));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }
}
