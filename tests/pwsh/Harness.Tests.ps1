# The suite runner itself (tests/Invoke-PesterSuite.ps1): CI reads its exit code, so a failing test must make
# it exit non-zero. It once exited 0 with failures (Pester loaded by a '#Requires -Modules' line). Each case runs
# the real runner in a fresh pwsh, with a moto of its own, on a one-test file written here.
Set-StrictMode -Version Latest

BeforeAll {
    # Not TestSetup.ps1: the runner under test starts its own moto and imports the module itself.
    $Runner = Join-Path $PSScriptRoot '..' 'Invoke-PesterSuite.ps1'
    $Folder = Join-Path ([IO.Path]::GetTempPath()) "smn-runner-$([guid]::NewGuid())"
    $null = New-Item -ItemType Directory -Path $Folder

    # Runs the runner on a file holding one test with this assertion; returns its exit code and last line.
    function Invoke-Runner([string] $Assertion) {
        $file = Join-Path $Folder 'One.Tests.ps1'
        Set-Content -Path $file -Value "Describe 'one' { It 'asserts' { $Assertion } }"
        $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        $output = & $pwsh -NoProfile -NonInteractive -File $Runner -ModulePath $env:SMN_TEST_MODULE -Path $file `
            -TestResultPath (Join-Path $Folder 'result.xml') 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; LastLine = "$($output | Select-Object -Last 1)" }
    }
}

AfterAll { Remove-Item -Recurse -Force $Folder -ErrorAction Ignore }

Describe 'The suite runner' {
    It 'exits 1 and counts the failure when a test fails' {
        $run = Invoke-Runner '1 | Should -Be 2'
        $run.LastLine | Should -Match '^\d+ passed, 1 failed$'
        $run.ExitCode | Should -Be 1
    }

    It 'exits 0 when every test passes' {
        $run = Invoke-Runner '1 | Should -Be 1'
        $run.LastLine | Should -Match '^\d+ passed, 0 failed$'
        $run.ExitCode | Should -Be 0
    }
}
