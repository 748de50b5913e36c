using System.Collections.Generic;
using System.Net;

// Types that AWS Tools users meet in the AWS SDK for .NET, defined here with the same full names
// (the SDK itself is never loaded), so scripts that test or read them keep working.
namespace Amazon.Runtime;

/// <summary>The per-response metadata, as <c>Amazon.Runtime.ResponseMetadata</c> of the AWS SDK for .NET.</summary>
public class ResponseMetadata
{
    /// <summary>The id AWS gave the request; quote it to AWS Support.</summary>
    public string? RequestId { get; set; }

    /// <summary>Other response metadata (empty for Secrets Manager).</summary>
    public IDictionary<string, string> Metadata { get; } = new Dictionary<string, string>();

    public override string ToString() => RequestId ?? string.Empty;
}

/// <summary>The base of every response, as <c>Amazon.Runtime.AmazonWebServiceResponse</c>.</summary>
public class AmazonWebServiceResponse
{
    public ResponseMetadata ResponseMetadata { get; set; } = new();

    /// <summary>The length of the HTTP response body in bytes.</summary>
    public long ContentLength { get; set; }

    public HttpStatusCode HttpStatusCode { get; set; }
}
