Set-StrictMode -Version Latest

# Several runspaces on one native runtime at once (ForEach-Object -Parallel): every write succeeds or
# fails on its own with a clear error, nothing crashes, and every success is one version on the server.
# The Soak run (8 runspaces x 1,000 writes) also reports the process RSS before and after; the bound on it
# belongs in a benchmark, not here.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    $modulePath = Join-Path $env:SMN_TEST_MODULE 'SecretsManager.Native.psd1'

    function Invoke-ParallelWrite([int] $Runspaces, [int] $Writes) {
        $connection = $Connection
        1..$Runspaces | ForEach-Object -ThrottleLimit $Runspaces -Parallel {
            Import-Module $using:modulePath
            $splat = $using:connection
            $id = "parallel/$_"
            $ok = 0; $failures = [Collections.Generic.List[string]]::new()
            for ($i = 1; $i -le $using:Writes; $i++) {
                try {
                    $null = Write-SECSecretValue -SecretId $id -SecretString "value $i" -WarningAction SilentlyContinue @splat
                    $ok++
                } catch {
                    $failures.Add("$($_.FullyQualifiedErrorId): $($_.Exception.Message)")
                }
            }
            [pscustomobject]@{ SecretId = $id; Succeeded = $ok; Failures = $failures.ToArray() }
        }
    }

    function Get-VersionCount([string] $SecretId) {
        @((Get-VersionStage $SecretId).PSObject.Properties).Count
    }
}

Describe 'Writes from several runspaces at once' {
    BeforeEach {
        Reset-MotoServer $Endpoint
        1..8 | ForEach-Object { $null = New-TestSecret "parallel/$_" }
    }

    It 'ForEach-Object -Parallel: 4 runspaces x 25 writes all succeed, one version each' {
        $results = Invoke-ParallelWrite -Runspaces 4 -Writes 25

        $results | Should -HaveCount 4
        foreach ($result in $results) {
            $result.Failures | Should -BeNullOrEmpty
            $result.Succeeded | Should -Be 25
            Get-VersionCount $result.SecretId | Should -Be 25
        }
    }

    It '8 runspaces x 1,000 writes: each succeeds or fails clearly, nothing crashes' -Tag Soak {
        $process = [Diagnostics.Process]::GetCurrentProcess()
        $null = Invoke-ParallelWrite -Runspaces 2 -Writes 50   # warm-up: runtime, pools, JIT
        [GC]::Collect(); $process.Refresh(); $before = $process.WorkingSet64

        $results = Invoke-ParallelWrite -Runspaces 8 -Writes 1000

        [GC]::Collect(); [GC]::WaitForPendingFinalizers(); $process.Refresh(); $after = $process.WorkingSet64
        Write-Host ("RSS before {0:N1} MiB, after 8,000 writes {1:N1} MiB (growth {2:N1} MiB)" -f ($before / 1MB), ($after / 1MB), (($after - $before) / 1MB))
        $results | Should -HaveCount 8
        foreach ($result in $results) {
            foreach ($failure in $result.Failures) { $failure | Should -Match '^\S+,Amazon\.PowerShell\.Cmdlets\.SEC\.WriteSECSecretValueCmdlet: .+' }
            ($result.Succeeded + $result.Failures.Count) | Should -Be 1000
            $result.Succeeded | Should -BeGreaterThan 0
        }
        # The process still works afterwards.
        (Write-SECSecretValue -SecretId 'parallel/1' -SecretString 'after' -WarningAction SilentlyContinue @Connection).VersionId | Should -Not -BeNullOrEmpty
    }
}
