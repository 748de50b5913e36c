@{
    Synopsis    = 'Returns the shell''s credentials, a profile''s credentials, or the list of profiles.'
    Description = 'Without parameters returns the object in $StoredAWSCredentials (nothing when unset). With -ProfileName returns that profile as a credential object (its keys when it holds static keys). With -ListProfileDetail returns one object per profile with ProfileName, StoreTypeName and ProfileLocation. The alias Get-AWSCredentials is kept for old scripts.'
    Parameters  = @{
        ProfileName = 'The profile to return.'
        ProfileLocation = 'The ini credentials file to read instead of the default files.'
        ListProfileDetail = 'Lists the profiles of the credentials and config files.'
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
            Remarks = 'Prints the access key id of profile deploy.'
        }
        @{
            Title   = 'List profiles'
            Code    = 'Get-AWSCredential -ListProfileDetail | Format-Table'
            Remarks = 'Shows every profile and the file it lives in.'
        }
    )
    Links       = @('Write-SECSecretValue')
}
