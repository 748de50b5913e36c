using System.Collections.Generic;
using System.IO;

namespace Amazon.SecretsManager.Model;

/// <summary>
/// A PutSecretValue request as <c>$AWSHistory</c> records it, named as the AWS SDK for .NET's type.
/// Only built for the history; the secret members stay null unless sensitive data is included.
/// </summary>
public class PutSecretValueRequest
{
    public string? SecretId { get; set; }
    public string? ClientRequestToken { get; set; }
    public string? SecretString { get; set; }
    public MemoryStream? SecretBinary { get; set; }
    public List<string>? VersionStages { get; set; }
    public string? RotationToken { get; set; }
}
