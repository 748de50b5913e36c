#Requires -Version 7.4
<#
    Resident memory of one pwsh process (MiB): before import, after import, after the first call, and after each
    further block of calls up to -Calls. At each point, after a full GC: VmRSS, the .NET GC's committed memory
    (GCMemoryInfo.TotalCommittedBytes: the managed heap including its gen0 allocation budget) and the rest
    (RSS minus GC committed: native heaps, JIT code and data, thread stacks, mapped files). Prints one JSON line.

    -Floor makes the same number of calls to a built-in compiled cmdlet (Get-Variable -Name PSHOME)
    instead, without importing the module: what any pwsh loop of cmdlet calls costs, for comparison.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Endpoint,
    [int] $Calls = 10000,
    [switch] $Floor
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
function Get-MemoryPoint {
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $line = [IO.File]::ReadAllLines('/proc/self/status') | Where-Object { $_ -like 'VmRSS:*' }
    $rss = [double]($line -replace '\D', '') / 1024
    $gc = [GC]::GetGCMemoryInfo().TotalCommittedBytes / 1MB
    [ordered]@{ rss = [math]::Round($rss, 1); gc_committed = [math]::Round($gc, 1); other = [math]::Round($rss - $gc, 1) }
}
$arguments = @{ SecretId = 'bench/secret'; SecretString = 'bench-value'; EndpointUrl = $Endpoint; Region = 'us-east-1'; AccessKey = 'testing'; SecretKey = 'testing' }
$result = [ordered]@{ before_import = Get-MemoryPoint }
if (-not $Floor) {
    # A versioned module folder (out/SecretsManager.Native/<version>) is imported through its manifest.
    Import-Module (Join-Path $ModulePath 'SecretsManager.Native.psd1')
}
$result.after_import = Get-MemoryPoint
if ($Floor) { $null = Get-Variable -Name PSHOME } else { $null = Write-SECSecretValue @arguments }
$result.after_first_call = Get-MemoryPoint
$block = [math]::Max(1, [int]($Calls / 4))
for ($done = 0; $done -lt $Calls; $done += $block) {
    if ($Floor) {
        for ($i = 0; $i -lt $block; $i++) { $null = Get-Variable -Name PSHOME }
    } else {
        for ($i = 0; $i -lt $block; $i++) { $null = Write-SECSecretValue @arguments }
    }
    $result["after_$($done + $block)_calls"] = Get-MemoryPoint
}
$result | ConvertTo-Json -Compress
