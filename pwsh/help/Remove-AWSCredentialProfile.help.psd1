@{
    Synopsis    = 'Removes a profile from the shared credentials and config files.'
    Description = 'Removes every section of the profile -ProfileName: from the file -ProfileLocation names, or else from the credentials file (AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials) and the config file (AWS_CONFIG_FILE, else ~/.aws/config). Other profiles, comments and [sso-session] or [services] sections are kept, and each file is replaced in one step, so a crash leaves it whole. Asks for confirmation first (ConfirmImpact High); -Force skips the question and -WhatIf only says what would be removed. A profile that does not exist is an error, as in AWS Tools; after -ProfileLocation, a profile of the same name still found in the default files is a warning.'
    Parameters  = @{
        ProfileName = 'The profile to remove.'
        ProfileLocation = 'The ini file to remove it from, instead of the default credentials and config files.'
        Force = 'Removes without asking for confirmation.'
    }
    Examples    = @(
        @{
            Title   = 'Remove a profile a test created'
            Code    = 'Set-AWSCredential -AccessKey AKIAEXAMPLE -SecretKey $secret -StoreAs ci-temp
Remove-AWSCredentialProfile -ProfileName ci-temp -Force'
            Remarks = 'Writes the profile ci-temp, then removes it without a prompt.'
        }
        @{
            Title   = 'See what would be removed'
            Code    = 'Remove-AWSCredentialProfile -ProfileName old-deploy -WhatIf'
            Remarks = 'Prints what would be removed and changes nothing.'
        }
        @{
            Title   = 'Remove a profile from another file'
            Code    = 'Remove-AWSCredentialProfile old-deploy -ProfileLocation ./credentials.ini -Force'
            Remarks = 'Removes [old-deploy] from ./credentials.ini only; a warning says so if ~/.aws/credentials still has one.'
        }
    )
    Links       = @('Set-AWSCredential', 'Get-AWSCredential')
}
