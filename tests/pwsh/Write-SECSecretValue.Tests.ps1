Set-StrictMode -Version Latest

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
}

Describe 'Write-SECSecretValue' {
    BeforeEach {
        Reset-MotoServer $Endpoint
    }

    Context 'Write-SECSecretValue writes secrets that read back exactly' {
        It 'stores a string secret with non-ASCII text byte for byte' {
            $null = New-TestSecret 'app/db'
            $secret = '{"user":"søren","pass":"p@ss wörd ☃ 🔑","quote":"\"\\"}'

            $response = Write-SECSecretValue -SecretId 'app/db' -SecretString $secret @Connection

            $stored = Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'app/db' }
            $stored.SecretString | Should -BeExactly $secret
            $stored.VersionId | Should -Be $response.VersionId
        }

        It 'stores a binary secret with zero bytes and high bytes unchanged' {
            $null = New-TestSecret 'app/key'
            $bytes = [byte[]](0x00, 0x01, 0xff, 0x00, 0xc3, 0xa9, 0x80, 0x00)

            $null = Write-SECSecretValue -SecretId 'app/key' -SecretBinary $bytes @Connection

            $stored = Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'app/key' }
            [Convert]::FromBase64String($stored.SecretBinary) | Should -Be $bytes
            $stored.PSObject.Properties.Name | Should -Not -Contain 'SecretString'
        }

        It 'takes the secret string from the pipeline' {
            $null = New-TestSecret 'app/piped'
            'from the pipeline' | Write-SECSecretValue -SecretId 'app/piped' @Connection
            (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'app/piped' }).SecretString | Should -BeExactly 'from the pipeline'
        }
    }

    Context 'Write-SECSecretValue returns the PutSecretValue response' {
        It 'has the AWS Tools type name and every property' {
            $arn = New-TestSecret 'app/shape'

            $response = Write-SECSecretValue -SecretId 'app/shape' -SecretString 'x' @Connection

            $response.GetType().FullName | Should -Be 'Amazon.SecretsManager.Model.PutSecretValueResponse'
            $response.PSObject.TypeNames[0] | Should -Be 'Amazon.SecretsManager.Model.PutSecretValueResponse'
            $response.ARN | Should -Be $arn
            $response.Name | Should -Be 'app/shape'
            $response.VersionId | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$'
            $response.VersionStages | Should -Be @('AWSCURRENT')
            $response.ResponseMetadata.RequestId | Should -Not -BeNullOrEmpty
            $response.HttpStatusCode | Should -Be ([Net.HttpStatusCode]::OK)
            $response.ContentLength | Should -BeGreaterThan 0
        }
    }

    Context 'Staging labels move as Secrets Manager documents' {
        It 'moves AWSCURRENT to the new version and AWSPREVIOUS to the old one' {
            $null = New-TestSecret 'app/rotate'
            $first = Write-SECSecretValue -SecretId 'app/rotate' -SecretString 'one' @Connection
            $second = Write-SECSecretValue -SecretId 'app/rotate' -SecretString 'two' @Connection

            $stages = Get-VersionStage 'app/rotate'
            $stages.($second.VersionId) | Should -Be @('AWSCURRENT')
            $stages.($first.VersionId) | Should -Be @('AWSPREVIOUS')
        }

        It 'attaches only the named label with -VersionStage and leaves AWSCURRENT alone' {
            $null = New-TestSecret 'app/pending'
            $current = Write-SECSecretValue -SecretId 'app/pending' -SecretString 'live' @Connection
            $pending = Write-SECSecretValue -SecretId 'app/pending' -SecretString 'next' -VersionStage AWSPENDING @Connection

            $pending.VersionStages | Should -Be @('AWSPENDING')
            $stages = Get-VersionStage 'app/pending'
            $stages.($current.VersionId) | Should -Be @('AWSCURRENT')
            (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'app/pending' }).SecretString | Should -Be 'live'
        }
    }

    Context 'ClientRequestToken makes a write idempotent' {
        BeforeEach {
            $null = New-TestSecret 'app/token'
            $token = [guid]::NewGuid().ToString()
        }

        It 'gives the same VersionId for the same token and value, and creates no second version' {
            $first = Write-SECSecretValue -SecretId 'app/token' -SecretString 'same' -ClientRequestToken $token @Connection
            $again = Write-SECSecretValue -SecretId 'app/token' -SecretString 'same' -ClientRequestToken $token @Connection

            $first.VersionId | Should -Be $token
            $again.VersionId | Should -Be $token
            @((Get-VersionStage 'app/token').PSObject.Properties).Count | Should -Be 1
        }

        It 'fails with ResourceExistsException for the same token and another value' {
            $null = Write-SECSecretValue -SecretId 'app/token' -SecretString 'first' -ClientRequestToken $token @Connection

            $err = { Write-SECSecretValue -SecretId 'app/token' -SecretString 'second' -ClientRequestToken $token @Connection } |
                Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be 'Amazon.SecretsManager.Model.ResourceExistsException,Amazon.PowerShell.Cmdlets.SEC.WriteSECSecretValueCmdlet'
            (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'app/token' }).SecretString | Should -Be 'first'
        }
    }

    Context 'Failures are terminating error records shaped like AWS Tools' {
        It 'reports an unknown secret as ResourceNotFoundException' {
            $err = { Write-SECSecretValue -SecretId 'no/such/secret' -SecretString 'x' @Connection } | Should -Throw -PassThru

            $err.FullyQualifiedErrorId | Should -Be 'Amazon.SecretsManager.Model.ResourceNotFoundException,Amazon.PowerShell.Cmdlets.SEC.WriteSECSecretValueCmdlet'
            $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $err.Exception | Should -BeOfType [InvalidOperationException]
            $err.Exception.Message | Should -Be "Secrets Manager can't find the specified secret."
            $inner = $err.Exception.InnerException
            $inner.GetType().FullName | Should -Be 'Amazon.SecretsManager.Model.ResourceNotFoundException'
            $inner | Should -BeOfType ([Amazon.SecretsManager.AmazonSecretsManagerException])
            $inner.ErrorCode | Should -Be 'ResourceNotFoundException'
            $inner.RequestId | Should -Not -BeNullOrEmpty
            [int]$inner.StatusCode | Should -BeGreaterOrEqual 400
        }

        It 'is not silenced by -ErrorAction SilentlyContinue, as in AWS Tools' {
            { Write-SECSecretValue -SecretId 'no/such/secret' -SecretString 'x' -ErrorAction SilentlyContinue @Connection } |
                Should -Throw -ErrorId 'Amazon.SecretsManager.Model.ResourceNotFoundException*'
        }

        It 'reports an unreachable endpoint as a transport error' {
            # A port that was free a moment ago: nothing listens there, so connecting is refused.
            $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
            $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
            $closed = $Connection.Clone(); $closed.EndpointUrl = "http://127.0.0.1:$port"

            $err = { Write-SECSecretValue -SecretId 'app/db' -SecretString 'x' @closed } | Should -Throw -PassThru

            $err.FullyQualifiedErrorId | Should -BeLike 'System.Net.Http.HttpRequestException,*'
            $err.Exception.Message | Should -BeLike "Could not reach endpoint 'http://127.0.0.1:$port'*refused*"
        }

        It 'needs a region' {
            $noRegion = $Connection.Clone(); $noRegion.Remove('Region')
            $state = Enter-CleanAwsEnvironment   # no AWS_REGION, profile or metadata may supply one
            try {
                { Write-SECSecretValue -SecretId 'app/db' -SecretString 'x' @noRegion } |
                    Should -Throw -ExpectedMessage 'No region specified or obtained from persisted/shell defaults.' -ErrorId 'InvalidOperationException,*'
            } finally { Exit-CleanAwsEnvironment $state }
        }

        It 'names the parameter of a malformed endpoint URL' {
            $bad = $Connection.Clone(); $bad.EndpointUrl = 'localhost:5000'
            $err = { Write-SECSecretValue -SecretId 'app/db' -SecretString 'x' @bad } | Should -Throw -PassThru
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.ParamName | Should -Be 'EndpointUrl'
        }

        It 'rejects a secret string with an unpaired surrogate instead of altering it' {
            $null = New-TestSecret 'app/surrogate'
            $err = { Write-SECSecretValue -SecretId 'app/surrogate' -SecretString "bad`u{D800}" @Connection } | Should -Throw -PassThru
            $err.Exception.ParamName | Should -Be 'SecretString'
            (Get-VersionStage 'app/surrogate') | Should -BeNullOrEmpty
        }
    }
}
