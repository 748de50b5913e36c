@{
    Synopsis    = 'Sets how much $AWSHistory keeps and whether it records service requests.'
    Description = 'Configures the process-wide $AWSHistory buffer, as AWS Tools for PowerShell V4 does. By default the last 5 cmdlet invocations are kept, each with its last 5 service responses; requests are not recorded. The -RecordServiceRequests and -IncludeSensitiveData switches are set on every call, so leaving one out turns it off. Recorded requests leave SecretString, SecretBinary and RotationToken empty unless -IncludeSensitiveData is given.'
    Parameters  = @{
        MaxCmdletHistory      = 'How many cmdlet invocations to keep (0 or more). 0 turns recording off and clears the history; a smaller number keeps the newest entries. A negative number is an error: "Negative values are not valid."'
        MaxServiceCallHistory = 'How many service calls to keep per invocation (1 or more), for invocations that start afterwards. 0 or less is an error: "Value must be greater than 0."'
        RecordServiceRequests = 'Records each service request (with InvocationLine and LoggedAt notes) as well as the responses. Without this switch, request recording is turned off.'
        IncludeSensitiveData  = 'Keeps secret values (SecretString, SecretBinary, RotationToken) in recorded requests, and leaves secrets typed on the command line unmasked in InvocationLine. Without this switch they are left $null (masked in InvocationLine). A SecureString given to -SecretString is never recorded.'
    }
    Examples    = @(
        @{
            Title   = 'Keep more history'
            Code    = 'Set-AWSHistoryConfiguration -MaxCmdletHistory 20 -MaxServiceCallHistory 10'
            Remarks = 'Keeps the last 20 invocations, each with up to 10 service calls.'
        }
        @{
            Title   = 'Record requests without their secrets'
            Code    = "Set-AWSHistoryConfiguration -RecordServiceRequests`nWrite-SECSecretValue -SecretId app/db -SecretString 's3cr3t'`n`$AWSHistory.LastServiceRequest"
            Remarks = 'The recorded request shows SecretId and the other inputs; SecretString is $null.'
        }
        @{
            Title   = 'Turn the history off'
            Code    = 'Set-AWSHistoryConfiguration -MaxCmdletHistory 0'
            Remarks = 'Clears $AWSHistory and records nothing more; $AWSHistory then reads "AWS History Disabled".'
        }
    )
    Links       = @('Write-SECSecretValue', 'Clear-AWSHistory')
}
