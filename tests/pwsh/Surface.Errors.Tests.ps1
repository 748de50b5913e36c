Set-StrictMode -Version Latest

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    $CmdletSuffix = ',Amazon.PowerShell.Cmdlets.SEC.WriteSECSecretValueCmdlet'
}

Describe 'Write-SECSecretValue output and errors are shaped like AWS Tools V4' {
    BeforeEach { Reset-MotoServer $Endpoint }

    Context 'Output' {
        It 'emits one undecorated PutSecretValueResponse per input record' {
            $null = New-TestSecret 'out/a'; $null = New-TestSecret 'out/b'
            $responses = @(
                [pscustomobject]@{ SecretId = 'out/a'; SecretString = '1' }
                [pscustomobject]@{ SecretId = 'out/b'; SecretString = '2' }
            ) | Write-SECSecretValue @Connection

            $responses | Should -HaveCount 2
            foreach ($response in $responses) {
                $response | Should -BeOfType ([Amazon.SecretsManager.Model.PutSecretValueResponse])
                $response | Should -BeOfType ([Amazon.Runtime.AmazonWebServiceResponse])
                @($response.PSObject.Properties.Name) | Should -Be @('ARN', 'Name', 'VersionId', 'VersionStages', 'ResponseMetadata', 'ContentLength', 'HttpStatusCode')
                $response.ResponseMetadata | Should -BeOfType ([Amazon.Runtime.ResponseMetadata])
                $response.ResponseMetadata.Metadata.GetType().GetInterfaces().Name | Should -Contain 'IDictionary`2'
                $response.VersionStages.GetType().Name | Should -Be 'List`1'
            }
        }
    }

    Context 'Service errors' {
        It 'defines <_>, an AmazonSecretsManagerException' -ForEach @(
            'DecryptionFailureException', 'EncryptionFailureException', 'InternalServiceErrorException', 'InvalidNextTokenException',
            'InvalidParameterException', 'InvalidRequestException', 'LimitExceededException', 'MalformedPolicyDocumentException',
            'PreconditionNotMetException', 'PublicPolicyException', 'ResourceExistsException', 'ResourceNotFoundException'
        ) {
            $type = "Amazon.SecretsManager.Model.$_" -as [type]
            $type | Should -Not -BeNullOrEmpty
            $type.IsSubclassOf([Amazon.SecretsManager.AmazonSecretsManagerException]) | Should -BeTrue
            [Amazon.SecretsManager.AmazonSecretsManagerException].IsSubclassOf([Amazon.Runtime.AmazonServiceException]) | Should -BeTrue
            foreach ($member in 'ErrorCode', 'StatusCode', 'RequestId', 'ErrorType') { $type.GetProperty($member) | Should -Not -BeNullOrEmpty }
        }

        It 'reports neither value as InvalidRequestException with the service message' {
            $null = New-TestSecret 'err/empty'
            $err = { Write-SECSecretValue -SecretId 'err/empty' @Connection } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be "Amazon.SecretsManager.Model.InvalidRequestException$CmdletSuffix"
            $err.Exception.Message | Should -Be 'You must provide either SecretString or SecretBinary.'
            $err.Exception.InnerException.ErrorCode | Should -Be 'InvalidRequestException'
            [int]$err.Exception.InnerException.StatusCode | Should -Be 400
        }

        It 'reports a too short token as InvalidParameterException' {
            $null = New-TestSecret 'err/short'
            $err = { Write-SECSecretValue -SecretId 'err/short' -SecretString 'x' -ClientRequestToken 'short' @Connection } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be "Amazon.SecretsManager.Model.InvalidParameterException$CmdletSuffix"
            $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        }

        It 'reports a reused token with other data as ResourceExistsException, with code, status and request id' {
            $null = New-TestSecret 'err/token'
            $token = [guid]::NewGuid().ToString()
            $null = Write-SECSecretValue -SecretId 'err/token' -SecretString 'one' -ClientRequestToken $token @Connection
            $err = { Write-SECSecretValue -SecretId 'err/token' -SecretString 'two' -ClientRequestToken $token @Connection } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be "Amazon.SecretsManager.Model.ResourceExistsException$CmdletSuffix"
            $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $err.CategoryInfo.Reason | Should -Be 'InvalidOperationException'
            $err.Exception.Message | Should -Be $err.Exception.InnerException.Message
            $inner = $err.Exception.InnerException
            $inner.ErrorCode | Should -Be 'ResourceExistsException'
            [int]$inner.StatusCode | Should -Be 400
            $inner.ErrorType | Should -Be 'Sender'
            $inner.RequestId | Should -Not -BeNullOrEmpty
        }

        It 'is caught by the catch blocks AWS Tools users write' {
            $caught = [Collections.Generic.List[string]]::new()
            try { Write-SECSecretValue -SecretId 'err/missing' -SecretString 'x' @Connection }
            catch [System.InvalidOperationException] {
                if ($_.Exception.InnerException -is [Amazon.SecretsManager.Model.ResourceNotFoundException]) { $caught.Add('by inner type') }
                if ($_.FullyQualifiedErrorId -like 'Amazon.SecretsManager.Model.ResourceNotFoundException,*') { $caught.Add('by id') }
                if ($_.Exception.Message -match "can't find the specified secret") { $caught.Add('by message') }
                if ($_.Exception.InnerException.ErrorCode -eq 'ResourceNotFoundException') { $caught.Add('by code') }
            }
            $caught | Should -Be @('by inner type', 'by id', 'by message', 'by code')
        }

        It 'stops the pipeline at the first failing record' {
            $null = New-TestSecret 'err/ok'
            $written = [Collections.Generic.List[object]]::new()
            { @(
                    [pscustomobject]@{ SecretId = 'err/missing'; SecretString = '1' }
                    [pscustomobject]@{ SecretId = 'err/ok'; SecretString = '2' }
                ) | Write-SECSecretValue @Connection | ForEach-Object { $written.Add($_) } } | Should -Throw
            $written | Should -HaveCount 0
            Get-VersionStage 'err/ok' | Should -BeNullOrEmpty
        }
    }

    Context 'Client-side argument errors' {
        It 'reports <Case> as an ArgumentException on Select, before anything is sent' -ForEach @(
            @{ Case = 'an unknown -Select'; Arguments = @{ Select = 'NoSuchProperty' }; Message = 'Invalid value for -Select parameter.' }
            @{ Case = 'an empty -Select'; Arguments = @{ Select = '' }; Message = 'Invalid value for -Select parameter.' }
            @{ Case = '-PassThru with -Select'; Arguments = @{ Select = '*'; PassThru = $true }; Message = '-PassThru cannot be used when -Select is specified.' }
        ) {
            $null = New-TestSecret 'arg/a'
            $err = { Write-SECSecretValue -SecretId 'arg/a' -SecretString 'x' @Arguments @Connection -WarningAction SilentlyContinue } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be "ArgumentException$CmdletSuffix"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception | Should -BeOfType ([ArgumentException])
            $err.Exception.ParamName | Should -Be 'Select'
            $err.Exception.Message | Should -BeLike "$([WildcardPattern]::Escape($Message))*"
            Get-VersionStage 'arg/a' | Should -BeNullOrEmpty
        }
    }
}
