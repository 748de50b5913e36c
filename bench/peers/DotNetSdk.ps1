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
$null = [Reflection.Assembly]::LoadFrom((Join-Path $SdkFolder 'AWSSDK.Core.dll'))
$null = [Reflection.Assembly]::LoadFrom((Join-Path $SdkFolder 'AWSSDK.SimpleSystemsManagement.dll'))
$config = [Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementConfig]::new()
$config.ServiceURL = $Endpoint
$config.AuthenticationRegion = 'us-east-1'
$credentials = [Amazon.Runtime.BasicAWSCredentials]::new('testing', 'testing')
$client = [Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementClient]::new($credentials, $config)
$request = [Amazon.SimpleSystemsManagement.Model.PutParameterRequest]::new()
$request.Name = '/bench/secret'; $request.Value = 'bench-value'; $request.Type = 'SecureString'; $request.Overwrite = $true
$null = $client.PutParameterAsync($request).GetAwaiter().GetResult()
$first = $watch.Elapsed.TotalMilliseconds
$watch.Restart()
for ($i = 0; $i -lt $Calls; $i++) { $null = $client.PutParameterAsync($request).GetAwaiter().GetResult() }
$perCall = $watch.Elapsed.TotalMilliseconds / $Calls
[pscustomobject]@{ first_ms = $first; per_call_ms = $perCall } | ConvertTo-Json -Compress
