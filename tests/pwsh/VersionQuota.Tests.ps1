Set-StrictMode -Version Latest

# The version-quota advice: a second write of one secret within 10 minutes warns, naming the quota.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
}

Describe 'Writing one secret twice within 10 minutes' {
    BeforeEach {
        Reset-MotoServer $Endpoint
        # A fresh name per test: the advisor remembers writes for the whole session.
        $name = "quota/$([guid]::NewGuid().ToString('N'))"
        $null = New-TestSecret $name
    }

    It 'warns on the second write, naming the version quota, and not on the first' {
        $null = Write-SECSecretValue -SecretId $name -SecretString 'one' -WarningVariable first @Connection
        $null = Write-SECSecretValue -SecretId $name -SecretString 'two' -WarningVariable second -WarningAction SilentlyContinue @Connection

        $first | Should -BeNullOrEmpty
        @($second).Count | Should -Be 1
        "$second" | Should -BeLike '*at most 100 versions older than 24 hours*version quota*10 minutes*'
        "$second" | Should -BeLike "*$name*"
    }

    It 'can be suppressed with -WarningAction SilentlyContinue' {
        $null = Write-SECSecretValue -SecretId $name -SecretString 'one' @Connection
        $streams = Write-SECSecretValue -SecretId $name -SecretString 'two' -WarningAction SilentlyContinue @Connection 3>&1
        @($streams | Where-Object { $_ -is [Management.Automation.WarningRecord] }).Count | Should -Be 0
    }

    It 'does not warn for an idempotent retry with the same ClientRequestToken, nor for another secret' {
        $token = [guid]::NewGuid().ToString()
        $other = "quota/$([guid]::NewGuid().ToString('N'))"
        $null = New-TestSecret $other
        $null = Write-SECSecretValue -SecretId $name -SecretString 'same' -ClientRequestToken $token @Connection
        $null = Write-SECSecretValue -SecretId $name -SecretString 'same' -ClientRequestToken $token -WarningVariable retry @Connection
        $null = Write-SECSecretValue -SecretId $other -SecretString 'x' -WarningVariable elsewhere @Connection

        $retry | Should -BeNullOrEmpty
        $elsewhere | Should -BeNullOrEmpty
    }
}
