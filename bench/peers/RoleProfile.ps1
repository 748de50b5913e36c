#Requires -Version 7.4
<#
    Writes with a role profile (source_profile + role_arn, STS at -StsEndpoint) against the same writes with a
    profile of static keys: imports the module, makes one call of each (reported apart: the role's first call
    assumes the role), then alternates batches of 100 calls of each until each made -Calls. Counts the
    AssumeRole calls that reached -StsEndpoint (tests/harness/stand_in.py's recording proxy in front of moto)
    over all of it. Prints one JSON line.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Endpoint,
    [Parameter(Mandatory)] [string] $StsEndpoint,
    [int] $Calls = 1000
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $ModulePath 'SecretsManager.Native.psd1')

function Get-AssumeRoleCount { @((Invoke-RestMethod "$StsEndpoint/__recorded") | Where-Object Action -EQ 'AssumeRole').Count }

$credentials = Join-Path ([IO.Path]::GetTempPath()) "sm-bench-role-$PID"
Set-Content -Path $credentials -Value @"
[bench-base]
aws_access_key_id = testing
aws_secret_access_key = testing
[bench-role]
role_arn = arn:aws:iam::123456789012:role/bench
source_profile = bench-base
[bench-static]
aws_access_key_id = testing
aws_secret_access_key = testing
"@
$env:AWS_ENDPOINT_URL_STS = $StsEndpoint
$common = @{ SecretId = 'bench/secret'; SecretString = 'bench-value'; EndpointUrl = $Endpoint; Region = 'us-east-1'; ProfileLocation = $credentials }
$role = $common + @{ ProfileName = 'bench-role' }
$static = $common + @{ ProfileName = 'bench-static' }
try {
    $before = Get-AssumeRoleCount
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $null = Write-SECSecretValue @role
    $roleFirst = $watch.Elapsed.TotalMilliseconds
    $null = Write-SECSecretValue @static
    $elapsed = @{ role = [TimeSpan]::Zero; static = [TimeSpan]::Zero }
    for ($done = 0; $done -lt $Calls; $done += 100) {
        $batch = [math]::Min(100, $Calls - $done)
        foreach ($kind in 'role', 'static') {
            $arguments = $kind -eq 'role' ? $role : $static
            $watch.Restart()
            for ($i = 0; $i -lt $batch; $i++) { $null = Write-SECSecretValue @arguments }
            $elapsed[$kind] += $watch.Elapsed
        }
    }
    [pscustomobject]@{
        role_first_ms      = $roleFirst
        role_per_call_ms   = $elapsed.role.TotalMilliseconds / $Calls
        static_per_call_ms = $elapsed.static.TotalMilliseconds / $Calls
        role_writes        = $Calls + 1
        sts_calls          = (Get-AssumeRoleCount) - $before
    } | ConvertTo-Json -Compress
} finally {
    Remove-Item $credentials
}
