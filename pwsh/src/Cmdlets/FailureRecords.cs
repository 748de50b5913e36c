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
/// </summary>
internal static class FailureRecords
{
    public static ErrorRecord From(NativeCall call, Cmdlet cmdlet)
    {
        var kind = call.FailureKind;
        var message = call.Text(Interop.Interop.sm_call_error_message) ?? "The call failed without a message.";
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
            var parameter = call.Text(Interop.Interop.sm_call_error_parameter);
            return new ErrorRecord(new ArgumentException(message, parameter), "ArgumentException", ErrorCategory.InvalidArgument, parameter);
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
        return new ErrorRecord(new InvalidOperationException(message), errorId, ErrorCategory.InvalidOperation, cmdlet);
    }

    private static ErrorRecord Wrapped(Exception inner, Cmdlet cmdlet) =>
        new(new InvalidOperationException(inner.Message, inner), inner.GetType().FullName, ErrorCategory.InvalidOperation, cmdlet);
}
