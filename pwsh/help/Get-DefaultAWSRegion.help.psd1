@{
    Synopsis    = 'Returns the shell''s default region.'
    Description = 'Returns an Amazon.PowerShell.Common.AWSRegion (Region, Name, IsShellDefault) for the value of $StoredAWSRegion as seen from the caller''s scope, or nothing when it is not set. Name is the system name: the module carries no table of display names.'
    Parameters  = @{
    }
    Examples    = @(
        @{
            Title   = 'Show the default'
            Code    = 'Get-DefaultAWSRegion'
            Remarks = 'Shows the region set with Set-DefaultAWSRegion.'
        }
        @{
            Title   = 'Only the system name'
            Code    = '(Get-DefaultAWSRegion).Region'
            Remarks = 'Prints e.g. eu-west-1.'
        }
        @{
            Title   = 'Check whether one is set'
            Code    = 'if (-not (Get-DefaultAWSRegion)) { Set-DefaultAWSRegion us-east-1 }'
            Remarks = 'Sets a default only when none is set.'
        }
    )
    Links       = @('Write-SECSecretValue')
}
