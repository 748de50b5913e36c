# Dot-sourced by every suite's BeforeAll: imports the harness and the built module, and defines the
# connection to the local server. Keep it small; a suite's own setup belongs in the suite.
Import-Module (Join-Path $PSScriptRoot 'MotoServer.psm1')
Import-Module (Join-Path $PSScriptRoot 'StandIn.psm1')
Import-Module (Join-Path $env:SMN_TEST_MODULE 'SecretsManager.Native.psd1')

$Endpoint = $env:SMN_TEST_ENDPOINT
# moto needs some keys and a region; it checks neither.
$Connection = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint; AccessKey = 'test'; SecretKey = 'test' }

function New-TestSecret([string] $Name) {
    (Invoke-MotoApi $Endpoint CreateSecret @{ Name = $Name }).ARN
}

function Get-VersionStage([string] $SecretId) {
    # VersionId -> labels, read directly from the server; $null while the secret has no version.
    $description = Invoke-MotoApi $Endpoint DescribeSecret @{ SecretId = $SecretId }
    $description.PSObject.Properties['VersionIdsToStages']?.Value
}
