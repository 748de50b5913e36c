#Requires -Version 7.4
<#
.SYNOPSIS
    Splits one Write-SECSecretValue call into phases, in-process. Builds the module's assembly again with the
    phase probe switched on (`dotnet build -p:PhaseProbe=true`, which defines PHASE_PROBE and keeps the
    CallPhases laps that every other build compiles away), puts it next to a copy of the built module in a
    temporary folder, then makes -Warmup and -Calls sequential calls against -Endpoint and prints microseconds
    per call for each phase (pwsh/src/Diagnostics/CallPhases.cs), the total per call, and the part spent
    outside the cmdlet's own methods (parameter binding, pipeline, disposing the native call).

.EXAMPLE
    pwsh ./build.ps1 Build
    pwsh bench/phases/Measure-CallPhases.ps1 -Endpoint http://127.0.0.1:8080
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Endpoint,
    # A module built by `build.ps1 Build` (its native library and manifest are reused); the repository's by default.
    [string] $ModulePath,
    [int] $Warmup = 500,
    [int] $Calls = 5000
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
if (-not $ModulePath) {
    $ModulePath = Get-ChildItem (Join-Path $root 'out' 'SecretsManager.Native') -Directory | Select-Object -First 1 -ExpandProperty FullName
}
$built = (Resolve-Path $ModulePath).Path
$bindings = Join-Path $root 'target' 'bindings' 'Interop.g.cs'
if (-not (Test-Path $bindings)) { throw "No ${bindings}: run 'pwsh ./build.ps1 Build' first." }

# The probe build in a temporary folder: the same module, with the assembly built with PHASE_PROBE.
$probe = Join-Path ([IO.Path]::GetTempPath()) "sm-phase-probe-$PID"
$assemblyOut = Join-Path $probe 'dotnet'
$moduleOut = Join-Path $probe (Split-Path -Leaf $built)
dotnet build (Join-Path $root 'pwsh' 'src' 'SecretsManager.Native.csproj') -c Release -o $assemblyOut --nologo -v quiet `
    '-p:PhaseProbe=true' "-p:InteropFile=$bindings" "-p:IntermediateOutputPath=$(Join-Path $probe 'obj')/" | Out-Host
if ($LASTEXITCODE -ne 0) { throw "The probe build failed (exit code $LASTEXITCODE)." }
Copy-Item -Recurse $built $moduleOut
Copy-Item (Join-Path $assemblyOut 'SecretsManager.Native.dll') $moduleOut -Force

try {
    Import-Module (Join-Path $moduleOut 'SecretsManager.Native.psd1')
    $phases = 'SecretsManager.Native.Diagnostics.CallPhases' -as [type]
    if (-not $phases) { throw 'The probe build did not make CallPhases public: was PHASE_PROBE defined?' }
    $arguments = @{ SecretId = 'bench/secret'; SecretString = 'bench-value'; EndpointUrl = $Endpoint; Region = 'us-east-1'; AccessKey = 'testing'; SecretKey = 'testing' }
    for ($i = 0; $i -lt $Warmup; $i++) { $null = Write-SECSecretValue @arguments }
    $phases::Reset()
    $watch = [Diagnostics.Stopwatch]::StartNew()
    for ($i = 0; $i -lt $Calls; $i++) { $null = Write-SECSecretValue @arguments }
    $total = $watch.Elapsed.TotalMilliseconds * 1000 / $Calls
    $phases::Report()
    '{0,-22} {1,8:F1} us' -f 'total per call', $total
    '{0,-22} {1,8:F1} us' -f 'outside the cmdlet', ($total - $phases::MicrosecondsPerCall())
} finally {
    Remove-Module SecretsManager.Native -ErrorAction Ignore
    # The loaded assembly stays mapped until this process ends; the folder is only a build output.
    Remove-Item -Recurse -Force $probe -ErrorAction Ignore
}
