using System;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using Amazon.SecretsManager;
using SecretsManager.Native.Interop;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// Turns a failed native call into the error record AWS Tools would write, so that a <c>catch</c>
/// written for AWS Tools (by FullyQualifiedErrorId, by inner exception type, by message) still matches.
/// The module's one maker of ErrorRecords: FailureRecords.Arguments.cs has the records for what a cmdlet refuses
/// by itself, FailureRecords.Profiles.cs those for the profile files.
/// </summary>
internal static partial class FailureRecords
{
    /// <summary>The key under which an error's exceptions carry the ClientRequestToken the write was sent with.</summary>
    public const string TokenKey = "ClientRequestToken";

    /// <summary>The key under which they say whether the write may nonetheless have happened.</summary>
    public const string MayHaveWrittenKey = "MayHaveBeenWritten";

    /// <summary>
    /// The record for a failed call. A PutSecretValue failure also carries, on its exception and inner exception's
    /// <c>Data</c>, the ClientRequestToken it was sent with (not secret: it becomes the VersionId) and whether the
    /// write may have happened; when it may have, the message (service errors: the recommended action) says so and
    /// how to retry without creating a second version.
    /// </summary>
    public static ErrorRecord From(NativeCall call, Cmdlet cmdlet)
    {
        var kind = call.FailureKind;
        var message = call.Text(Interop.Interop.sm_call_error_message) ?? "The call failed without a message.";
        var token = call.Text(Interop.Interop.sm_call_client_request_token);
        var mayHaveWritten = token is not null && call.MayHaveWritten;
        var retry = $"To retry without creating a second version, call Write-SECSecretValue again with the same value and -ClientRequestToken '{token}'.";
        // Our own messages (transport, timeout, cancellation) say it; a service error keeps the service's words,
        // which scripts match, and says it in the recommended action only.
        if (mayHaveWritten && !kind.IsService) message += $" The request may have reached Secrets Manager and written the new version. {retry}";

        var record = Shaped(kind, message, call, cmdlet);
        if (token is null) return record;
        for (var exception = record.Exception; exception is not null; exception = exception.InnerException)
        {
            exception.Data[TokenKey] = token;
            exception.Data[MayHaveWrittenKey] = mayHaveWritten;
        }
        if (mayHaveWritten) record.ErrorDetails = new ErrorDetails(record.Exception.Message) { RecommendedAction = $"The write may have happened. {retry}" };
        return record;
    }

    private static ErrorRecord Shaped(FailureKind kind, string message, NativeCall call, Cmdlet cmdlet)
    {
        var status = (HttpStatusCode)(call.Number(Interop.Interop.sm_call_http_status) ?? 0);

        if (kind.IsService)
        {
            // As AWS Tools: InvalidOperationException around the service exception, ErrorId = its type name.
            var code = call.Text(Interop.Interop.sm_call_error_code);
            var requestId = call.Text(Interop.Interop.sm_call_request_id);
            var serviceError = AmazonSecretsManagerException.FromErrorCode(code, message, requestId, status);
            return Wrapped(serviceError, cmdlet);
        }
        if (kind.IsInvalidInput)
        {
            return BadParameter(message, call.Text(Interop.Interop.sm_call_error_parameter));
        }
        if (kind.IsTransport)
        {
            return Wrapped(new HttpRequestException(message, null, status == 0 ? null : status), cmdlet);
        }
        if (kind.IsTimeout)
        {
            return Wrapped(new TimeoutException(message), cmdlet);
        }
        if (kind.IsLoginExpired)
        {
            // As AWS Tools when an SSO profile's cached token needs a new login (no interactive refresh).
            return new ErrorRecord(new UnauthorizedAccessException(message), "UnauthorizedAccessException", ErrorCategory.PermissionDenied, cmdlet);
        }
        if (kind.IsCancelled)
        {
            return new ErrorRecord(new OperationCanceledException(message), "OperationCanceled", ErrorCategory.OperationStopped, cmdlet);
        }
        // Credentials, region, internal: AWS Tools' ThrowExecutionError shape (no inner exception).
        var errorId = kind.IsCredentials || kind.IsRegion ? "InvalidOperationException" : "SecretsManager.Native.InternalError";
        return InvalidOperation(message, errorId, cmdlet);
    }

    /// <summary>
    /// A credential object that gave no keys when the call needed them: a credentials failure, shaped as the
    /// native library's are. <paramref name="source"/> is $StoredAWSCredentials or -Credential.
    /// </summary>
    public static ErrorRecord CredentialObjectFailed(string source, string reason, Cmdlet cmdlet) =>
        InvalidOperation(CredentialObjectText(reason, source), "InvalidOperationException", cmdlet);

    /// <summary>Why a credential object gave no keys, for every error that says so.</summary>
    public static string CredentialObjectText(string reason, string? source = null) =>
        $"Credentials could not be obtained from the credential object{(source is null ? "" : $" in {source}")}: {reason}";

    /// <summary>The reason when GetCredentials() threw: what it threw.</summary>
    public static string GetCredentialsThrew(Exception failure) => $"its GetCredentials() failed: {failure.Message}";

    /// <summary>AWS Tools' ThrowExecutionError shape: InvalidOperationException without an inner exception.</summary>
    private static ErrorRecord InvalidOperation(string message, string errorId, object? target) =>
        new(new InvalidOperationException(message), errorId, ErrorCategory.InvalidOperation, target);

    private static ErrorRecord Wrapped(Exception inner, Cmdlet cmdlet) =>
        new(new InvalidOperationException(inner.Message, inner), inner.GetType().FullName, ErrorCategory.InvalidOperation, cmdlet);
}
