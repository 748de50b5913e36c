@{
    Synopsis    = 'Removes the shell''s default region.'
    Description = 'Sets $StoredAWSRegion to $null in the caller''s current scope, or in the scope named by -Scope. Later calls without -Region fall back to the profile region, AWS_REGION, AWS_DEFAULT_REGION and instance metadata.'
    Parameters  = @{
        Scope = 'Global, Local, Script or Private: the scope of $StoredAWSRegion to clear.'
    }
    Examples    = @(
        @{
            Title   = 'Forget the default'
            Code    = 'Clear-DefaultAWSRegion'
            Remarks = '$StoredAWSRegion is $null in the current scope.'
        }
        @{
            Title   = 'Clear the session-wide default'
            Code    = 'Clear-DefaultAWSRegion -Scope Global'
            Remarks = 'Clears the value set with -Scope Global.'
        }
        @{
            Title   = 'Fall back to the environment'
            Code    = 'Clear-DefaultAWSRegion
$env:AWS_REGION = ''eu-central-1''
Write-SECSecretValue -SecretId app/db -SecretString ''v1'''
            Remarks = 'The call goes to eu-central-1, unless the profile in use (-ProfileName, AWS_PROFILE or the default profile) names a region, which comes first.'
        }
    )
    Links       = @('Write-SECSecretValue')
}
