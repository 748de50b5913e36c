#Requires -Version 7.4
<#
.SYNOPSIS
    The demo run by `build.ps1 Demo`: writes a string secret and a binary secret to a local Secrets
    Manager with Write-SECSecretValue and prints the responses.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $Endpoint
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

Import-Module (Join-Path $PSScriptRoot 'MotoServer.psm1')
Import-Module (Join-Path $ModulePath 'SecretsManager.Native.psd1')

# The local server needs some keys and a region; it does not check them.
$connection = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint; AccessKey = 'demo'; SecretKey = 'demo' }

$null = Invoke-MotoApi $Endpoint CreateSecret @{ Name = 'demo/database' }
$null = Invoke-MotoApi $Endpoint CreateSecret @{ Name = 'demo/certificate' }

Write-Host "`nWrite-SECSecretValue -SecretId demo/database -SecretString '{...}'" -ForegroundColor Cyan
Write-SECSecretValue -SecretId demo/database -SecretString '{"username":"app","password":"correct horse"}' @connection |
    Format-List | Out-String | Write-Host

Write-Host "Write-SECSecretValue -SecretId demo/certificate -SecretBinary <bytes>" -ForegroundColor Cyan
$bytes = [byte[]](0x30, 0x82, 0x00, 0xff, 0x10)
Write-SECSecretValue -SecretId demo/certificate -SecretBinary $bytes @connection | Format-List | Out-String | Write-Host

$stored = Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'demo/certificate' }
Write-Host "Read back independently: SecretBinary = $($stored.SecretBinary) (base64), stages = $($stored.VersionStages -join ', ')"
