#Requires -Version 7.4
<#
.SYNOPSIS
    Splits one Write-SECSecretValue call into phases, in-process: needs a module built with
    bench/phases/phase-probe.patch applied (Stopwatch sums per phase; never merged), then makes -Warmup
    and -Calls sequential calls against -Endpoint and prints microseconds per call for each phase, the
    total per call, and the part spent outside the cmdlet's own methods (parameter binding, pipeline).

.EXAMPLE
    git apply bench/phases/phase-probe.patch; pwsh ./build.ps1 Build
    pwsh bench/phases/Measure-CallPhases.ps1 -ModulePath out/SecretsManager.Native/0.1.0 -Endpoint http://127.0.0.1:8080
    git checkout pwsh/src; rm pwsh/src/Probe.cs; pwsh ./build.ps1 Build
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Endpoint,
    [int] $Warmup = 500,
    [int] $Calls = 5000
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path (Resolve-Path $ModulePath).Path 'SecretsManager.Native.psd1')
if (-not ('SecretsManager.Native.Probe' -as [type])) { throw 'This module was built without bench/phases/phase-probe.patch.' }
$arguments = @{ SecretId = 'bench/secret'; SecretString = 'bench-value'; EndpointUrl = $Endpoint; Region = 'us-east-1'; AccessKey = 'testing'; SecretKey = 'testing' }
for ($i = 0; $i -lt $Warmup; $i++) { $null = Write-SECSecretValue @arguments }
[SecretsManager.Native.Probe]::Reset()
$watch = [Diagnostics.Stopwatch]::StartNew()
for ($i = 0; $i -lt $Calls; $i++) { $null = Write-SECSecretValue @arguments }
$total = $watch.Elapsed.TotalMilliseconds * 1000 / $Calls
[SecretsManager.Native.Probe]::Dump()
$inside = ([SecretsManager.Native.Probe]::Ticks | Measure-Object -Sum).Sum * 1e6 / [Diagnostics.Stopwatch]::Frequency / $Calls
'{0,-22} {1,8:F1} us' -f 'total per call', $total
'{0,-22} {1,8:F1} us' -f 'outside the cmdlet', ($total - $inside)
