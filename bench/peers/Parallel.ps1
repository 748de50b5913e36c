#Requires -Version 7.4
<#
    Throughput of Write-SECSecretValue in one pwsh: -Calls sequential calls, then the same number through
    ForEach-Object -Parallel -ThrottleLimit 8 (one script block per call, the natural use), then 8
    parallel blocks of -Calls/8 calls each (the throughput of the native side without per-item runspace
    cost). Prints calls per second for each as one JSON line.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Endpoint,
    [int] $Calls = 2000
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# The parallel runspaces load the module by name: put its folder's parent first on PSModulePath.
$ModulePath = (Resolve-Path $ModulePath).Path
# In the versioned layout (<root>/SecretsManager.Native/<version>) the root is two levels up.
$moduleRoot = if ((Split-Path $ModulePath -Leaf) -as [version]) { Split-Path (Split-Path $ModulePath) } else { Split-Path $ModulePath }
$env:PSModulePath = $moduleRoot + [IO.Path]::PathSeparator + $env:PSModulePath
# A versioned module folder (out/SecretsManager.Native/<version>) is imported through its manifest.
Import-Module (Join-Path $ModulePath 'SecretsManager.Native.psd1')
$arguments = @{ SecretId = 'bench/secret'; SecretString = 'bench-value'; EndpointUrl = $Endpoint; Region = 'us-east-1'; AccessKey = 'testing'; SecretKey = 'testing' }
$null = Write-SECSecretValue @arguments

$watch = [Diagnostics.Stopwatch]::StartNew()
for ($i = 0; $i -lt $Calls; $i++) { $null = Write-SECSecretValue @arguments }
$sequential = $Calls / $watch.Elapsed.TotalSeconds

$watch.Restart()
1..$Calls | ForEach-Object -ThrottleLimit 8 -Parallel {
    $a = $using:arguments
    $null = Write-SECSecretValue @a
}
$perItem = $Calls / $watch.Elapsed.TotalSeconds

$chunk = [int]($Calls / 8)
$watch.Restart()
1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
    $a = $using:arguments
    for ($i = 0; $i -lt $using:chunk; $i++) { $null = Write-SECSecretValue @a }
}
$blocks = $chunk * 8 / $watch.Elapsed.TotalSeconds
[pscustomobject]@{ sequential_per_s = $sequential; parallel_per_item_per_s = $perItem; parallel_blocks_per_s = $blocks } | ConvertTo-Json -Compress
