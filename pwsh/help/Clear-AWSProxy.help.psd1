@{
    Synopsis    = 'Removes the shell''s HTTP proxy.'
    Description = 'Sets $AWSProxy to $null in the caller''s current scope, or in the scope named by -Scope, as AWS Tools does. Later calls use -ClientConfig''s ProxyHost/ProxyPort or the HTTPS_PROXY/HTTP_PROXY/NO_PROXY environment variables again, or no proxy.'
    Parameters  = @{
        Scope = 'Global, Local, Script or Private: the scope of $AWSProxy to clear.'
    }
    Examples    = @(
        @{
            Title   = 'Stop using the proxy'
            Code    = 'Clear-AWSProxy'
            Remarks = '$AWSProxy is $null in the current scope.'
        }
        @{
            Title   = 'Clear the session-wide proxy'
            Code    = 'Clear-AWSProxy -Scope Global'
            Remarks = 'Clears the value set with Set-AWSProxy -Scope Global.'
        }
        @{
            Title   = 'Only for one script block'
            Code    = '& { Clear-AWSProxy; Write-SECSecretValue -SecretId app/db -SecretString ''v1'' -Region eu-west-1 }'
            Remarks = 'Inside the block $AWSProxy is $null, so the call goes direct (or through HTTPS_PROXY); outside it the shell proxy still applies.'
        }
    )
    Links       = @('Set-AWSProxy', 'Write-SECSecretValue')
}
