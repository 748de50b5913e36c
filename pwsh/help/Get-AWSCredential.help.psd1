@{
    Synopsis    = 'Returns the shell''s credentials, a profile''s credentials, or the list of profiles.'
    Description = 'Without parameters returns the credential object in $StoredAWSCredentials (nothing when unset): for an object of the AWS SDK for .NET given to Set-AWSCredential -Credential, that object itself. With -ProfileName returns that profile as a credential object (its keys when it holds static keys); as in AWS Tools, a profile that does not exist returns nothing and is not an error. With -ListProfileDetail returns one ProfileInfo per profile (ProfileName, StoreTypeName, ProfileLocation); -ListProfile (aliases -ListProfiles, -ListStoredCredentials) returns the names only, with AWS Tools'' deprecation warning. Profiles are listed as aws-config reads them: the credentials file''s first, then those the config file adds; [sso-session] and [services] sections are not profiles. The alias Get-AWSCredentials is kept for old scripts.'
    Parameters  = @{
        ProfileName = 'The profile to return; nothing is returned when it does not exist.'
        ProfileLocation = 'The ini credentials file to read instead of the default files.'
        ListProfile = 'Lists the profile names (deprecated in AWS Tools, which warns; use -ListProfileDetail). Aliases -ListProfiles and -ListStoredCredentials.'
        ListProfileDetail = 'Lists the profiles of the credentials and config files, each with the file that holds it.'
    }
    Examples    = @(
        @{
            Title   = 'See the shell''s default'
            Code    = 'Set-AWSCredential -ProfileName deploy
Get-AWSCredential'
            Remarks = 'Returns the object stored by Set-AWSCredential.'
        }
        @{
            Title   = 'Use a profile''s keys elsewhere'
            Code    = '(Get-AWSCredential -ProfileName deploy).GetCredentials().AccessKey'
            Remarks = 'Prints the access key id of profile deploy, a profile of static keys (for role, SSO and credential_process profiles GetCredentials() returns $null).'
        }
        @{
            Title   = 'List profiles'
            Code    = 'Get-AWSCredential -ListProfileDetail | Format-Table'
            Remarks = 'Shows every profile and the file it lives in.'
        }
    )
    Links       = @('Write-SECSecretValue')
}
