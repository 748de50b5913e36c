@{
    Synopsis    = 'Makes a region the shell''s default.'
    Description = 'Stores the region''s system name as a string in $StoredAWSRegion (caller''s current scope, or -Scope), which Write-SECSecretValue reads when -Region is not given (step 2 of the region order). -Region takes a system name or a region object with a Region property, by position or from the pipeline.'
    Parameters  = @{
        Region = 'The system name (e.g. eu-west-1) or a region object.'
        Scope = 'Global, Local, Script or Private: the scope of $StoredAWSRegion.'
    }
    Examples    = @(
        @{
            Title   = 'Default region for the session'
            Code    = 'Set-DefaultAWSRegion eu-west-1 -Scope Global'
            Remarks = 'Later calls without -Region go to eu-west-1.'
        }
        @{
            Title   = 'From the pipeline'
            Code    = '''us-east-2'' | Set-DefaultAWSRegion'
            Remarks = 'Sets $StoredAWSRegion in the current scope.'
        }
        @{
            Title   = 'Only inside a script block'
            Code    = '& { Set-DefaultAWSRegion ap-south-1; Write-SECSecretValue -SecretId app/db -SecretString ''v1'' }'
            Remarks = 'The default applies inside the block only.'
        }
    )
    Links       = @('Write-SECSecretValue')
}
