@{
    Synopsis    = 'Creates a credential object for -Credential.'
    Description = 'Returns an Amazon.PowerShell.Common.AWSPSCredentials object from keys or a profile, to pass to -Credential of Write-SECSecretValue or to Set-AWSCredential. The secret key is not shown when the object is printed. The alias New-AWSCredentials is kept for old scripts.'
    Parameters  = @{
        AccessKey = 'The access key id; needs -SecretKey.'
        SecretKey = 'The secret access key.'
        SessionToken = 'The session token of temporary credentials.'
        ProfileName = 'A profile to refer to instead of keys.'
        ProfileLocation = 'The ini credentials file that holds the profile.'
    }
    Examples    = @(
        @{
            Title   = 'Keys for one call'
            Code    = '$cred = New-AWSCredential -AccessKey AKIAEXAMPLE -SecretKey $secret
Write-SECSecretValue -SecretId app/db -SecretString ''v1'' -Region eu-west-1 -Credential $cred'
            Remarks = 'Only this call uses the keys.'
        }
        @{
            Title   = 'A profile as an object'
            Code    = '$cred = New-AWSCredential -ProfileName deploy'
            Remarks = 'A profile of static keys is read now (a missing profile is an error at once); role, SSO and credential_process profiles are resolved at each call that uses the object.'
        }
        @{
            Title   = 'Session credentials'
            Code    = 'New-AWSCredential -AccessKey ASIAEXAMPLE -SecretKey $secret -SessionToken $token'
            Remarks = 'Temporary credentials with their token.'
        }
    )
    Links       = @('Write-SECSecretValue')
}
