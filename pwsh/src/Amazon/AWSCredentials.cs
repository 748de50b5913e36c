namespace Amazon.Runtime;

/// <summary>
/// The base of every credential object, as <c>Amazon.Runtime.AWSCredentials</c> in the AWS SDK for .NET: the type of
/// <c>-Credential</c>, so that a credential object piped to a cmdlet binds to it by value, as in AWS Tools, while
/// other piped input does not.
/// </summary>
public abstract class AWSCredentials
{
    /// <summary>The keys; null for an object that refers to a profile the native library resolves at each call.</summary>
    public abstract ImmutableCredentials? GetCredentials();
}

/// <summary>An access key and secret key, as the AWS SDK's <c>BasicAWSCredentials</c>.</summary>
public class BasicAWSCredentials : AWSCredentials
{
    private readonly ImmutableCredentials _keys;

    public BasicAWSCredentials(string accessKey, string secretKey) => _keys = new ImmutableCredentials(accessKey, secretKey, null);

    public override ImmutableCredentials GetCredentials() => _keys;
}

/// <summary>Temporary keys with their session token, as the AWS SDK's <c>SessionAWSCredentials</c>.</summary>
public class SessionAWSCredentials : AWSCredentials
{
    private readonly ImmutableCredentials _keys;

    public SessionAWSCredentials(string awsAccessKeyId, string awsSecretAccessKey, string token) =>
        _keys = new ImmutableCredentials(awsAccessKeyId, awsSecretAccessKey, token);

    public override ImmutableCredentials GetCredentials() => _keys;
}
