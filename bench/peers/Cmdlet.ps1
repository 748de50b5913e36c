#Requires -Version 7.4
<#
    Per-call cost of Write-SECSecretValue: imports the module, makes one call (reported apart: it pays for
    the runtime, the client and the connection), then -Calls sequential calls; prints one JSON line.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Endpoint,
    [int] $Calls = 1000,
    # Keys from a profile file (-ProfileName/-ProfileLocation) instead of -AccessKey/-SecretKey: the
    # connection is then resolved on every call, as for most users.
    [switch] $ProfileName
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# A versioned module folder (out/SecretsManager.Native/<version>) is imported through its manifest.
Import-Module (Join-Path $ModulePath 'SecretsManager.Native.psd1')
$arguments = @{ SecretId = 'bench/secret'; SecretString = 'bench-value'; EndpointUrl = $Endpoint; Region = 'us-east-1'; AccessKey = 'testing'; SecretKey = 'testing' }
if ($ProfileName) {
    $credentials = Join-Path ([IO.Path]::GetTempPath()) "sm-bench-credentials-$PID"
    Set-Content -Path $credentials -Value "[bench]`naws_access_key_id = testing`naws_secret_access_key = testing`n"
    $arguments.Remove('AccessKey'); $arguments.Remove('SecretKey')
    $arguments += @{ ProfileName = 'bench'; ProfileLocation = $credentials }
}
try {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $null = Write-SECSecretValue @arguments
    $first = $watch.Elapsed.TotalMilliseconds
    $watch.Restart()
    for ($i = 0; $i -lt $Calls; $i++) { $null = Write-SECSecretValue @arguments }
    $perCall = $watch.Elapsed.TotalMilliseconds / $Calls
    [pscustomobject]@{ first_ms = $first; per_call_ms = $perCall } | ConvertTo-Json -Compress
} finally {
    if ($ProfileName) { Remove-Item $credentials }
}
