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
    $core = [Reflection.Assembly]::LoadFrom((Join-Path $SdkFolder 'AWSSDK.Core.dll'))
    $ssm = [Reflection.Assembly]::LoadFrom((Join-Path $SdkFolder 'AWSSDK.SimpleSystemsManagement.dll'))
    # Types taken from the SDK's assemblies by name: the module under test defines some of the same names
    # (Amazon.Runtime.BasicAWSCredentials, as AWS Tools does), and a type literal would find its type.
    $config = [Activator]::CreateInstance($ssm.GetType('Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementConfig', $true))
    $config.ServiceURL = $Endpoint
    $config.AuthenticationRegion = 'us-east-1'
    $credentials = [Activator]::CreateInstance($core.GetType('Amazon.Runtime.BasicAWSCredentials', $true), [object[]]@('testing', 'testing'))
    $request = [Activator]::CreateInstance($ssm.GetType('Amazon.SimpleSystemsManagement.Model.PutParameterRequest', $true))
    $request.Name = '/bench/secret'; $request.Value = 'bench-value'; $request.Type = 'SecureString'; $request.Overwrite = $true
    $clientType = $ssm.GetType('Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementClient', $true)
    [pscustomobject]@{
        Client  = [Activator]::CreateInstance($clientType, [object[]]@($credentials, $config))
        Request = $request
    }
}
