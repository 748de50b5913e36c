@{
    Synopsis    = 'Makes credentials the shell''s default, or saves them as a profile.'
    Description = 'Resolves credentials from -AccessKey/-SecretKey(/-SessionToken), -ProfileName (with -ProfileLocation) or -Credential and stores them in $StoredAWSCredentials, which Write-SECSecretValue reads through the caller''s scope (step 4 of the credential order). Without -Scope the variable is set in the caller''s current scope; -Scope Global|Local|Script|Private qualifies it. With -StoreAs the keys are written as a profile to the ini credentials file (-ProfileLocation, else AWS_SHARED_CREDENTIALS_FILE, where a leading ~ is the home directory, else ~/.aws/credentials) instead: the other profiles, comments and the profile''s own other settings (such as region) are kept; the file is replaced in one step (a crash leaves the old file whole), a new file is readable by its owner only (0600, in a folder created 0700), and two writers at once both keep their profile. The alias Set-AWSCredentials is kept for old scripts.'
    Parameters  = @{
        AccessKey = 'The access key id; needs -SecretKey.'
        SecretKey = 'The secret access key; needs -AccessKey. Never shown in output or logs.'
        SessionToken = 'The session token of temporary credentials.'
        ProfileName = 'A profile to use: static keys are read now, other kinds (role, SSO, process) are resolved at each call.'
        ProfileLocation = 'The ini credentials file to read (or with -StoreAs, to write).'
        Credential = 'A credential object from New-AWSCredential or Get-AWSCredential, or any object with GetCredentials() returning AccessKey, SecretKey and Token. An object of the AWS SDK for .NET (or another module) is kept as it is, not copied: each call that uses $StoredAWSCredentials asks it for its keys, so one that refreshes them (such as ProcessAWSCredentials) keeps doing so, and a call given keys, -ProfileName or -Credential does not ask it. A call that asks it and gets no keys fails, naming $StoredAWSCredentials.'
        StoreAs = 'Writes the keys as a profile with this name instead of setting $StoredAWSCredentials. Cannot be used with -Scope.'
        Scope = 'Global, Local, Script or Private: the scope of $StoredAWSCredentials.'
    }
    Examples    = @(
        @{
            Title   = 'Use keys for the rest of the session'
            Code    = 'Set-AWSCredential -AccessKey AKIAEXAMPLE -SecretKey $secret -Scope Global
Write-SECSecretValue -SecretId app/db -SecretString ''v1'' -Region eu-west-1'
            Remarks = 'Every later call in the session signs with these keys unless a call names other credentials.'
        }
        @{
            Title   = 'Make a profile the default'
            Code    = 'Set-AWSCredential -ProfileName deploy'
            Remarks = 'Calls in this scope use the profile deploy from ~/.aws/credentials or ~/.aws/config.'
        }
        @{
            Title   = 'Save keys as a profile'
            Code    = 'Set-AWSCredential -AccessKey AKIAEXAMPLE -SecretKey $secret -StoreAs deploy -ProfileLocation ./credentials.ini'
            Remarks = 'Writes (or replaces) the section [deploy] in ./credentials.ini.'
        }
    )
    Links       = @('Write-SECSecretValue')
}
