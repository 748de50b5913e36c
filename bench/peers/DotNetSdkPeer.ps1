#Requires -Version 7.4
<#
    The .NET SDK peer's client and request, shared by bench/peers/DotNetSdk.ps1 and
    bench/phases/Compare-WithDotNetSdk.ps1 so that both measure the same call. Dot-source it, then
    call New-DotNetSdkPeer. AWSSDK.SecretsManager is not available offline here, so SSM PutParameter
    stands in: the same awsJson1.1 protocol, SigV4 signing and HTTP stack.
#>

function New-DotNetSdkPeer {
    <#
    .SYNOPSIS
        Loads the AWS SDK for .NET from -SdkFolder and returns its client for -Endpoint and one request.
    #>
    param([Parameter(Mandatory)] [string] $SdkFolder, [Parameter(Mandatory)] [string] $Endpoint)
    $null = [Reflection.Assembly]::LoadFrom((Join-Path $SdkFolder 'AWSSDK.Core.dll'))
    $null = [Reflection.Assembly]::LoadFrom((Join-Path $SdkFolder 'AWSSDK.SimpleSystemsManagement.dll'))
    $config = [Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementConfig]::new()
    $config.ServiceURL = $Endpoint
    $config.AuthenticationRegion = 'us-east-1'
    $credentials = [Amazon.Runtime.BasicAWSCredentials]::new('testing', 'testing')
    $request = [Amazon.SimpleSystemsManagement.Model.PutParameterRequest]::new()
    $request.Name = '/bench/secret'; $request.Value = 'bench-value'; $request.Type = 'SecureString'; $request.Overwrite = $true
    [pscustomobject]@{
        Client  = [Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementClient]::new($credentials, $config)
        Request = $request
    }
}
