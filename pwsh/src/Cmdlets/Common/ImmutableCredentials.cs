namespace SecretsManager.Native;

/// <summary>Access key, secret key and token, as AWS SDK's <c>ImmutableCredentials</c> exposes them.</summary>
public sealed class ImmutableCredentials
{
    public ImmutableCredentials(string accessKey, string secretKey, string? token)
    {
        AccessKey = accessKey;
        SecretKey = secretKey;
        Token = token ?? "";
    }

    public string AccessKey { get; }
    public string SecretKey { get; }
    public string Token { get; }

    /// <summary>The secret never appears when the object is printed or logged.</summary>
    public override string ToString() => AccessKey;
}
