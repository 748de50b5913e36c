using System.Collections.Generic;
using Amazon.Runtime;

namespace Amazon.SecretsManager.Model;

/// <summary>What PutSecretValue returns, as <c>Amazon.SecretsManager.Model.PutSecretValueResponse</c>.</summary>
public class PutSecretValueResponse : AmazonWebServiceResponse
{
    /// <summary>The ARN of the secret.</summary>
    public string? ARN { get; set; }

    /// <summary>The name of the secret.</summary>
    public string? Name { get; set; }

    /// <summary>The id of the version created (the ClientRequestToken).</summary>
    public string? VersionId { get; set; }

    /// <summary>The staging labels now attached to the version (empty when the service lists none).</summary>
    public List<string> VersionStages { get; set; } = new();

    /// <summary>A separate copy for $AWSHistory, so the note properties the history adds stay off the emitted object.</summary>
    internal PutSecretValueResponse CopyForHistory() => (PutSecretValueResponse)MemberwiseClone();
}
