# Help text of Write-SECSecretValue. pwsh/help/Build-MamlHelp.ps1 turns it into MAML; the parameter facts
# (type, position, pipeline input, aliases) come from the compiled cmdlet, only the words live here.
@{
    Synopsis    = 'Stores a new value for an existing AWS Secrets Manager secret (the PutSecretValue API operation).'

    Description = @'
Write-SECSecretValue adds a new version to a secret that already exists in AWS Secrets Manager. The version holds either text (-SecretString) or bytes (-SecretBinary), never both. It is a drop-in replacement for the cmdlet of the same name in AWS.Tools.SecretsManager: the parameters, the output type (Amazon.SecretsManager.Model.PutSecretValueResponse) and the errors are the same, but the work is done by a native library, so the module imports quickly and does not load the AWS SDK for .NET.

Without -VersionStage, the service moves the AWSCURRENT label to the new version, and AWSPREVIOUS to the version that held AWSCURRENT before. With -VersionStage you choose the labels yourself; this is how a rotation stages a value as AWSPENDING before promoting it.

The call is idempotent for a given -ClientRequestToken: sending the same token with the same value again does nothing; sending it with a different value fails, because a version can't be changed once written. When you give no token, one is generated for you and reused by every retry of the call. Secrets Manager keeps at most about 100 versions, so avoid writing the same secret more often than every few minutes.

Credentials and the region are found in AWS Tools for PowerShell's order, with the additions listed in about_SecretsManager.Native. The secret value never appears in -Verbose or -Debug output or in error messages, nor in $AWSHistory unless Set-AWSHistoryConfiguration -IncludeSensitiveData asks for it (a SecureString value never), and the native library wipes its copy from memory after the call.
'@

    Parameters  = @{
        SecretId           = 'The name or the full ARN of the secret that receives the new version. The secret must exist; create it first with New-SECSecret (AWS Tools) or in the console. Prefer a complete ARN to a partial one.'
        SecretString       = 'The text to store in the new version, typically a JSON document of key/value pairs built with ConvertTo-Json. Give -SecretString or -SecretBinary, not both. This is the first positional parameter; piped text binds to it by value (piped credential objects bind to -Credential instead). It also takes a SecureString (for example from Read-Host -AsSecureString or a PSCredential''s Password), whose characters are sent without ever being made into a plain-text string in PowerShell; other values are converted to text as for a string parameter.'
        SecretBinary       = 'The bytes to store in the new version, for example the contents of a certificate or key file read with [System.IO.File]::ReadAllBytes. Give -SecretBinary or -SecretString, not both. The console can not show binary secrets.'
        ClientRequestToken = 'The identifier of the new version (it becomes its VersionId), and the key that makes the call idempotent. Use a new GUID for each new value. Repeating a token with the same value is a no-op; repeating it with a different value is an error. When omitted, a random UUID is generated once per call.'
        VersionStage       = 'The staging labels to attach to the new version, such as AWSPENDING during a rotation or a label of your own. A label already on another version of the secret moves to this one. When omitted, AWSCURRENT moves to the new version.'
        RotationToken      = 'The token that an AWS Lambda rotation function receives from Secrets Manager, passed on when the function writes the pending value, so the service can tie the write to that rotation.'
        Select             = 'What the cmdlet outputs. The default, ''*'', outputs the whole PutSecretValueResponse. A property name (''ARN'', ''Name'', ''VersionId'', ''VersionStages'', ''ResponseMetadata'', ''ContentLength'', ''HttpStatusCode'') outputs just that property. ''^ParameterName'' outputs the value given to that parameter, for example ''^SecretId''. Tab completion offers the valid values.'
        PassThru           = 'Outputs the value given to -SecretString instead of the response. Kept for old scripts; it is deprecated in AWS Tools, where -Select ''^SecretString'' replaces it.'
        Force              = 'Skips the confirmation prompt. Write-SECSecretValue changes data, so with $ConfirmPreference set to Medium or lower it asks before writing; -Force writes without asking.'
        AccessKey          = 'The AWS access key id to sign the call with. Use it with -SecretKey, and with -SessionToken when the keys are temporary.'
        SecretKey          = 'The AWS secret access key that goes with -AccessKey.'
        SessionToken       = 'The session token that goes with temporary -AccessKey and -SecretKey values, for example from AWS STS.'
        ProfileName        = 'The name of a profile in the shared AWS credentials and config files (~/.aws/credentials, ~/.aws/config) to take credentials, and the region when neither -Region nor the shell default ($StoredAWSRegion) gives one, from. Profiles using SSO, credential_process or role_arn with source_profile work too.'
        ProfileLocation    = 'The path of the one profile file to read, in place of both ~/.aws/credentials and ~/.aws/config (and of AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE). Give a full path: the current folder of a script can change.'
        Credential         = 'A credentials object to sign the call with, such as one from New-AWSCredential or Get-AWSCredential, or any object with a GetCredentials() method returning AccessKey, SecretKey and Token (which includes the AWS SDK for .NET''s Amazon.Runtime.AWSCredentials, as AWS Tools uses them). Such an object is kept and asked for keys for each record, so one that refreshes them keeps doing so; it is also asked once when the parameter is bound, and if that fails PowerShell reports a binding error naming -Credential with the reason.'
        NetworkCredential  = 'Accepted for compatibility with AWS Tools, where it supplies the user name and password for SAML role profiles. SAML profiles are not supported by this module, and using this parameter is an error that says so; use an SSO or role_arn profile instead.'
        Region             = 'The AWS region to call, as a system name such as eu-west-1, or an object with a Region property (as Get-AWSRegion returns). When omitted, the region comes from the shell default, then the profile''s region, then AWS_REGION, then AWS_DEFAULT_REGION, then instance metadata; see about_SecretsManager.Native. Tab completion offers the region names.'
        EndpointUrl        = 'The URL to send the call to instead of the region''s public Secrets Manager endpoint, for example a VPC endpoint or a local test server such as moto or LocalStack. A region is still needed for signing. Without it, as in the AWS SDKs: -ClientConfig ServiceURL, else AWS_ENDPOINT_URL_SECRETS_MANAGER, else AWS_ENDPOINT_URL, else the profile''s services section (secrets_manager endpoint_url), else its endpoint_url; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true (or the profile''s ignore_configured_endpoint_urls) ignores the configured ones. -Debug says which one was used.'
        ClientConfig       = 'Settings for the service client, as a hashtable or object with the settings people change in AWS Tools'' AmazonSecretsManagerConfig: ServiceURL, RegionEndpoint, UseFIPSEndpoint, UseDualstackEndpoint, MaxErrorRetry, RetryMode, Timeout, ProxyHost, ProxyPort and ProxyCredentials (an HTTP proxy; without one, the HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY environment variables apply, as in AWS Tools). What it leaves out comes from AWS_USE_FIPS_ENDPOINT, AWS_USE_DUALSTACK_ENDPOINT, AWS_MAX_ATTEMPTS and AWS_RETRY_MODE, else the profile''s use_fips_endpoint, use_dualstack_endpoint, max_attempts and retry_mode. Any other setting is an error naming it.'
    }

    Examples    = @(
        @{
            Title   = 'Store a JSON document as the new current value'
            Code    = @'
$value = @{ username = 'app'; password = $newPassword } | ConvertTo-Json -Compress
Write-SECSecretValue -SecretId 'prod/app/database' -SecretString $value -Region eu-west-1
'@
            Remarks = 'Builds the secret as JSON and writes it as a new version. Without -VersionStage the new version becomes AWSCURRENT, and the previous one becomes AWSPREVIOUS. The output shows the ARN, the name, the new VersionId and its staging labels.'
        }
        @{
            Title   = 'Store the contents of a file as a binary secret'
            Code    = @'
$bytes = [System.IO.File]::ReadAllBytes('/etc/ssl/private/service.p12')
Write-SECSecretValue -SecretId 'prod/service/certificate' -SecretBinary $bytes
'@
            Remarks = 'Reads the file as bytes and stores them unchanged. The region and credentials come from the environment or the default profile, as with AWS Tools.'
        }
        @{
            Title   = 'Stage a value as AWSPENDING during a rotation'
            Code    = @'
$token = [guid]::NewGuid().ToString()
Write-SECSecretValue -SecretId 'prod/app/database' -SecretString $candidate -VersionStage AWSPENDING -ClientRequestToken $token
'@
            Remarks = 'Writes the new value with only the AWSPENDING label, so readers of AWSCURRENT keep the old value until the rotation is finished. Running the same command again with the same token and value does nothing, which makes a retried rotation step safe.'
        }
        @{
            Title   = 'Output only the new version id'
            Code    = @'
$versionId = Write-SECSecretValue -SecretId 'prod/app/api-key' -SecretString $apiKey -Select VersionId
'@
            Remarks = '-Select VersionId outputs just that property of the response. Use -Select ''^SecretId'' to output the value given to a parameter instead.'
        }
        @{
            Title   = 'Write a secret typed at a prompt without holding it as text'
            Code    = @'
$apiKey = Read-Host -AsSecureString 'API key'
Write-SECSecretValue -SecretId 'prod/app/api-key' -SecretString $apiKey
'@
            Remarks = 'A SecureString given to -SecretString is copied to unmanaged memory, sent, and wiped; no plain-text string of it is made in PowerShell, and $AWSHistory never records it.'
        }
        @{
            Title   = 'See what would be written without writing it'
            Code    = @'
Write-SECSecretValue -SecretId 'prod/app/database' -SecretString $value -WhatIf
'@
            Remarks = 'With -WhatIf the cmdlet reports the secret it would change and makes no call to Secrets Manager. The secret value is not shown.'
        }
        @{
            Title   = 'Write to a local test server'
            Code    = @'
Write-SECSecretValue -SecretId demo -SecretString 'hello' -Region us-east-1 -EndpointUrl http://127.0.0.1:5000 -AccessKey test -SecretKey test
'@
            Remarks = 'Sends the call to a local Secrets Manager such as moto, with throw-away keys. This is how the module''s own tests run.'
        }
    )

    Links       = @(
        'https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html'
        'about_SecretsManager.Native'
    )
}
