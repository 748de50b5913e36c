#Requires -Version 7.4
<#
    Resident memory of one pwsh process (VmRSS from /proc/self/status, MiB): before import, after import,
    after the first call, and after each further block of calls up to -Calls. Prints one JSON line.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Endpoint,
    [int] $Calls = 10000
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
function Get-RssMiB {
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $line = [IO.File]::ReadAllLines('/proc/self/status') | Where-Object { $_ -like 'VmRSS:*' }
    [math]::Round([double]($line -replace '\D', '') / 1024, 1)
}
$arguments = @{ SecretId = 'bench/secret'; SecretString = 'bench-value'; EndpointUrl = $Endpoint; Region = 'us-east-1'; AccessKey = 'testing'; SecretKey = 'testing' }
$result = [ordered]@{ before_import = Get-RssMiB }
# A versioned module folder (out/SecretsManager.Native/<version>) is imported through its manifest.
Import-Module (Join-Path $ModulePath 'SecretsManager.Native.psd1')
$result.after_import = Get-RssMiB
$null = Write-SECSecretValue @arguments
$result.after_first_call = Get-RssMiB
$block = [math]::Max(1, [int]($Calls / 4))
for ($done = 0; $done -lt $Calls; $done += $block) {
    for ($i = 0; $i -lt $block; $i++) { $null = Write-SECSecretValue @arguments }
    $result["after_$($done + $block)_calls"] = Get-RssMiB
}
$result | ConvertTo-Json -Compress
