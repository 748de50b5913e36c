# Module manifest of SecretsManager.Native. build.ps1 copies it into out/SecretsManager.Native/ and
# stamps ModuleVersion from the workspace version in Cargo.toml (the only version source).
@{
    RootModule           = 'SecretsManager.Native.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = '6f0958b6-39bf-49e0-8abd-cb6686de46fb'
    Author               = 'SecretsManager.Native contributors'
    CompanyName          = 'SecretsManager.Native contributors'
    Copyright            = '(c) SecretsManager.Native contributors. Apache License 2.0.'
    Description          = 'A fast, native drop-in replacement for the AWS Tools for PowerShell cmdlet Write-SECSecretValue (AWS Secrets Manager PutSecretValue).'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'

    # Explicit lists: auto-loading and tab completion work without importing, and import stays fast.
    CmdletsToExport      = @('Write-SECSecretValue', 'Set-AWSHistoryConfiguration', 'Clear-AWSHistory',
        'Set-AWSCredential', 'Get-AWSCredential', 'Clear-AWSCredential', 'New-AWSCredential', 'Remove-AWSCredentialProfile',
        'Set-DefaultAWSRegion', 'Get-DefaultAWSRegion', 'Clear-DefaultAWSRegion', 'Set-AWSProxy', 'Clear-AWSProxy')
    FunctionsToExport    = @()
    AliasesToExport      = @('Set-AWSCredentials', 'Get-AWSCredentials', 'Clear-AWSCredentials', 'New-AWSCredentials')
    VariablesToExport    = @()

    # How a PutSecretValueResponse prints: a table of ARN, Name, VersionId, VersionStages.
    FormatsToProcess     = @('SecretsManager.Native.Format.ps1xml')

    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'SecretsManager', 'Secrets', 'PutSecretValue', 'Native', 'Linux', 'MacOS', 'Windows', 'PSEdition_Core')
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ProjectUri   = 'https://github.com/SecretsManager-Native/SecretsManager.Native'
            ReleaseNotes = 'See CHANGELOG.md in the module folder or the project page.'
        }
    }
}
