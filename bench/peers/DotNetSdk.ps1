#Requires -Version 7.4
<#
    Per-call cost of the AWS SDK for .NET v4 (the engine of AWS Tools V5) called by hand from pwsh.
    AWSSDK.SecretsManager is not available offline here, so SSM PutParameter stands in: the same
    awsJson1.1 protocol, SigV4 signing and HTTP stack. Prints one JSON line like Cmdlet.ps1.
#>
param(
    [Parameter(Mandatory)] [string] $SdkFolder,
    [Parameter(Mandatory)] [string] $Endpoint,
    [int] $Calls = 1000
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$watch = [Diagnostics.Stopwatch]::StartNew()
. (Join-Path $PSScriptRoot 'DotNetSdkPeer.ps1')
$peer = New-DotNetSdkPeer -SdkFolder $SdkFolder -Endpoint $Endpoint
$client = $peer.Client; $request = $peer.Request
$null = $client.PutParameterAsync($request).GetAwaiter().GetResult()
$first = $watch.Elapsed.TotalMilliseconds
$watch.Restart()
for ($i = 0; $i -lt $Calls; $i++) { $null = $client.PutParameterAsync($request).GetAwaiter().GetResult() }
$perCall = $watch.Elapsed.TotalMilliseconds / $Calls
[pscustomobject]@{ first_ms = $first; per_call_ms = $perCall } | ConvertTo-Json -Compress
