Set-StrictMode -Version Latest

# Retry settings from the environment and profiles: AWS_MAX_ATTEMPTS / max_attempts and AWS_RETRY_MODE /
# retry_mode, with -ClientConfig's MaxErrorRetry / RetryMode winning over them (as the .NET SDK's ClientConfig
# does). Attempts are counted on a moto whose every PutSecretValue fails with a retryable 500.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    Import-Module (Join-Path $PSScriptRoot '..' 'harness' 'FaultServers.psm1')
    $faulty = Start-FaultyMoto -ErrorCode InternalServiceError -FailFirst 1000 -Every 1000
    $null = Invoke-MotoApi $faulty.Endpoint CreateSecret @{ Name = 'retries/a' }

    # The log reaches its file through pwsh's copy of the server's stdout, a little later: a marker write of
    # the harness's own, waited for, comes after every attempt before it.
    function Get-AttemptCount {
        $marker = "retries/marker-$([guid]::NewGuid())"
        try { $null = Invoke-MotoApi $faulty.Endpoint PutSecretValue @{ SecretId = $marker; SecretString = 'm' } } catch { $null = $_ }
        $null = Wait-FaultLog $faulty ([regex]::Escape($marker))
        @(Select-String -Path $faulty.LogPath -Pattern '^put \d+ \w+ retries/a$').Count
    }

    # How many PutSecretValue attempts one failing write made.
    function Measure-Attempt([hashtable] $Extra = @{}) {
        $splat = @{ Region = 'us-east-1'; EndpointUrl = $faulty.Endpoint; AccessKey = 'test'; SecretKey = 'test' }
        foreach ($key in $Extra.Keys) {
            if ($null -eq $Extra[$key]) { $splat.Remove($key) } else { $splat[$key] = $Extra[$key] }
        }
        $before = Get-AttemptCount
        $err = { Write-SECSecretValue -SecretId 'retries/a' -SecretString 'v' @splat } | Should -Throw -PassThru
        $err.Exception.InnerException.ErrorCode | Should -Be 'InternalServiceError'
        (Get-AttemptCount) - $before
    }
}

AfterAll { if (Get-Variable faulty -ErrorAction Ignore) { Stop-FaultServer $faulty } }

Describe 'Retry settings from the environment and profiles' {
    BeforeEach {
        $State = Enter-CleanAwsEnvironment
        $Config = Join-Path $env:HOME '.aws' 'config'
    }
    AfterEach { Exit-CleanAwsEnvironment $State }

    It 'AWS_MAX_ATTEMPTS sets the attempts (default 3)' {
        Measure-Attempt | Should -Be 3
        $env:AWS_MAX_ATTEMPTS = '2'
        Measure-Attempt | Should -Be 2
    }

    It 'the profile''s max_attempts sets them, and AWS_MAX_ATTEMPTS wins over it' {
        Set-Content $Config "[default]`nmax_attempts = 1"
        Measure-Attempt | Should -Be 1
        $env:AWS_MAX_ATTEMPTS = '2'
        Measure-Attempt | Should -Be 2
    }

    It 'the max_attempts of the profile named by -ProfileName counts, not default''s' {
        Set-Content $Config "[default]`nmax_attempts = 3`n[profile named]`nmax_attempts = 1"
        Set-Content (Join-Path $env:HOME '.aws' 'credentials') "[named]`naws_access_key_id = AKIDSETTINGS`naws_secret_access_key = s"
        Measure-Attempt @{ ProfileName = 'named'; AccessKey = $null; SecretKey = $null } | Should -Be 1
    }

    It '-ClientConfig MaxErrorRetry wins over AWS_MAX_ATTEMPTS and max_attempts' {
        Set-Content $Config "[default]`nmax_attempts = 3"
        $env:AWS_MAX_ATTEMPTS = '1'
        Measure-Attempt | Should -Be 1
        Measure-Attempt @{ ClientConfig = @{ MaxErrorRetry = 1 } } | Should -Be 2
    }

    It 'a malformed <Setting> is an argument error naming it and ClientConfig, with no attempt' -ForEach @(
        @{ Setting = 'AWS_MAX_ATTEMPTS'; Line = $null; Value = '0'; Named = 'environment variable AWS_MAX_ATTEMPTS' }
        @{ Setting = 'AWS_RETRY_MODE'; Line = $null; Value = 'sometimes'; Named = 'environment variable AWS_RETRY_MODE' }
        @{ Setting = 'max_attempts'; Line = 'max_attempts = many'; Value = $null; Named = 'max_attempts of profile ''default''' }
    ) {
        if ($Line) { Set-Content $Config "[default]`n$Line" } else { [Environment]::SetEnvironmentVariable($Setting, $Value) }
        $before = Get-AttemptCount

        $err = { Write-SECSecretValue -SecretId 'retries/a' -SecretString 'v' -Region us-east-1 -EndpointUrl $faulty.Endpoint -AccessKey test -SecretKey test } |
            Should -Throw -PassThru

        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.ParamName | Should -Be 'ClientConfig'
        $err.Exception.Message | Should -BeLike "*of $Named is not valid*"
        Get-AttemptCount | Should -Be $before
    }

    It '-ClientConfig RetryMode and MaxErrorRetry leave a malformed AWS_RETRY_MODE / AWS_MAX_ATTEMPTS unread' {
        $env:AWS_RETRY_MODE = 'sometimes'
        $env:AWS_MAX_ATTEMPTS = 'many'
        $splat = @{ Region = 'us-east-1'; EndpointUrl = $faulty.Endpoint; AccessKey = 'test'; SecretKey = 'test' }
        { Write-SECSecretValue -SecretId 'retries/a' -SecretString 'v' @splat } | Should -Throw -ExceptionType ([ArgumentException])

        Measure-Attempt @{ ClientConfig = @{ RetryMode = 'Standard'; MaxErrorRetry = 0 } } | Should -Be 1
    }
}
