#Requires -Version 7.4
<#
.SYNOPSIS
    The cmdlet's per-call cost as a ratio to the AWS SDK for .NET peer, robust to a loaded machine: one pwsh
    loads both, warms both up (-Warmup calls of each), then alternates -Batches batches of -Size calls of each
    and prints the median per-call time of each and the median of the paired batch ratios (cmdlet / SDK).
    With -CoreBinary, each batch also runs the Rust core alone (rust/bench, `core` mode, -CoreCalls calls in
    its own process) right after the SDK's batch, paired the same way (core / SDK).
    The *CpuMs figures are CPU time per call (this process's, all threads, summed over the batches; the core's
    own), which waking an idle CPU for every answer does not inflate as it does wall time on a quiet machine.

.EXAMPLE
    pwsh bench/phases/Compare-WithDotNetSdk.ps1 -ModulePath out/SecretsManager.Native/0.1.0 -SdkFolder /tmp/sm-bench-awssdk -Endpoint http://127.0.0.1:8080
    The SDK folder is the one bench/Invoke-Benchmarks.ps1 extracts (AWSSDK.Core.dll, AWSSDK.SimpleSystemsManagement.dll).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SdkFolder,
    [Parameter(Mandatory)] [string] $Endpoint,
    [int] $Batches = 30,
    [int] $Size = 100,
    # Calls of each before measuring; thousands let tiered JIT finish promoting the hot paths first.
    [int] $Warmup = 300,
    # One compressed JSON line instead of the object (for bench/Invoke-Benchmarks.ps1).
    [switch] $Json,
    # The bench binary (target/release/secretsmanager-native-bench): adds the Rust core alone to each batch.
    [string] $CoreBinary,
    [int] $CoreCalls = 2000
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path (Resolve-Path $ModulePath).Path 'SecretsManager.Native.psd1')
. (Join-Path $PSScriptRoot '..' 'peers' 'DotNetSdkPeer.ps1')
$peer = New-DotNetSdkPeer -SdkFolder $SdkFolder -Endpoint $Endpoint
$client = $peer.Client; $request = $peer.Request
$arguments = @{ SecretId = 'bench/secret'; SecretString = 'bench-value'; EndpointUrl = $Endpoint; Region = 'us-east-1'; AccessKey = 'testing'; SecretKey = 'testing' }
for ($i = 0; $i -lt $Warmup; $i++) {
    $null = Write-SECSecretValue @arguments
    $null = $client.PutParameterAsync($request).GetAwaiter().GetResult()
}
$cmdlet = [Collections.Generic.List[double]]::new()
$sdk = [Collections.Generic.List[double]]::new()
$core = [Collections.Generic.List[double]]::new()
$coreCpu = [Collections.Generic.List[double]]::new()
$self = [Diagnostics.Process]::GetCurrentProcess()
$cmdletCpu = [TimeSpan]::Zero; $sdkCpu = [TimeSpan]::Zero
$watch = [Diagnostics.Stopwatch]::new()
for ($b = 0; $b -lt $Batches; $b++) {
    $self.Refresh(); $cpu = $self.TotalProcessorTime
    $watch.Restart()
    for ($i = 0; $i -lt $Size; $i++) { $null = Write-SECSecretValue @arguments }
    $cmdlet.Add($watch.Elapsed.TotalMilliseconds / $Size)
    $self.Refresh(); $cmdletCpu += $self.TotalProcessorTime - $cpu; $cpu = $self.TotalProcessorTime
    $watch.Restart()
    for ($i = 0; $i -lt $Size; $i++) { $null = $client.PutParameterAsync($request).GetAwaiter().GetResult() }
    $sdk.Add($watch.Elapsed.TotalMilliseconds / $Size)
    $self.Refresh(); $sdkCpu += $self.TotalProcessorTime - $cpu
    if ($CoreBinary) {
        $line = & $CoreBinary core $Endpoint $CoreCalls
        if ($LASTEXITCODE) { throw "$CoreBinary failed ($LASTEXITCODE)." }
        $result = $line | ConvertFrom-Json
        $core.Add($result.per_call_ms); $coreCpu.Add($result.cpu_per_call_ms)
    }
}
function Get-Median([double[]] $Values) {
    # As Get-Statistic in bench/Invoke-Benchmarks.ps1: the mean of the two middle values for an even count.
    $sorted = @($Values | Sort-Object); $n = $sorted.Count
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}
$ratios = for ($b = 0; $b -lt $Batches; $b++) { $cmdlet[$b] / $sdk[$b] }
$summary = [pscustomobject]@{
    CmdletMs    = [math]::Round((Get-Median $cmdlet), 3)
    DotNetSdkMs = [math]::Round((Get-Median $sdk), 3)
    Ratio       = [math]::Round((Get-Median $ratios), 2)
    RatioMin    = [math]::Round(($ratios | Measure-Object -Minimum).Minimum, 2)
    RatioMax    = [math]::Round(($ratios | Measure-Object -Maximum).Maximum, 2)
    CmdletCpuMs    = [math]::Round($cmdletCpu.TotalMilliseconds / ($Batches * $Size), 3)
    DotNetSdkCpuMs = [math]::Round($sdkCpu.TotalMilliseconds / ($Batches * $Size), 3)
    CpuRatio       = [math]::Round($cmdletCpu.TotalMilliseconds / $sdkCpu.TotalMilliseconds, 2)
}
if ($CoreBinary) {
    $coreRatios = for ($b = 0; $b -lt $Batches; $b++) { $core[$b] / $sdk[$b] }
    $summary | Add-Member CoreMs ([math]::Round((Get-Median $core), 3))
    $summary | Add-Member CoreRatio ([math]::Round((Get-Median $coreRatios), 2))
    $summary | Add-Member CoreCpuMs ([math]::Round((Get-Median $coreCpu), 3))
}
if ($Json) { $summary | ConvertTo-Json -Compress } else { $summary }
