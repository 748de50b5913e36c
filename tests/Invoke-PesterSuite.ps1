#Requires -Version 7.4
<#
.SYNOPSIS
    Runs the Pester suites against the built module and a local Secrets Manager (moto), which it
    starts on a free loopback port and always stops. Writes the results as JUnit XML (-TestResultPath)
    and ends with the line "N passed, N failed". build.ps1 Test calls it in a fresh pwsh.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [string[]] $Path = (Join-Path $PSScriptRoot 'pwsh'),
    # Where the JUnit XML result file goes (for CI's test reports); its folder is made when missing.
    [string] $TestResultPath = (Join-Path $PSScriptRoot '..' 'out' 'test-results' 'pester.junit.xml'),
    # Comma-separated Pester tags to run / to leave out (a string, so that pwsh -File can pass them).
    [string] $Tag = '',
    [string] $ExcludeTag = ''
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Pester pinned to the version in PinnedPester.psd1, imported here rather than by a '#Requires -Modules' line:
# with Pester loaded by #Requires, 'pwsh -File' exits 0 whatever this script's exit code (Pester 5.7.1,
# PowerShell 7.6), and CI would pass with failing tests (Harness.Tests.ps1 checks the exit code).
Import-Module Pester -RequiredVersion (Import-PowerShellDataFile (Join-Path $PSScriptRoot 'PinnedPester.psd1')).RequiredVersion

Import-Module (Join-Path $PSScriptRoot 'harness' 'MotoServer.psm1')

# Every moto started from here on (this one, and the faulty ones the suites start) re-verifies each request's
# SigV4 signature with botocore's signer and appends the outcome to this file (harness/sigv4_verifier.py).
$env:SMN_SIGV4_REPORT = Join-Path ([IO.Path]::GetTempPath()) "smn-sigv4-$PID-$([guid]::NewGuid()).jsonl"
$server = Start-MotoServer
try {
    # The suites find the module and the server through these.
    $env:SMN_TEST_MODULE = (Resolve-Path $ModulePath).Path
    $env:SMN_TEST_ENDPOINT = $server.Endpoint

    $configuration = New-PesterConfiguration
    $configuration.Run.Path = $Path
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = 'Detailed'
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'JUnitXml'
    $configuration.TestResult.OutputPath = [IO.Path]::GetFullPath($TestResultPath)
    if ($Tag) { $configuration.Filter.Tag = $Tag -split ',' }
    if ($ExcludeTag) { $configuration.Filter.ExcludeTag = $ExcludeTag -split ',' }
    $result = Invoke-Pester -Configuration $configuration
} finally {
    Stop-MotoServer $server
}

$notRun = @($result.Containers | Where-Object Result -NotIn 'Passed', 'NotRun').Count
if ($notRun) { Write-Host "$notRun test file(s) failed to run or had failing setup." }
# The signature check counts as one more test: it fails on any bad or unverifiable signature.
$signatures = Get-SignatureCheckSummary -ReportPath $env:SMN_SIGV4_REPORT
Write-Host $signatures.Text
Remove-Item $env:SMN_SIGV4_REPORT -ErrorAction Ignore
$failed = $result.FailedCount + [int](-not $signatures.Passed)
"$($result.PassedCount + [int]$signatures.Passed) passed, $failed failed"
exit ([int]($failed -gt 0 -or $result.Result -ne 'Passed'))
