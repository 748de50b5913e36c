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

Describe 'A mock can throw the service errors a user module catches' {
    BeforeAll {
        $null = New-Module -Name UserCatches -ScriptBlock {
            function Test-AppSecret([string] $Name) {
                try { Write-SECSecretValue -SecretId $Name -SecretString 'x' -Region eu-west-1; 'written' }
                catch [Amazon.SecretsManager.Model.ResourceNotFoundException] { "missing: $($_.Exception.Message)" }
                catch [Amazon.SecretsManager.AmazonSecretsManagerException] { "service error $($_.Exception.ErrorCode) $([int]$_.Exception.StatusCode)" }
            }
            Export-ModuleMember -Function Test-AppSecret
        } | Import-Module -PassThru
    }
    AfterAll { Remove-Module UserCatches -ErrorAction Ignore }

    It 'with the constructors of the AWS SDK''s generated exceptions: (<Arguments>)' -ForEach @(
        @{ Arguments = 'message'; Make = { [Amazon.SecretsManager.Model.ResourceNotFoundException]::new('no such secret') }; Expected = 'missing: no such secret' }
        @{ Arguments = 'message, inner exception'; Make = { [Amazon.SecretsManager.Model.ResourceNotFoundException]::new('no such secret', [Exception]::new('inner')) }; Expected = 'missing: no such secret' }
        @{ Arguments = 'inner exception'; Make = { [Amazon.SecretsManager.Model.ResourceNotFoundException]::new([Exception]::new('from inner')) }; Expected = 'missing: from inner' }
        @{ Arguments = 'message, error type, code, request id, status'; Make = { [Amazon.SecretsManager.Model.LimitExceededException]::new('too many', 'Sender', 'LimitExceededException', 'req-1', 'BadRequest') }; Expected = 'service error LimitExceededException 400' }
        @{ Arguments = 'message, inner, error type, code, request id, status'; Make = { [Amazon.SecretsManager.AmazonSecretsManagerException]::new('slow down', $null, 'Sender', 'ThrottlingException', 'req-2', 'BadRequest') }; Expected = 'service error ThrottlingException 400' }
    ) {
        $script:toThrow = & $Make
        Mock -ModuleName UserCatches Write-SECSecretValue { throw $script:toThrow }

        Test-AppSecret 'app/db' | Should -Be $Expected
    }

    It 'and the SDK''s settable members and base constructors' {
        $serviceError = [Amazon.Runtime.AmazonServiceException]::new('m', [Exception]::new('i'), [Net.HttpStatusCode]::InternalServerError)
        $serviceError.StatusCode | Should -Be 'InternalServerError'
        $serviceError.ErrorCode = 'InternalFailure'; $serviceError.RequestId = 'r'; $serviceError.ErrorType = 'Receiver'
        "$($serviceError.ErrorCode) $($serviceError.RequestId) $($serviceError.ErrorType)" | Should -Be 'InternalFailure r Receiver'
        [Amazon.Runtime.AmazonServiceException]::new().Message | Should -Not -BeNullOrEmpty
    }
}
