using System;
using System.Net;

namespace Amazon.Runtime
{
    /// <summary>Whether the service blamed the caller or itself.</summary>
    public enum ErrorType
    {
        Sender,
        Receiver,
        Unknown,
    }

    /// <summary>An error answered by an AWS service, as <c>Amazon.Runtime.AmazonServiceException</c>.</summary>
    public class AmazonServiceException : Exception
    {
        public AmazonServiceException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message)
        {
            ErrorType = errorType;
            ErrorCode = errorCode;
            RequestId = requestId;
            StatusCode = statusCode;
        }

        public ErrorType ErrorType { get; }

        /// <summary>The AWS error code, e.g. <c>ResourceNotFoundException</c>.</summary>
        public string? ErrorCode { get; }

        public string? RequestId { get; }

        public HttpStatusCode StatusCode { get; }
    }
}

namespace Amazon.SecretsManager
{
    using Amazon.Runtime;

    /// <summary>
    /// The base of every Secrets Manager error, and the type of errors whose code has no type of its own
    /// (for example <c>ThrottlingException</c> or <c>AccessDeniedException</c>).
    /// </summary>
    public class AmazonSecretsManagerException : AmazonServiceException
    {
        public AmazonSecretsManagerException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, errorType, errorCode, requestId, statusCode) { }

        /// <summary>
        /// The exception for an error code: the Secrets Manager model type named after it (the AWS SDK for
        /// .NET adds "Exception" to codes that lack it), or the base type for any other code.
        /// </summary>
        public static AmazonSecretsManagerException FromErrorCode(string? code, string message, string? requestId, HttpStatusCode status)
        {
            var type = (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender;
            return code switch
            {
                "DecryptionFailure" => new Model.DecryptionFailureException(message, type, code, requestId, status),
                "EncryptionFailure" => new Model.EncryptionFailureException(message, type, code, requestId, status),
                "InternalServiceError" => new Model.InternalServiceErrorException(message, type, code, requestId, status),
                "InvalidNextTokenException" => new Model.InvalidNextTokenException(message, type, code, requestId, status),
                "InvalidParameterException" => new Model.InvalidParameterException(message, type, code, requestId, status),
                "InvalidRequestException" => new Model.InvalidRequestException(message, type, code, requestId, status),
                "LimitExceededException" => new Model.LimitExceededException(message, type, code, requestId, status),
                "MalformedPolicyDocumentException" => new Model.MalformedPolicyDocumentException(message, type, code, requestId, status),
                "PreconditionNotMetException" => new Model.PreconditionNotMetException(message, type, code, requestId, status),
                "PublicPolicyException" => new Model.PublicPolicyException(message, type, code, requestId, status),
                "ResourceExistsException" => new Model.ResourceExistsException(message, type, code, requestId, status),
                "ResourceNotFoundException" => new Model.ResourceNotFoundException(message, type, code, requestId, status),
                _ => new AmazonSecretsManagerException(message, type, code, requestId, status),
            };
        }
    }
}

// One type per error the Secrets Manager API defines, named as in the AWS SDK for .NET.
namespace Amazon.SecretsManager.Model
{
    using Amazon.Runtime;

    public class DecryptionFailureException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : AmazonSecretsManagerException(message, errorType, errorCode, requestId, statusCode);

    public class EncryptionFailureException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : AmazonSecretsManagerException(message, errorType, errorCode, requestId, statusCode);

    public class InternalServiceErrorException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : AmazonSecretsManagerException(message, errorType, errorCode, requestId, statusCode);

    public class InvalidNextTokenException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : AmazonSecretsManagerException(message, errorType, errorCode, requestId, statusCode);

    public class InvalidParameterException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : AmazonSecretsManagerException(message, errorType, errorCode, requestId, statusCode);

    public class InvalidRequestException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : AmazonSecretsManagerException(message, errorType, errorCode, requestId, statusCode);

    public class LimitExceededException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : AmazonSecretsManagerException(message, errorType, errorCode, requestId, statusCode);

    public class MalformedPolicyDocumentException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : AmazonSecretsManagerException(message, errorType, errorCode, requestId, statusCode);

    public class PreconditionNotMetException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : AmazonSecretsManagerException(message, errorType, errorCode, requestId, statusCode);

    public class PublicPolicyException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : AmazonSecretsManagerException(message, errorType, errorCode, requestId, statusCode);

    public class ResourceExistsException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : AmazonSecretsManagerException(message, errorType, errorCode, requestId, statusCode);

    public class ResourceNotFoundException(string message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
        : AmazonSecretsManagerException(message, errorType, errorCode, requestId, statusCode);
}
