Set-StrictMode -Version Latest

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')

    # What-if and confirmation text goes to the host, so it is read from a child pwsh's output.
    function Invoke-InChild([string] $Script) {
        $module = Join-Path $env:SMN_TEST_MODULE 'SecretsManager.Native.psd1'
        $setup = "Import-Module '$module'; `$c = @{ Region = 'us-east-1'; EndpointUrl = '$Endpoint'; AccessKey = 't'; SecretKey = 't' };"
        & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -Command ($setup + $Script) 2>&1 | ForEach-Object { "$_" }
    }
}

Describe 'Write-SECSecretValue asks before writing, as AWS Tools V4' {
    BeforeEach { Reset-MotoServer $Endpoint }

    It 'sends nothing with -WhatIf and prints the AWS Tools action and target' {
        $null = New-TestSecret 'sp/a'
        $output = Invoke-InChild "Write-SECSecretValue -SecretId 'sp/a' -SecretString 'x' -WhatIf @c"
        $output | Should -Contain 'What if: Performing the operation "Write-SECSecretValue (PutSecretValue)" on target "sp/a".'
        Get-VersionStage 'sp/a' | Should -BeNullOrEmpty
    }

    It 'lets -WhatIf win over -Force' {
        $null = New-TestSecret 'sp/b'
        $result = Write-SECSecretValue -SecretId 'sp/b' -SecretString 'x' -WhatIf -Force @Connection
        $result | Should -BeNullOrEmpty
        Get-VersionStage 'sp/b' | Should -BeNullOrEmpty
    }

    It 'uses an empty target for -SecretId $null' {
        $output = Invoke-InChild "Write-SECSecretValue -SecretId `$null -SecretString 'x' -WhatIf -WarningAction SilentlyContinue @c"
        $output | Should -Contain 'What if: Performing the operation "Write-SECSecretValue (PutSecretValue)" on target "".'
    }

    It 'does not validate -Select when ShouldProcess says no' {
        { Write-SECSecretValue -SecretId 'sp/c' -SecretString 'x' -Select 'NoSuchProperty' -WhatIf @Connection } | Should -Not -Throw
    }

    It 'still needs a region with -WhatIf, because it is resolved first' {
        $noRegion = $Connection.Clone(); $noRegion.Remove('Region')
        $state = Enter-CleanAwsEnvironment   # no AWS_REGION, profile or metadata may supply one
        try {
            { Write-SECSecretValue -SecretId 'sp/d' -SecretString 'x' -WhatIf @noRegion } |
                Should -Throw -ExpectedMessage 'No region specified or obtained from persisted/shell defaults.'
        } finally { Exit-CleanAwsEnvironment $state }
    }

    It 'still needs credentials with -WhatIf, because they are resolved first' {
        $noKeys = $Connection.Clone(); $noKeys.Remove('AccessKey'); $noKeys.Remove('SecretKey')
        $state = Enter-CleanAwsEnvironment   # no keys, profile, container or metadata may supply them
        try {
            { Write-SECSecretValue -SecretId 'sp/d' -SecretString 'x' -WhatIf @noKeys } |
                Should -Throw -ExpectedMessage 'No credentials specified or obtained from persisted/shell defaults.'
        } finally { Exit-CleanAwsEnvironment $state }
    }

    It 'writes without asking when $ConfirmPreference is above Medium (the default)' {
        $null = New-TestSecret 'sp/e'
        $ConfirmPreference | Should -Be 'High'
        $null = Write-SECSecretValue -SecretId 'sp/e' -SecretString 'x' @Connection
        Get-VersionStage 'sp/e' | Should -Not -BeNullOrEmpty
    }

    It 'asks at $ConfirmPreference Medium, and -Force skips the question' {
        $null = New-TestSecret 'sp/f'
        # A non-interactive host can't answer: asking fails, and nothing is sent.
        $asked = Invoke-InChild "`$ConfirmPreference = 'Medium'; try { Write-SECSecretValue -SecretId 'sp/f' -SecretString 'x' @c } catch { 'ERR ' + `$_.FullyQualifiedErrorId }"
        "$asked" | Should -BeLike '*ERR*'
        Get-VersionStage 'sp/f' | Should -BeNullOrEmpty

        $forced = Invoke-InChild "`$ConfirmPreference = 'Medium'; (Write-SECSecretValue -SecretId 'sp/f' -SecretString 'x' -Force @c).Name"
        $forced | Should -Contain 'sp/f'
        Get-VersionStage 'sp/f' | Should -Not -BeNullOrEmpty
    }

    It 'writes with -Confirm:$false' {
        $null = New-TestSecret 'sp/g'
        $null = Write-SECSecretValue -SecretId 'sp/g' -SecretString 'x' -Confirm:$false @Connection
        Get-VersionStage 'sp/g' | Should -Not -BeNullOrEmpty
    }

    Context 'Verbose and debug messages' {
        It 'says where it calls, and never shows the secret' {
            $null = New-TestSecret 'sp/v'
            $secret = 'VerySecretValue-' + [guid]::NewGuid()
            $messages = Write-SECSecretValue -SecretId 'sp/v' -SecretString $secret -RotationToken "$secret-rotation" -Verbose -Debug @Connection 4>&1 5>&1 |
                Where-Object { $_ -is [Management.Automation.VerboseRecord] -or $_ -is [Management.Automation.DebugRecord] } |
                ForEach-Object Message
            $messages | Should -Contain "Invoking AWS Secrets Manager operation 'PutSecretValue' on endpoint '$Endpoint'"
            ($messages -join "`n") | Should -Not -BeLike "*$secret*"
        }

        # The messages are only built when shown (ServiceCmdlet.Wants): the switch wins over the preference.
        It 'follows <Case>' -ForEach @(
            @{ Case = '$VerbosePreference = Continue without -Verbose'; Preference = 'VerbosePreference'; Switch = @{}; Stream = 'Verbose'; Shown = $true }
            @{ Case = '-Verbose:$false over $VerbosePreference = Continue'; Preference = 'VerbosePreference'; Switch = @{ Verbose = $false }; Stream = 'Verbose'; Shown = $false }
            @{ Case = '$DebugPreference = Continue without -Debug'; Preference = 'DebugPreference'; Switch = @{}; Stream = 'Debug'; Shown = $true }
            @{ Case = '-Debug:$false over $DebugPreference = Continue'; Preference = 'DebugPreference'; Switch = @{ Debug = $false }; Stream = 'Debug'; Shown = $false }
        ) {
            $null = New-TestSecret 'sp/p'
            Set-Variable -Name $Preference -Value 'Continue'
            try {
                $records = Write-SECSecretValue -SecretId 'sp/p' -SecretString 'x' @Switch @Connection 4>&1 5>&1 |
                    Where-Object { $_ -is [Management.Automation.InformationalRecord] -and $_.GetType().Name -eq "${Stream}Record" }
            } finally { Set-Variable -Name $Preference -Value 'SilentlyContinue' }
            @($records).Count -gt 0 | Should -Be $Shown
        }
    }
}
