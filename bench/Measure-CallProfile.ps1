#Requires -Version 7.4
<#
.SYNOPSIS
    Where one Write-SECSecretValue call's time goes: samples a pwsh making -Calls calls against -Endpoint with
    `perf record` (JIT-compiled .NET code named through DOTNET_PerfMapEnabled) and returns the share of CPU
    samples per binary (our native library, the .NET runtime, JIT-compiled code, the kernel, ...).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Endpoint,
    [int] $Calls = 5000
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$pwsh = Join-Path $PSHOME 'pwsh'
$data = Join-Path ([IO.Path]::GetTempPath()) "sm-bench-perf-$PID.data"
$env:DOTNET_PerfMapEnabled = '1'
try {
    $null = & perf record -F 999 -g -o $data -- $pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'peers' 'Cmdlet.ps1') `
        -ModulePath $ModulePath -Endpoint $Endpoint -Calls $Calls 2>&1
    if ($LASTEXITCODE) { throw "perf record failed ($LASTEXITCODE)." }
    $report = & perf report -i $data --no-children --sort dso --stdio 2>$null
    $report | Where-Object { $_ -match '^\s+([\d.]+)%\s+(\S.*)$' } | ForEach-Object {
        [pscustomobject]@{ Percent = [double]$Matches[1]; Binary = $Matches[2].Trim() }
    } | Where-Object Percent -GE 0.5
} finally {
    Remove-Item $data, "$data.old" -ErrorAction Ignore
    Remove-Item Env:DOTNET_PerfMapEnabled
    Get-ChildItem ([IO.Path]::GetTempPath()) -Filter 'perf-*.map' -ErrorAction Ignore | Where-Object LastWriteTime -GT (Get-Date).AddMinutes(-30) | Remove-Item -ErrorAction Ignore
}
