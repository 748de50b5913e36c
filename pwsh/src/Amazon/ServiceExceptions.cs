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

    /// <summary>
    /// An error answered by an AWS service, as <c>Amazon.Runtime.AmazonServiceException</c>, with the AWS SDK for
    /// .NET's public constructors (Pester mocks throw these) and settable members.
    /// </summary>
    public class AmazonServiceException : Exception
    {
        public AmazonServiceException() { }

        public AmazonServiceException(string? message) : base(message) { }

        public AmazonServiceException(string? message, Exception? innerException) : base(message, innerException) { }

        public AmazonServiceException(string? message, Exception? innerException, HttpStatusCode statusCode)
            : base(message, innerException) => StatusCode = statusCode;

        public AmazonServiceException(Exception? innerException) : base(innerException?.Message, innerException) { }

        public AmazonServiceException(string? message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : this(message, null, errorType, errorCode, requestId, statusCode) { }

        public AmazonServiceException(string? message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId,
            HttpStatusCode statusCode)
            : base(message, innerException)
        {
            ErrorType = errorType;
            ErrorCode = errorCode;
            RequestId = requestId;
            StatusCode = statusCode;
        }

        public ErrorType ErrorType { get; set; }

        /// <summary>The AWS error code, e.g. <c>ResourceNotFoundException</c>.</summary>
        public string? ErrorCode { get; set; }

        public string? RequestId { get; set; }

        public HttpStatusCode StatusCode { get; set; }
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
        public AmazonSecretsManagerException(string? message) : base(message) { }

        public AmazonSecretsManagerException(string? message, Exception? innerException) : base(message, innerException) { }

        public AmazonSecretsManagerException(Exception? innerException) : base(innerException) { }

        public AmazonSecretsManagerException(string? message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId,
            HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode) { }

        public AmazonSecretsManagerException(string? message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
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

// One type per error the Secrets Manager API defines, named as in the AWS SDK for .NET, with the five public
// constructors its generated classes have.
namespace Amazon.SecretsManager.Model
{
    using Amazon.Runtime;

    public class DecryptionFailureException : AmazonSecretsManagerException
    {
        public DecryptionFailureException(string? message) : base(message) { }

        public DecryptionFailureException(string? message, Exception? innerException) : base(message, innerException) { }

        public DecryptionFailureException(Exception? innerException) : base(innerException) { }

        public DecryptionFailureException(string? message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode) { }

        public DecryptionFailureException(string? message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, errorType, errorCode, requestId, statusCode) { }
    }

    public class EncryptionFailureException : AmazonSecretsManagerException
    {
        public EncryptionFailureException(string? message) : base(message) { }

        public EncryptionFailureException(string? message, Exception? innerException) : base(message, innerException) { }

        public EncryptionFailureException(Exception? innerException) : base(innerException) { }

        public EncryptionFailureException(string? message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode) { }

        public EncryptionFailureException(string? message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, errorType, errorCode, requestId, statusCode) { }
    }

    public class InternalServiceErrorException : AmazonSecretsManagerException
    {
        public InternalServiceErrorException(string? message) : base(message) { }

        public InternalServiceErrorException(string? message, Exception? innerException) : base(message, innerException) { }

        public InternalServiceErrorException(Exception? innerException) : base(innerException) { }

        public InternalServiceErrorException(string? message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode) { }

        public InternalServiceErrorException(string? message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, errorType, errorCode, requestId, statusCode) { }
    }

    public class InvalidNextTokenException : AmazonSecretsManagerException
    {
        public InvalidNextTokenException(string? message) : base(message) { }

        public InvalidNextTokenException(string? message, Exception? innerException) : base(message, innerException) { }

        public InvalidNextTokenException(Exception? innerException) : base(innerException) { }

        public InvalidNextTokenException(string? message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode) { }

        public InvalidNextTokenException(string? message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, errorType, errorCode, requestId, statusCode) { }
    }

    public class InvalidParameterException : AmazonSecretsManagerException
    {
        public InvalidParameterException(string? message) : base(message) { }

        public InvalidParameterException(string? message, Exception? innerException) : base(message, innerException) { }

        public InvalidParameterException(Exception? innerException) : base(innerException) { }

        public InvalidParameterException(string? message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode) { }

        public InvalidParameterException(string? message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, errorType, errorCode, requestId, statusCode) { }
    }

    public class InvalidRequestException : AmazonSecretsManagerException
    {
        public InvalidRequestException(string? message) : base(message) { }

        public InvalidRequestException(string? message, Exception? innerException) : base(message, innerException) { }

        public InvalidRequestException(Exception? innerException) : base(innerException) { }

        public InvalidRequestException(string? message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode) { }

        public InvalidRequestException(string? message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, errorType, errorCode, requestId, statusCode) { }
    }

    public class LimitExceededException : AmazonSecretsManagerException
    {
        public LimitExceededException(string? message) : base(message) { }

        public LimitExceededException(string? message, Exception? innerException) : base(message, innerException) { }

        public LimitExceededException(Exception? innerException) : base(innerException) { }

        public LimitExceededException(string? message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode) { }

        public LimitExceededException(string? message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, errorType, errorCode, requestId, statusCode) { }
    }

    public class MalformedPolicyDocumentException : AmazonSecretsManagerException
    {
        public MalformedPolicyDocumentException(string? message) : base(message) { }

        public MalformedPolicyDocumentException(string? message, Exception? innerException) : base(message, innerException) { }

        public MalformedPolicyDocumentException(Exception? innerException) : base(innerException) { }

        public MalformedPolicyDocumentException(string? message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode) { }

        public MalformedPolicyDocumentException(string? message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, errorType, errorCode, requestId, statusCode) { }
    }

    public class PreconditionNotMetException : AmazonSecretsManagerException
    {
        public PreconditionNotMetException(string? message) : base(message) { }

        public PreconditionNotMetException(string? message, Exception? innerException) : base(message, innerException) { }

        public PreconditionNotMetException(Exception? innerException) : base(innerException) { }

        public PreconditionNotMetException(string? message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode) { }

        public PreconditionNotMetException(string? message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, errorType, errorCode, requestId, statusCode) { }
    }

    public class PublicPolicyException : AmazonSecretsManagerException
    {
        public PublicPolicyException(string? message) : base(message) { }

        public PublicPolicyException(string? message, Exception? innerException) : base(message, innerException) { }

        public PublicPolicyException(Exception? innerException) : base(innerException) { }

        public PublicPolicyException(string? message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode) { }

        public PublicPolicyException(string? message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, errorType, errorCode, requestId, statusCode) { }
    }

    public class ResourceExistsException : AmazonSecretsManagerException
    {
        public ResourceExistsException(string? message) : base(message) { }

        public ResourceExistsException(string? message, Exception? innerException) : base(message, innerException) { }

        public ResourceExistsException(Exception? innerException) : base(innerException) { }

        public ResourceExistsException(string? message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode) { }

        public ResourceExistsException(string? message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, errorType, errorCode, requestId, statusCode) { }
    }

    public class ResourceNotFoundException : AmazonSecretsManagerException
    {
        public ResourceNotFoundException(string? message) : base(message) { }

        public ResourceNotFoundException(string? message, Exception? innerException) : base(message, innerException) { }

        public ResourceNotFoundException(Exception? innerException) : base(innerException) { }

        public ResourceNotFoundException(string? message, Exception? innerException, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode) { }

        public ResourceNotFoundException(string? message, ErrorType errorType, string? errorCode, string? requestId, HttpStatusCode statusCode)
            : base(message, errorType, errorCode, requestId, statusCode) { }
    }
}
