# The AWS SDK for .NET's own objects (AWSSDK.Core, the engine of AWS Tools), as scripts that also use AWS Tools or
# the SDK hand them over: credentials to -Credential, through the pipeline and to Set-AWSCredential, and a
# service config to -ClientConfig. Each case runs in a fresh pwsh, because an AWSSDK.Core loaded into the suite's
# process would stay there for every later suite; the key the server saw is read from the recording stand-in in
# front of moto.
Set-StrictMode -Version Latest

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    Import-Module (Join-Path $PSScriptRoot '..' 'harness' 'AwsSdk.psm1')
    $SdkFolder = Get-AwsSdkAssemblyFolder
    $StandIn = Start-StandIn -Upstream $Endpoint
    $SecretArn = New-TestSecret "credentials-awssdk-$([guid]::NewGuid())"

    # A module that loads the SDK the way AWS Tools' modules do: its manifest's RequiredAssemblies names the
    # copies in its own folder.
    $SdkModule = Join-Path ([IO.Path]::GetTempPath()) "smn-awssdk-$([guid]::NewGuid())" 'AwsSdkOnly.psd1'
    $null = New-Item -ItemType Directory -Path (Split-Path $SdkModule)
    $assemblies = 'AWSSDK.Core.dll', 'AWSSDK.SimpleSystemsManagement.dll'
    $assemblies | ForEach-Object { Copy-Item (Join-Path $SdkFolder $_) (Split-Path $SdkModule) }
    New-ModuleManifest -Path $SdkModule -RequiredAssemblies $assemblies -ModuleVersion 1.0

    function Invoke-WithAwsSdk {
        <#
        .SYNOPSIS
            Runs -Script in a fresh pwsh that has imported the SDK module and this module (in that order, or the
            other with -SdkLast); the script calls Write-Probe to write the test secret through the stand-in
            with extra parameters, New-SdkObject to make an Amazon.Runtime object of the SDK's assembly, and
            Get-SdkType for any other type of the SDK.
            Returns the script's output as text (errors included).
        #>
        param([Parameter(Mandatory)][string] $Script, [switch] $SdkLast)
        $imports = "Import-Module '$SdkModule'", "Import-Module (Join-Path `$env:SMN_TEST_MODULE 'SecretsManager.Native.psd1')"
        if ($SdkLast) { [array]::Reverse($imports) }
        $child = @"
Set-StrictMode -Version Latest
`$ErrorActionPreference = 'Stop'
`$PSStyle.OutputRendering = 'PlainText'
try {
$($imports -join "`n")
function Get-SdkType([string] `$Name, [string] `$Assembly = 'AWSSDK.Core') {
    # By the SDK's assembly: a type literal may find this module's type of the same name.
    ([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq `$Assembly }).GetType(`$Name, `$true)
}
function New-SdkObject([string] `$Name, [object[]] `$Arguments = @()) {
    [Activator]::CreateInstance((Get-SdkType "Amazon.Runtime.`$Name"), `$Arguments)
}
`$ProbeSecret = '$SecretArn'
`$ProbeEndpoint = '$($StandIn.Endpoint)'
function Write-Probe([hashtable] `$Parameters = @{}) {
    `$null = Write-SECSecretValue -SecretId `$ProbeSecret -SecretString 'value' -Region us-east-1 -EndpointUrl `$ProbeEndpoint @Parameters
}
$Script
} catch { "ERROR: `$(`$_.FullyQualifiedErrorId) | `$(`$_.CategoryInfo.Category) | `$(`$_.Exception.Message)" }
"@
        (& pwsh -NoProfile -NonInteractive -Command $child 2>&1) -join "`n"
    }

    function New-CountingCredentialProcess([int] $FailFrom = 0) {
        <#
        .SYNOPSIS
            Writes a credential_process (a pwsh script, so that it runs on every OS) whose n-th run prints
            AKIDPROCESS<n> with token-<n>, valid for an hour, or from run -FailFrom on fails with a message on
            stderr. Puts the command line in $env:SMN_TEST_CREDENTIAL_PROCESS for the child pwsh and returns the
            file in which the script counts its runs.
        #>
        # In the test's own home folder, which Exit-CleanAwsEnvironment removes.
        $folder = Join-Path $env:HOME "process-$([guid]::NewGuid())"
        $null = New-Item -ItemType Directory -Path $folder
        $env:SMN_TEST_CREDENTIAL_PROCESS = New-ScriptCredentialProcess -Folder $folder -Name 'counting-credentials.ps1' -Script @"
`$runs = Join-Path `$PSScriptRoot 'runs'
`$n = 1 + [int](Get-Content `$runs -ErrorAction Ignore)
Set-Content `$runs `$n
if ($FailFrom -gt 0 -and `$n -ge $FailFrom) { [Console]::Error.WriteLine('credential process failed on purpose'); exit 1 }
`$expiration = [DateTime]::UtcNow.AddHours(1).ToString('yyyy-MM-ddTHH:mm:ssZ')
[Console]::Out.Write((@{ Version = 1; AccessKeyId = "AKIDPROCESS`$n"; SecretAccessKey = 'secret'; SessionToken = "token-`$n"; Expiration = `$expiration } | ConvertTo-Json -Compress))
"@
        # The SDK's ProcessAWSCredentials hands the value to `cmd.exe /c` as it is, with no quotes of its own
        # (the native library adds a pair, which cmd.exe strips): with more than two quotes cmd.exe strips the
        # first and the last, so one more pair keeps the command whole.
        if ($IsWindows) { $env:SMN_TEST_CREDENTIAL_PROCESS = "`"$env:SMN_TEST_CREDENTIAL_PROCESS`"" }
        Join-Path $folder 'runs'
    }

    function Get-RecordedKeys([int] $Count) {
        # The access key ids (and session tokens) of the last -Count requests the stand-in forwarded.
        (Get-RecordedRequest $StandIn)[(-$Count)..-1] | ForEach-Object { "$($_.AccessKey)/$($_.SessionToken)" }
    }
}

AfterAll {
    Stop-StandIn $StandIn
    Remove-Item -Recurse -Force (Split-Path $SdkModule) -ErrorAction Ignore
}

Describe 'The AWS SDK for .NET''s credential objects' {
    BeforeEach { $State = Enter-CleanAwsEnvironment }
    AfterEach {
        Exit-CleanAwsEnvironment $State
        Remove-Item env:SMN_TEST_CREDENTIAL_PROCESS -ErrorAction Ignore
    }

    It 'the SDK''s BasicAWSCredentials and SessionAWSCredentials sign the call given to -Credential' {
        $output = Invoke-WithAwsSdk @'
Write-Probe @{ Credential = (New-SdkObject BasicAWSCredentials 'AKIDSDKBASIC', 'secret') }
Write-Probe @{ Credential = (New-SdkObject SessionAWSCredentials 'AKIDSDKSESSION', 'secret', 'sdk-token') }
'done'
'@
        $output | Should -Be 'done'
        Get-RecordedKeys 2 | Should -Be 'AKIDSDKBASIC/', 'AKIDSDKSESSION/sdk-token'
    }

    It 'a piped SDK credential object binds to -Credential, while -SecretString still comes by name' {
        $output = Invoke-WithAwsSdk @'
$null = New-SdkObject SessionAWSCredentials 'AKIDSDKPIPED', 'secret', 'piped-token' |
    Write-SECSecretValue -SecretId $ProbeSecret -SecretString 'value' -Region us-east-1 -EndpointUrl $ProbeEndpoint
'done'
'@
        $output | Should -Be 'done'
        Get-RecordedKeys 1 | Should -Be 'AKIDSDKPIPED/piped-token'
    }

    It 'a script''s [Amazon.Runtime.BasicAWSCredentials]::new() signs the call whichever module was imported first' {
        # The type literal finds the type of the assembly loaded first: the SDK's when AWS Tools came first.
        $script = @'
$type = [Amazon.Runtime.BasicAWSCredentials]
Write-Probe @{ Credential = $type::new('AKIDLITERAL', 'secret') }
$type.Assembly.GetName().Name
'@
        Invoke-WithAwsSdk $script | Should -Be 'AWSSDK.Core'
        Get-RecordedKeys 1 | Should -Be 'AKIDLITERAL/'
        Invoke-WithAwsSdk $script -SdkLast | Should -Be 'SecretsManager.Native'
        Get-RecordedKeys 1 | Should -Be 'AKIDLITERAL/'
    }

    It 'Set-AWSCredential -Credential keeps a refreshing SDK object and asks it at each call, as AWS Tools does' {
        # The SDK's ProcessAWSCredentials runs this credential_process; ClearCredentials() makes it run again,
        # as it does by itself shortly before the keys expire.
        $null = New-CountingCredentialProcess
        $output = Invoke-WithAwsSdk @'
$refreshing = New-SdkObject ProcessAWSCredentials $env:SMN_TEST_CREDENTIAL_PROCESS
Set-AWSCredential -Credential $refreshing
Write-Probe
$refreshing.ClearCredentials()
Write-Probe
(Get-AWSCredential).GetType().FullName
(Get-AWSCredential).GetCredentials().AccessKey
'@
        # Run 1 was the first call's, run 2 the refresh. Get-AWSCredential gives the SDK object itself (as AWS
        # Tools gives the object inside), whose keys are still those of run 2.
        $output | Should -Be "Amazon.Runtime.ProcessAWSCredentials`nAKIDPROCESS2"
        Get-RecordedKeys 2 | Should -Be 'AKIDPROCESS1/token-1', 'AKIDPROCESS2/token-2'
    }

    It '-Credential keeps a refreshing SDK object too: each piped record asks it' {
        $null = New-CountingCredentialProcess
        $output = Invoke-WithAwsSdk @'
$refreshing = New-SdkObject ProcessAWSCredentials $env:SMN_TEST_CREDENTIAL_PROCESS
'first', 'second' | ForEach-Object { $refreshing.ClearCredentials(); $_ } |
    Write-SECSecretValue -SecretId $ProbeSecret -Region us-east-1 -EndpointUrl $ProbeEndpoint -Credential $refreshing |
    Out-Null
'done'
'@
        # Run 1 was the check at binding; each record then signs with the keys of the refresh before it.
        $output | Should -Be 'done'
        Get-RecordedKeys 2 | Should -Be 'AKIDPROCESS2/token-2', 'AKIDPROCESS3/token-3'
    }

    It 'a kept object that gives no keys fails the call instead of leaving it to the next credentials' {
        # Environment keys come after $StoredAWSCredentials: using them would write as another identity.
        $output = Invoke-WithAwsSdk @'
Add-Type -TypeDefinition @"
public sealed class NoKeys { public object GetCredentials() { return null; } }
public sealed class KeyWithoutSecret { public string AccessKey = "AKIDNOSECRET"; public string SecretKey = ""; public string Token = null; }
public sealed class NoSecret { public object GetCredentials() { return new KeyWithoutSecret(); } }
"@
$env:AWS_ACCESS_KEY_ID = 'AKIDSDKPARAMS'; $env:AWS_SECRET_ACCESS_KEY = 'secret'
foreach ($object in [NoKeys]::new(), [NoSecret]::new()) {
    Set-AWSCredential -Credential $object
    try { Write-Probe; 'signed with other keys' } catch { "$($_.CategoryInfo.Category): $($_.Exception.Message)" }
}
'@
        $expected = 'InvalidOperation: Credentials could not be obtained from the credential object in $StoredAWSCredentials: its GetCredentials() gave no access key and secret key'
        $output | Should -Be "$expected`n$expected"
    }

    It 'Set-AWSCredential -StoreAs writes the keys a kept SDK object gives at that moment' {
        $null = New-CountingCredentialProcess
        $file = Join-Path $env:HOME 'stored-credentials'
        $output = Invoke-WithAwsSdk @"
Set-AWSCredential -Credential (New-SdkObject ProcessAWSCredentials `$env:SMN_TEST_CREDENTIAL_PROCESS) -StoreAs saved -ProfileLocation '$file'
'done'
"@
        $output | Should -Be 'done'
        Get-Content $file | Should -Contain 'aws_access_key_id = AKIDPROCESS1'
        Get-Content $file | Should -Contain 'aws_session_token = token-1'
    }

    It 'an SDK object whose GetCredentials() fails is an error naming -Credential and saying why' {
        $null = New-CountingCredentialProcess -FailFrom 1
        $output = Invoke-WithAwsSdk @'
Write-Probe @{ Credential = (New-SdkObject ProcessAWSCredentials $env:SMN_TEST_CREDENTIAL_PROCESS) }
'@
        $output | Should -BeLike "ERROR: ParameterArgumentTransformationError,* | InvalidData | *parameter 'Credential'*GetCredentials() failed:*credential process failed on purpose"
    }

    It 'a stored SDK object is asked only by a call that reaches it, and its failure names $StoredAWSCredentials' {
        $runs = New-CountingCredentialProcess -FailFrom 1
        Set-Content (Join-Path $env:HOME '.aws' 'credentials') "[named]`naws_access_key_id = AKIDSDKPARAMS`naws_secret_access_key = secret"
        $output = Invoke-WithAwsSdk @'
Set-AWSCredential -Credential (New-SdkObject ProcessAWSCredentials $env:SMN_TEST_CREDENTIAL_PROCESS)
Write-Probe @{ AccessKey = 'AKIDSDKPARAMS'; SecretKey = 'secret' }
Write-Probe @{ ProfileName = 'named' }
Write-Probe @{ Credential = (New-SdkObject BasicAWSCredentials 'AKIDSDKPARAMS', 'secret') }
'keys, -ProfileName and -Credential given: the stored object was not needed'
Write-Probe
'@
        $lines = $output -split "`n"
        $lines[0] | Should -Be 'keys, -ProfileName and -Credential given: the stored object was not needed'
        $lines[1] | Should -BeLike 'ERROR: InvalidOperationException,* | InvalidOperation | *$StoredAWSCredentials*credential process failed on purpose*'
        Get-RecordedKeys 3 | Should -Be 'AKIDSDKPARAMS/', 'AKIDSDKPARAMS/', 'AKIDSDKPARAMS/'
        Get-Content $runs | Should -Be 1 -Because 'only the call given no credentials asked the object'
    }

    It 'the SDK''s own service config works as -ClientConfig: its ServiceURL, and its defaults refuse nothing' {
        # AmazonSimpleSystemsManagementConfig stands in for AmazonSecretsManagerConfig: both are ClientConfig.
        $before = (Get-RecordedRequest $StandIn).Count
        $output = Invoke-WithAwsSdk @'
$config = [Activator]::CreateInstance((Get-SdkType 'Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementConfig' 'AWSSDK.SimpleSystemsManagement'))
Write-Probe @{ ClientConfig = $config; AccessKey = 'AKIDSDKPARAMS'; SecretKey = 'secret' }
$config.ServiceURL = $ProbeEndpoint
$config.Timeout = [TimeSpan]::FromSeconds(20)
$config.MaxErrorRetry = 1
$null = Write-SECSecretValue -SecretId $ProbeSecret -SecretString 'value' -Region us-east-1 -ClientConfig $config -AccessKey 'AKIDSDKPARAMS' -SecretKey 'secret'
'done'
'@
        $output | Should -Be 'done'
        # The second call names no endpoint: only the config's ServiceURL leads it to the stand-in.
        (Get-RecordedRequest $StandIn).Count | Should -Be ($before + 2)
        Get-RecordedKeys 1 | Should -Be 'AKIDSDKPARAMS/'
    }
}
