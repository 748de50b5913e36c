# Written the way a user's own Pester suite tests a module of theirs that calls Write-SECSecretValue:
# the cmdlet is mocked inside the user's module and calls are asserted with Should -Invoke.
Set-StrictMode -Version Latest

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')

    # The user's module, as it would be written for AWS.Tools.SecretsManager.
    $null = New-Module -Name UserSecrets -ScriptBlock {
        function Publish-AppSecret([string] $Name, [hashtable] $Value) {
            $json = $Value | ConvertTo-Json -Compress
            Write-SECSecretValue -SecretId $Name -SecretString $json -Region eu-west-1 -Select VersionId
        }
        function Publish-Certificate([string] $Name, [string] $Path) {
            Write-SECSecretValue -SecretId $Name -SecretBinary ([IO.File]::ReadAllBytes($Path)) -Region eu-west-1 -Force
        }
        Export-ModuleMember -Function Publish-AppSecret, Publish-Certificate
    } | Import-Module -PassThru
}

AfterAll { Remove-Module UserSecrets -ErrorAction Ignore }

Describe 'A user module that calls Write-SECSecretValue can be tested with mocks' {
    BeforeAll {
        Reset-MotoServer $Endpoint
        Mock -ModuleName UserSecrets Write-SECSecretValue { 'mocked-version' }
    }

    It 'runs with no AWS Tools module installed or loaded' {
        Get-Module -ListAvailable -Name 'AWS.Tools.*', 'AWSPowerShell*' | Should -BeNullOrEmpty
        (Get-Command Write-SECSecretValue).Source | Should -Be 'SecretsManager.Native'
    }

    It 'returns what the mock returns and passes the parameters through' {
        Publish-AppSecret -Name 'app/db' -Value @{ user = 'u' } | Should -Be 'mocked-version'

        Should -Invoke Write-SECSecretValue -ModuleName UserSecrets -Times 1 -Exactly -ParameterFilter {
            $SecretId -eq 'app/db' -and $SecretString -eq '{"user":"u"}' -and $Region -eq 'eu-west-1' -and $Select -eq 'VersionId'
        }
    }

    It 'sees -SecretBinary and -Force as passed' {
        $path = Join-Path $TestDrive 'cert.pfx'
        [IO.File]::WriteAllBytes($path, [byte[]](4, 5, 6))

        $null = Publish-Certificate -Name 'app/cert' -Path $path

        Should -Invoke Write-SECSecretValue -ModuleName UserSecrets -Times 1 -Exactly -ParameterFilter {
            $SecretId -eq 'app/cert' -and $Force -and "$SecretBinary" -eq '4 5 6'
        }
    }

    It 'never reaches the service while mocked' {
        { Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'app/db' } } | Should -Throw
    }
}
