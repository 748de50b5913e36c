Set-StrictMode -Version Latest

# Bad input: every row must end in a terminating InvalidArgument error naming the parameter, and must
# leave the secret without any version. Limits that moto does not check (both secret kinds, sizes,
# label counts and lengths; see docs/moto-fidelity.md) are checked client-side, so they are asserted here.

BeforeDiscovery {
    $big = 'x' * 65537
    function Secure([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
    $disposed = Secure 'gone'
    $disposed.Dispose()
    $cases = @(
        @{ Case = 'an empty SecretId'; Parameter = 'SecretId'; Arguments = @{ SecretId = ''; SecretString = 's' } }
        @{ Case = 'a white-space SecretId'; Parameter = 'SecretId'; Arguments = @{ SecretId = '   '; SecretString = 's' } }
        @{ Case = 'a tab and newline SecretId'; Parameter = 'SecretId'; Arguments = @{ SecretId = "`t`n"; SecretString = 's' } }
        @{ Case = 'a 2,049-character SecretId'; Parameter = 'SecretId'; Arguments = @{ SecretId = 'a' * 2049; SecretString = 's' } }
        @{ Case = 'both SecretString and SecretBinary'; Parameter = 'SecretString'; Arguments = @{ SecretString = 's'; SecretBinary = [byte[]](1, 2) } }
        @{ Case = 'a 65,537-byte ASCII SecretString'; Parameter = 'SecretString'; Arguments = @{ SecretString = $big } }
        @{ Case = 'a SecretString of 32,769 two-byte characters (65,538 bytes)'; Parameter = 'SecretString'; Arguments = @{ SecretString = 'é' * 32769 } }
        @{ Case = 'a 65,537-byte SecretBinary'; Parameter = 'SecretBinary'; Arguments = @{ SecretBinary = [byte[]]::new(65537) } }
        @{ Case = '21 staging labels'; Parameter = 'VersionStage'; Arguments = @{ SecretString = 's'; VersionStage = @(1..21 | ForEach-Object { "L$_" }) } }
        @{ Case = 'a 257-character staging label'; Parameter = 'VersionStage'; Arguments = @{ SecretString = 's'; VersionStage = @('L' * 257) } }
        @{ Case = 'an empty staging label'; Parameter = 'VersionStage'; Arguments = @{ SecretString = 's'; VersionStage = @('AWSPENDING', '') } }
        @{ Case = 'an empty list of staging labels'; Parameter = 'VersionStage'; Arguments = @{ SecretString = 's'; VersionStage = [string[]]@() } }
        @{ Case = 'an empty token'; Parameter = 'ClientRequestToken'; Arguments = @{ SecretString = 's'; ClientRequestToken = '' } }
        @{ Case = 'an upper-case region'; Parameter = 'Region'; Arguments = @{ SecretString = 's'; Region = 'US-EAST-1' } }
        @{ Case = 'a region with spaces'; Parameter = 'Region'; Arguments = @{ SecretString = 's'; Region = 'us east 1' } }
        @{ Case = 'a region with a trailing space'; Parameter = 'Region'; Arguments = @{ SecretString = 's'; Region = 'us-east-1 ' } }
        @{ Case = 'a region with underscores'; Parameter = 'Region'; Arguments = @{ SecretString = 's'; Region = 'us_east_1' } }
        @{ Case = 'an endpoint URL without a scheme'; Parameter = 'EndpointUrl'; Arguments = @{ SecretString = 's'; EndpointUrl = 'localhost:5000' } }
        @{ Case = 'an ftp endpoint URL'; Parameter = 'EndpointUrl'; Arguments = @{ SecretString = 's'; EndpointUrl = 'ftp://127.0.0.1' } }
        @{ Case = 'an endpoint URL without a host'; Parameter = 'EndpointUrl'; Arguments = @{ SecretString = 's'; EndpointUrl = 'http://' } }
        @{ Case = 'an endpoint URL with a space'; Parameter = 'EndpointUrl'; Arguments = @{ SecretString = 's'; EndpointUrl = 'http://a b' } }
        @{ Case = 'a lone high surrogate in SecretString'; Parameter = 'SecretString'; Arguments = @{ SecretString = "pw`u{D800}" } }
        @{ Case = 'a lone low surrogate in SecretString'; Parameter = 'SecretString'; Arguments = @{ SecretString = "x`u{DC00}y" } }
        @{ Case = 'a SecureString with a lone high surrogate'; Parameter = 'SecretString'; Arguments = @{ SecretString = (Secure "pw`u{D800}") } }
        @{ Case = 'a SecureString with a lone low surrogate'; Parameter = 'SecretString'; Arguments = @{ SecretString = (Secure "`u{DC00}pw") } }
        @{ Case = 'a SecureString of 32,769 two-byte characters (65,538 bytes)'; Parameter = 'SecretString'; Arguments = @{ SecretString = (Secure ('é' * 32769)) } }
        @{ Case = 'a SecureString and SecretBinary'; Parameter = 'SecretString'; Arguments = @{ SecretString = (Secure 's'); SecretBinary = [byte[]](1, 2) } }
        @{ Case = 'a disposed SecureString'; Parameter = 'SecretString'; Arguments = @{ SecretString = $disposed } }
        @{ Case = 'an unknown ClientConfig setting'; Parameter = 'ClientConfig'; Arguments = @{ SecretString = 's'; ClientConfig = @{ Bogus = 1 } } }
        @{ Case = 'an unknown ClientConfig RetryMode'; Parameter = 'ClientConfig'; Arguments = @{ SecretString = 's'; ClientConfig = @{ RetryMode = 'sometimes' } } }
        @{ Case = 'too many retries in ClientConfig'; Parameter = 'ClientConfig'; Arguments = @{ SecretString = 's'; ClientConfig = @{ MaxErrorRetry = 99 } } }
        @{ Case = 'a negative ClientConfig MaxErrorRetry'; Parameter = 'ClientConfig'; Arguments = @{ SecretString = 's'; ClientConfig = @{ MaxErrorRetry = -1 } } }
        @{ Case = 'a ClientConfig MaxErrorRetry past any integer'; Parameter = 'ClientConfig'; Arguments = @{ SecretString = 's'; ClientConfig = @{ MaxErrorRetry = 1e300 } } }
        @{ Case = 'a zero ClientConfig Timeout'; Parameter = 'ClientConfig'; Arguments = @{ SecretString = 's'; ClientConfig = @{ Timeout = 0 } } }
        @{ Case = 'a ClientConfig Timeout of 1e300 seconds'; Parameter = 'ClientConfig'; Arguments = @{ SecretString = 's'; ClientConfig = @{ Timeout = 1e300 } } }
        @{ Case = 'a ClientConfig Timeout that is not a number'; Parameter = 'ClientConfig'; Arguments = @{ SecretString = 's'; ClientConfig = @{ Timeout = [double]::NaN } } }
        @{ Case = 'a ClientConfig Timeout over the SDK''s MaxTimeout'; Parameter = 'ClientConfig'; Arguments = @{ SecretString = 's'; ClientConfig = @{ Timeout = [timespan]::FromDays(25) } } }
        @{ Case = 'a ClientConfig Timeout that is not a time'; Parameter = 'ClientConfig'; Arguments = @{ SecretString = 's'; ClientConfig = @{ Timeout = 'soon' } } }
        @{ Case = 'a string as ClientConfig'; Parameter = 'ClientConfig'; Arguments = @{ SecretString = 's'; ClientConfig = 'fast please' } }
        @{ Case = 'a ClientConfig ProxyHost without ProxyPort'; Parameter = 'ClientConfig'; Arguments = @{ SecretString = 's'; ClientConfig = @{ ProxyHost = 'proxy' } } }
        @{ Case = 'a ClientConfig ProxyPort over 65535'; Parameter = 'ClientConfig'; Arguments = @{ SecretString = 's'; ClientConfig = @{ ProxyHost = 'proxy'; ProxyPort = 70000 } } }
        @{ Case = 'an https:// ClientConfig ProxyHost'; Parameter = 'ClientConfig'; Arguments = @{ SecretString = 's'; ClientConfig = @{ ProxyHost = 'https://proxy'; ProxyPort = 443 } } }
        @{ Case = 'a ClientConfig ProxyHost with a path'; Parameter = 'ClientConfig'; Arguments = @{ SecretString = 's'; ClientConfig = @{ ProxyHost = 'proxy/path'; ProxyPort = 3128 } } }
        @{ Case = 'a string as ClientConfig ProxyCredentials'; Parameter = 'ClientConfig'; Arguments = @{ SecretString = 's'; ClientConfig = @{ ProxyHost = 'proxy'; ProxyPort = 3128; ProxyCredentials = 'user:pw' } } }
        @{ Case = 'a ClientConfig ProxyBypassList (not supported)'; Parameter = 'ClientConfig'; Arguments = @{ SecretString = 's'; ClientConfig = @{ ProxyBypassList = @('internal') } } }
    )
    # What the service rejects itself (and moto faithfully, docs/moto-fidelity.md) is sent, as AWS Tools does, so
    # that scripts catching InvalidRequestException / InvalidParameterException keep working.
    $serviceChecked = @(
        @{ Case = 'a null SecretId'; Arguments = @{ SecretId = $null; SecretString = 's' } }
        @{ Case = 'neither SecretString nor SecretBinary'; Arguments = @{} }
        @{ Case = 'an empty SecretString'; Arguments = @{ SecretString = '' } }
        @{ Case = 'an empty SecretBinary'; Arguments = @{ SecretBinary = [byte[]]@() } }
        @{ Case = 'a 31-character token'; Arguments = @{ SecretString = 's'; ClientRequestToken = 't' * 31 } }
        @{ Case = 'a 65-character token'; Arguments = @{ SecretString = 's'; ClientRequestToken = 't' * 65 } }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
}

Describe 'Bad input ends in a clear error and writes nothing' {
    BeforeEach {
        Reset-MotoServer $Endpoint
        $null = New-TestSecret 'bad/input'
    }

    It 'rejects <Case>, naming <Parameter>' -ForEach $cases {
        $splat = $Connection.Clone()
        $splat.SecretId = 'bad/input'
        foreach ($key in $Arguments.Keys) { $splat[$key] = $Arguments[$key] }

        $err = { Write-SECSecretValue @splat } | Should -Throw -PassThru

        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception | Should -BeOfType [ArgumentException]
        $err.Exception.ParamName | Should -Be $Parameter
        $err.Exception.Message | Should -BeLike "*$Parameter*"
        Get-VersionStage 'bad/input' | Should -BeNullOrEmpty
    }

    It 'names an unknown ClientConfig setting and lists the supported ones' {
        $err = { Write-SECSecretValue -SecretId 'bad/input' -SecretString 's' -ClientConfig @{ Bogus = 1 } @Connection } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeLike "*'Bogus' is not a supported setting; supported: ServiceURL, RegionEndpoint,*"
    }

    It 'leaves <Case> to the service: a service error record, nothing written' -ForEach $serviceChecked {
        $splat = $Connection.Clone()
        $splat.SecretId = 'bad/input'
        foreach ($key in $Arguments.Keys) { $splat[$key] = $Arguments[$key] }

        $err = { Write-SECSecretValue @splat -WarningAction SilentlyContinue } | Should -Throw -PassThru

        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err.FullyQualifiedErrorId | Should -BeLike 'Amazon.SecretsManager.Model.*Exception,Amazon.PowerShell.Cmdlets.SEC.WriteSECSecretValueCmdlet'
        $err.Exception.InnerException.ErrorCode | Should -Not -BeNullOrEmpty
        Get-VersionStage 'bad/input' | Should -BeNullOrEmpty
    }

    # Inputs that cannot even be converted fail at parameter binding: PowerShell's own error, naming the parameter.
    It 'rejects a FileInfo to a missing file as SecretBinary at binding' {
        $missing = [IO.FileInfo](Join-Path $TestDrive 'no-such-file.bin')
        $err = { Write-SECSecretValue -SecretId 'bad/input' -SecretBinary $missing @Connection } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        $err.Exception.Message | Should -BeLike "*'SecretBinary'*"
        Get-VersionStage 'bad/input' | Should -BeNullOrEmpty
    }

    # AWS Tools' [string] parameter joins the lines with spaces; StringOrSecureString refuses (docs/compatibility.md, §1.2).
    It 'rejects an array of lines as SecretString at binding' {
        $err = { Write-SECSecretValue -SecretId 'bad/input' -SecretString ([string[]] ('line 1', 'line 2')) @Connection } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CannotConvertArgument,*'
        $err.Exception.Message | Should -BeLike "*'SecretString'*"
        Get-VersionStage 'bad/input' | Should -BeNullOrEmpty
    }

    It 'rejects a closed Stream as SecretBinary at binding' {
        $closed = [IO.BufferedStream]::new([IO.MemoryStream]::new())
        $closed.Dispose()
        $err = { Write-SECSecretValue -SecretId 'bad/input' -SecretBinary $closed @Connection } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        $err.Exception.Message | Should -BeLike "*'SecretBinary'*"
        Get-VersionStage 'bad/input' | Should -BeNullOrEmpty
    }

    It 'stops a long pipeline of objects with bad properties at the first one, writing nothing' {
        $objects = 1..2000 | ForEach-Object { [pscustomobject]@{ SecretId = 'bad/input'; SecretString = 's'; VersionStage = @('') } }

        $err = { $objects | Write-SECSecretValue @Connection } | Should -Throw -PassThru

        $err.Exception.ParamName | Should -Be 'VersionStage'
        Get-VersionStage 'bad/input' | Should -BeNullOrEmpty
    }

    It 'writes the good objects before a bad one and stops there' {
        $objects = @(
            [pscustomobject]@{ SecretId = 'bad/input'; SecretString = 'good' }
            [pscustomobject]@{ SecretId = 'bad/input'; SecretString = 'y' * 70000 }
            [pscustomobject]@{ SecretId = 'bad/input'; SecretString = 'never' }
        )

        { $objects | Write-SECSecretValue @Connection } | Should -Throw -ErrorId 'ArgumentException,*'

        @((Get-VersionStage 'bad/input').PSObject.Properties).Count | Should -Be 1
        (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'bad/input' }).SecretString | Should -Be 'good'
    }
}
