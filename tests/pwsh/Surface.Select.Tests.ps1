Set-StrictMode -Version Latest

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
}

Describe 'Write-SECSecretValue -Select and -PassThru' {
    BeforeEach {
        Reset-MotoServer $Endpoint
        $null = New-TestSecret 'sel/a'
        $null = Write-SECSecretValue -SecretId 'sel/a' -SecretString 'first' @Connection
    }

    It "emits the whole response for '*'" {
        $result = Write-SECSecretValue -SecretId 'sel/a' -SecretString 'x' -Select '*' @Connection
        $result | Should -BeOfType ([Amazon.SecretsManager.Model.PutSecretValueResponse])
    }

    It 'emits one string for -Select VersionId, matched case-insensitively' {
        $token = [guid]::NewGuid().ToString()
        $result = Write-SECSecretValue -SecretId 'sel/a' -SecretString 'x' -ClientRequestToken $token -Select versionid @Connection
        $result | Should -BeExactly $token
    }

    It 'emits each label as its own string for -Select VersionStages' {
        $result = @(Write-SECSecretValue -SecretId 'sel/a' -SecretString 'x' -VersionStage 'L1', 'L2' -Select VersionStages @Connection)
        $result | Should -Be @('L1', 'L2')
        $result[0] | Should -BeOfType ([string])
    }

    It 'reaches <Path> (a departure: AWS Tools V4 rejects base-class members)' -ForEach @(
        @{ Path = 'ResponseMetadata.RequestId'; Type = 'string' }
        @{ Path = 'ContentLength'; Type = 'long' }
        @{ Path = 'HttpStatusCode'; Type = 'Net.HttpStatusCode' }
        @{ Path = 'ResponseMetadata'; Type = 'Amazon.Runtime.ResponseMetadata' }
    ) {
        $result = Write-SECSecretValue -SecretId 'sel/a' -SecretString 'x' -Select $Path @Connection
        $result | Should -HaveCount 1
        $result | Should -BeOfType ($Type -as [type])
    }

    It 'emits the value of <Select>' -ForEach @(
        @{ Select = '^SecretId'; Expected = @('sel/a') }
        @{ Select = '^secretstring'; Expected = @('x') }
        @{ Select = '^VersionStages'; Expected = @('A', 'B') }
        @{ Select = '^VersionStage'; Expected = @('A', 'B') }
        @{ Select = '^Region'; Expected = @('us-east-1') }
        @{ Select = '^RegionToCall'; Expected = @('us-east-1') }
        @{ Select = '^AK'; Expected = @('test') }
        @{ Select = '^EndpointUrl'; Expected = @('ENDPOINT') }
        @{ Select = '^ClientRequestToken'; Expected = @() }
    ) {
        $expected = @($Expected | ForEach-Object { $_ -eq 'ENDPOINT' ? $Endpoint : $_ })
        $result = @(Write-SECSecretValue -SecretId 'sel/a' -SecretString 'x' -VersionStage 'A', 'B' -Select $Select @Connection)
        $result | Should -Be $expected
    }

    It 'emits each byte for -Select ^SecretBinary' {
        $result = @(Write-SECSecretValue -SecretId 'sel/a' -SecretBinary ([byte[]](1, 2, 3)) -Select '^SecretBinary' @Connection)
        $result | Should -Be @(1, 2, 3)
        $result[0] | Should -BeOfType ([byte])
    }

    It 'rejects <Select>' -ForEach @(
        @{ Select = 'Bogus' }, @{ Select = 'ResponseMetadata.Nope' }, @{ Select = '^NoSuchParameter' }, @{ Select = '' }, @{ Select = $null }
    ) {
        { Write-SECSecretValue -SecretId 'sel/a' -SecretString 'x' -Select $Select @Connection } |
            Should -Throw -ExpectedMessage 'Invalid value for -Select parameter.*' -ErrorId 'ArgumentException,*'
    }

    It 'reads -Select from a piped property' {
        $result = [pscustomobject]@{ SecretId = 'sel/a'; SecretString = 'x'; Select = 'Name' } | Write-SECSecretValue @Connection
        $result | Should -BeExactly 'sel/a'
    }

    Context '-PassThru' {
        It 'emits the SecretString value, with the obsolete warning' {
            $result = Write-SECSecretValue -SecretId 'sel/a' -SecretString 'passed through' -PassThru -WarningVariable warnings -WarningAction SilentlyContinue @Connection
            $result | Should -BeExactly 'passed through'
            "$warnings" | Should -BeLike "*The -PassThru parameter is deprecated, use -Select '^SecretString' instead.*"
        }

        It 'emits nothing when only SecretBinary was given, but still writes' {
            $result = Write-SECSecretValue -SecretId 'sel/a' -SecretBinary ([byte[]](7)) -PassThru -WarningAction SilentlyContinue @Connection
            $result | Should -BeNullOrEmpty
            (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'sel/a' }).SecretBinary | Should -Be 'Bw=='
        }

        It 'refuses -Select with the AWS Tools message' {
            { Write-SECSecretValue -SecretId 'sel/a' -SecretString 'x' -PassThru -Select '*' -WarningAction SilentlyContinue @Connection } |
                Should -Throw -ExpectedMessage '-PassThru cannot be used when -Select is specified.*'
        }
    }

    Context 'Tab completion' {
        It 'offers *, the response properties and every parameter with ^' {
            $line = 'Write-SECSecretValue -Select '
            $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $completions | Should -Contain "'*'"
            foreach ($name in 'ARN', 'Name', 'VersionId', 'VersionStages', 'ResponseMetadata', 'ContentLength', 'HttpStatusCode') { $completions | Should -Contain $name }
            foreach ($name in "'^SecretId'", "'^SecretString'", "'^VersionStages'", "'^Region'", "'^AccessKey'") { $completions | Should -Contain $name }
        }

        It 'filters by what was typed' {
            $line = 'Write-SECSecretValue -Select Ver'
            $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $completions | Should -Be @('VersionId', 'VersionStages')
        }
    }
}
