@{
    Synopsis    = 'Empties $AWSHistory.'
    Description = 'Removes every recorded cmdlet invocation from the process-wide $AWSHistory buffer, as AWS Tools for PowerShell V4 does. The configuration set with Set-AWSHistoryConfiguration stays as it is. Takes no parameters and writes no output.'
    Parameters  = @{}
    Examples    = @(
        @{
            Title   = 'Start with an empty history'
            Code    = "Clear-AWSHistory`n`$AWSHistory.Commands.Count"
            Remarks = 'Prints 0.'
        }
        @{
            Title   = 'Look at one write only'
            Code    = "Clear-AWSHistory`nWrite-SECSecretValue -SecretId app/db -SecretString 'v2'`n`$AWSHistory.LastServiceResponse.VersionId"
            Remarks = 'The history holds only the write just made.'
        }
        @{
            Title   = 'Forget recorded requests'
            Code    = "Set-AWSHistoryConfiguration -RecordServiceRequests -IncludeSensitiveData`nWrite-SECSecretValue -SecretId app/db -SecretString 'v3'`nClear-AWSHistory"
            Remarks = 'Removes the recorded request, which included the secret value, from memory held by the history.'
        }
    )
    Links       = @('Write-SECSecretValue', 'Set-AWSHistoryConfiguration')
}
