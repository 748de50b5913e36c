namespace Amazon.Runtime;

/// <summary>Access key, secret key and token, as the AWS SDK's <c>ImmutableCredentials</c> exposes them.</summary>
public sealed class ImmutableCredentials
{
    public ImmutableCredentials(string awsAccessKeyId, string awsSecretAccessKey, string? token)
    {
        AccessKey = awsAccessKeyId;
        SecretKey = awsSecretAccessKey;
        Token = token ?? "";
    }

    public string AccessKey { get; }
    public string SecretKey { get; }
    public string Token { get; }
    public bool UseToken => Token.Length > 0;

    /// <summary>The secret never appears when the object is printed or logged.</summary>
    public override string ToString() => AccessKey;
}
