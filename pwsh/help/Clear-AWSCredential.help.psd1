@{
    Synopsis    = 'Removes the shell''s default credentials.'
    Description = 'Sets $StoredAWSCredentials to $null in the caller''s current scope, or in the scope named by -Scope. Later calls fall back to the next step of the credential order (environment variables, profiles, instance metadata). The alias Clear-AWSCredentials is kept for old scripts.'
    Parameters  = @{
        Scope = 'Global, Local, Script or Private: the scope of $StoredAWSCredentials to clear.'
    }
    Examples    = @(
        @{
            Title   = 'Forget credentials set earlier'
            Code    = 'Clear-AWSCredential'
            Remarks = '$StoredAWSCredentials is $null in the current scope.'
        }
        @{
            Title   = 'Clear the session-wide default'
            Code    = 'Clear-AWSCredential -Scope Global'
            Remarks = 'Clears the value set with Set-AWSCredential -Scope Global.'
        }
        @{
            Title   = 'Fall back to the environment'
            Code    = 'Clear-AWSCredential
Write-SECSecretValue -SecretId app/db -SecretString ''v1'' -Region eu-west-1'
            Remarks = 'The call now uses AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the profiles.'
        }
    )
    Links       = @('Write-SECSecretValue')
}
