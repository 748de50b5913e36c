using System;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using SecretsManager.Native.Cmdlets;
using SecretsManager.Native.Interop;

// The namespace and class name are AWS Tools' own, because they are part of every error record's
// FullyQualifiedErrorId ("<ErrorId>,Amazon.PowerShell.Cmdlets.SEC.WriteSECSecretValueCmdlet").
namespace Amazon.PowerShell.Cmdlets.SEC;

/// <summary>Calls the AWS Secrets Manager PutSecretValue API operation.</summary>
[Cmdlet(VerbsCommunications.Write, "SECSecretValue")]
[OutputType("Amazon.SecretsManager.Model.PutSecretValueResponse")]
public sealed class WriteSECSecretValueCmdlet : ServiceCmdlet
{
    /// <summary>Lone UTF-16 surrogates can't be encoded; they are an error, not a silent U+FFFD.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public string? SecretString { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? SecretId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public byte[]? SecretBinary { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ClientRequestToken { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("VersionStages")]
    public string[]? VersionStage { get; set; }

    protected override void ProcessRecord()
    {
        byte[]? document = null;
        byte[]? secretText = null;
        using var call = Connect();
        try
        {
            secretText = SecretString is null ? null : EncodeSecretString(SecretString);
            document = new RequestDocument()
                .Add("SecretId", SecretId)
                .Add("SecretStringPresent", SecretString is not null)
                .Add("SecretBinaryPresent", SecretBinary is not null)
                .Add("ClientRequestToken", ClientRequestToken)
                .Add("VersionStage", VersionStage)
                .ToUtf8();
            var status = call.PutSecretValue(document, secretText, SecretBinary);
            EndCall();
            if (!status.IsOk)
            {
                ThrowTerminatingError(FailureRecords.From(call, this));
            }
            var response = ResponseReader.PutSecretValue(call);
            VersionQuotaAdvisor.AfterWrite(this, response.ARN, response.VersionId);
            WriteObject(response);
        }
        finally
        {
            EndCall();
            if (document is not null) CryptographicOperations.ZeroMemory(document);
            if (secretText is not null) CryptographicOperations.ZeroMemory(secretText);
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
            var error = new ArgumentException(
                "The value of SecretString contains an unpaired UTF-16 surrogate and can't be sent as UTF-8 text.",
                nameof(SecretString));
            ThrowTerminatingError(new ErrorRecord(error, "ArgumentException", ErrorCategory.InvalidArgument, nameof(SecretString)));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }
}
