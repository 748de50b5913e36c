# The credential chain, step by step and in both directions: each step wins over the next one when present
# and is skipped when absent. Which key was really used is read from the Authorization header that the
# recording proxy in front of moto received.
Set-StrictMode -Version Latest

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    $StandIn = Start-StandIn -Upstream $Endpoint -ImdsKey 'AKIDIMDS' -ImdsRegion 'eu-north-1' -ContainerKey 'AKIDCONTAINER'
    $SecretArn = New-TestSecret "credentials-chain-$([guid]::NewGuid())"

    function Write-Profile([string] $Path, [string] $Name, [string] $AccessKey, [string] $Extra = '') {
        Add-Content -Path $Path -Value "[$Name]`naws_access_key_id = $AccessKey`naws_secret_access_key = secret-$AccessKey`n$Extra"
    }

    # Get-UsedAccessKey (StandIn.psm1) writes through the proxy and returns the access key id the server saw.
    $PSDefaultParameterValues = @{ 'Get-UsedAccessKey:StandIn' = $StandIn; 'Get-UsedAccessKey:SecretId' = $SecretArn }

    function Use-Metadata { Remove-Item env:AWS_EC2_METADATA_DISABLED; $env:AWS_EC2_METADATA_SERVICE_ENDPOINT = $StandIn.Endpoint }
    function Use-Container { $env:AWS_CONTAINER_CREDENTIALS_FULL_URI = "$($StandIn.Endpoint)/container-credentials" }
    function Use-WebIdentity {
        $token = Join-Path $env:HOME 'token'
        Set-Content -Path $token -Value 'a-web-identity-token' -NoNewline
        $env:AWS_WEB_IDENTITY_TOKEN_FILE = $token
        $env:AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/pod-role'
        $env:AWS_ENDPOINT_URL_STS = $Endpoint
    }
    function Use-EnvironmentKeyPair { $env:AWS_ACCESS_KEY_ID = 'AKIDENV'; $env:AWS_SECRET_ACCESS_KEY = 'secret-env' }
    # The key that signed the AssumeRole request sent through the proxy just before the last request.
    function Get-AssumeRoleSigner { (Invoke-RestMethod "$($StandIn.Endpoint)/__recorded")[-2].AccessKey }
}

AfterAll { Stop-StandIn $StandIn }

Describe 'Credential chain' {
    BeforeEach {
        $State = Enter-CleanAwsEnvironment
        $Credentials = Join-Path $env:HOME '.aws' 'credentials'
    }
    AfterEach { Exit-CleanAwsEnvironment $State }

    It 'key parameters win over -ProfileName' {
        Write-Profile $Credentials 'named' 'AKIDPROFILE'
        Get-UsedAccessKey @{ AccessKey = 'AKIDPARAM'; SecretKey = 's'; ProfileName = 'named' } | Should -Be 'AKIDPARAM'
        Get-UsedAccessKey @{ ProfileName = 'named' } | Should -Be 'AKIDPROFILE'
    }

    It 'a lone -AccessKey is ignored and the search goes on' {
        Use-EnvironmentKeyPair
        Get-UsedAccessKey @{ AccessKey = 'AKIDLONE' } | Should -Be 'AKIDENV'
    }

    It '-ProfileName wins over -Credential, stored credentials and the environment' {
        Write-Profile $Credentials 'named' 'AKIDPROFILE'
        Use-EnvironmentKeyPair
        Set-AWSCredential -AccessKey 'AKIDSTORED' -SecretKey 's' -Scope Global
        $object = New-AWSCredential -AccessKey 'AKIDOBJECT' -SecretKey 's'
        Get-UsedAccessKey @{ ProfileName = 'named'; Credential = $object } | Should -Be 'AKIDPROFILE'
        Get-UsedAccessKey @{ Credential = $object } | Should -Be 'AKIDOBJECT'
    }

    It '-ProfileLocation names the only file consulted' {
        $file = Join-Path $env:HOME 'elsewhere.ini'
        Write-Profile $file 'named' 'AKIDLOCATION'
        Write-Profile $Credentials 'named' 'AKIDHOME'
        Get-UsedAccessKey @{ ProfileName = 'named'; ProfileLocation = $file } | Should -Be 'AKIDLOCATION'
        Get-UsedAccessKey @{ ProfileName = 'named' } | Should -Be 'AKIDHOME'
    }

    It '-ProfileLocation is resolved as PowerShell resolves a path: from the pwsh location, segments and separators normalized' {
        $file = Join-Path $env:HOME 'elsewhere.ini'
        Write-Profile $file 'named' 'AKIDLOCATION'
        Push-Location $env:HOME
        try { Get-UsedAccessKey @{ ProfileName = 'named'; ProfileLocation = 'elsewhere.ini' } | Should -Be 'AKIDLOCATION' }
        finally { Pop-Location }
        # 'missing' does not exist: the operating system would fail to open these, PowerShell drops the segment first.
        foreach ($location in "$env:HOME/missing/../elsewhere.ini", "$env:HOME/./elsewhere.ini", "$env:HOME//elsewhere.ini", "$env:HOME\elsewhere.ini") {
            Get-UsedAccessKey @{ ProfileName = 'named'; ProfileLocation = $location } | Should -Be 'AKIDLOCATION' -Because $location
        }
    }

    It 'a path taken as it is (without asking PowerShell) is one PowerShell gives back unchanged' {
        $assembly = (Get-Command Write-SECSecretValue).ImplementingType.Assembly
        $shortcut = $assembly.GetType('SecretsManager.Native.Cmdlets.ShellCredentials', $true).GetMethod('ResolvesToItself', [Reflection.BindingFlags]'Static, NonPublic')
        $paths = '/tmp/x', '/tmp/x/', '/tmp//x', '/tmp/./x', '/tmp/../x', '/tmp/x/.', '/tmp/x/..', '/tmp\x', '/tmp/`[x', '/tmp/[x]',
            '/tmp/a b/c', '/tmp/.aws/credentials', '/tmp/a..b', '/tmp/.../x', '/tmp/x:y', '/', 'relative/x', '~/x', 'C:\x', 'C:/x', 'Temp:/x', 'FileSystem::/tmp/x'
        $taken = foreach ($path in $paths) {
            if ($shortcut.Invoke($null, @($path))) {
                $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($path) | Should -BeExactly $path -Because "'$path' is taken as it is"
                $path
            }
        }
        # On Linux and macOS the plain rooted paths are taken as they are (that is the point); never on Windows.
        if ($IsWindows) { $taken | Should -BeNullOrEmpty } else { $taken | Should -Contain '/tmp/.aws/credentials' }
    }

    It 'a -ProfileName that is not found fails at once, with no fallback to the environment' {
        Use-EnvironmentKeyPair
        Write-Profile $Credentials 'default' 'AKIDDEFAULT'
        $err = { Get-UsedAccessKey @{ ProfileName = 'missing' } } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeExactly 'No credentials specified or obtained from persisted/shell defaults.'
        $err.Exception | Should -BeOfType [System.InvalidOperationException]
    }

    It '-Credential wins over $StoredAWSCredentials, and accepts any object with GetCredentials()' {
        Set-AWSCredential -AccessKey 'AKIDSTORED' -SecretKey 's' -Scope Global
        $foreign = [pscustomobject]@{} | Add-Member -PassThru ScriptMethod GetCredentials {
            [pscustomobject]@{ AccessKey = 'AKIDFOREIGN'; SecretKey = 's'; Token = '' }
        }
        Get-UsedAccessKey @{ Credential = $foreign } | Should -Be 'AKIDFOREIGN'
        Get-UsedAccessKey | Should -Be 'AKIDSTORED'
    }

    It 'a -Credential that is not a credential object is a binding error naming the parameter, as in AWS Tools' {
        $err = { Get-UsedAccessKey @{ Credential = 'not-credentials' } } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CannotConvertArgument*'
        $err.Exception.Message | Should -BeLike "*'Credential'*Amazon.Runtime.AWSCredentials*"
    }

    It '-Credential binds a piped credential object by value, as in AWS Tools, and leaves other piped input alone' {
        $write = @{ SecretId = $SecretArn; Region = 'us-east-1'; EndpointUrl = $StandIn.Endpoint }
        $null = New-AWSCredential -AccessKey 'AKIDPIPED' -SecretKey 's' | Write-SECSecretValue -SecretString 'v' @write
        (Get-LastSignature $StandIn).AccessKey | Should -Be 'AKIDPIPED'
        $null = [Amazon.Runtime.SessionAWSCredentials]::new('AKIDSDKTYPE', 's', 'token') | Write-SECSecretValue -SecretString 'v' @write
        (Get-LastSignature $StandIn).AccessKey | Should -Be 'AKIDSDKTYPE'

        # Piped text is still the secret, piped rows still bind by property name: -Credential takes neither.
        $object = [Amazon.Runtime.BasicAWSCredentials]::new('AKIDNAMED', 's')
        $null = 'piped text' | Write-SECSecretValue -Credential $object @write
        (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = $SecretArn }).SecretString | Should -BeExactly 'piped text'
        $null = [pscustomobject]@{ SecretString = 'from a row' } | Write-SECSecretValue -Credential $object @write
        (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = $SecretArn }).SecretString | Should -BeExactly 'from a row'
        (Get-LastSignature $StandIn).AccessKey | Should -Be 'AKIDNAMED'
        (Get-Command Write-SECSecretValue).Parameters['Credential'].ParameterType | Should -Be ([Amazon.Runtime.AWSCredentials])
    }

    It '$StoredAWSCredentials set by AWS.Tools.Common in the same session is a clear error, not a fall-through' {
        # AWS.Tools.Common can't be loaded here: a stand-in of its Amazon.PowerShell.Common.AWSPSCredentials (same full
        # name, another assembly, keys internal as in AWS Tools V4) is compiled in a fresh pwsh, so that the type
        # does not shadow this module's own in the test session.
        $script = {
            param($Module, $Endpoint, $SecretId)
            Import-Module $Module
            $awsToolsType = Add-Type -PassThru -TypeDefinition @'
namespace Amazon.PowerShell.Common {
    public class AWSPSCredentials {
        internal AWSPSCredentials(string name) { Name = name; }
        internal string Name { get; private set; }
        public static AWSPSCredentials FromAwsToolsCommon(string name) { return new AWSPSCredentials(name); }
        public override string ToString() { return Name; }
    }
}
'@
            $global:StoredAWSCredentials = $awsToolsType::FromAwsToolsCommon('default')
            $env:AWS_ACCESS_KEY_ID = 'AKIDENV'; $env:AWS_SECRET_ACCESS_KEY = 's'
            $write = @{ SecretId = $SecretId; Region = 'us-east-1'; EndpointUrl = $Endpoint }
            try { Write-SECSecretValue -SecretString 'v' @write; 'WRITTEN' }
            catch { "ERROR $($_.FullyQualifiedErrorId) | $($_.Exception.Message)" }
            # Sources before it in the chain still win.
            (Write-SECSecretValue -SecretString 'v' -AccessKey 'AKIDKEYS' -SecretKey 's' @write).VersionId.Length
        }
        $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        $output = & $pwsh -NoProfile -NonInteractive -Command $script -args (Join-Path $env:SMN_TEST_MODULE 'SecretsManager.Native.psd1'), $StandIn.Endpoint, $SecretArn

        $output[0] | Should -BeLike 'ERROR InvalidOperationException,*| The shell variable $StoredAWSCredentials holds credentials set by AWS.Tools.Common*'
        $output[1] | Should -Be '36'
        (Get-LastSignature $StandIn).AccessKey | Should -Be 'AKIDKEYS'
    }

    It '$StoredAWSCredentials wins over environment keys and is read through the caller''s scope' {
        Use-EnvironmentKeyPair
        & {
            # Written here, not through Get-UsedAccessKey: a module function would not see this local scope.
            Set-AWSCredential -AccessKey 'AKIDLOCAL' -SecretKey 's'
            $null = Write-SECSecretValue -SecretId $SecretArn -SecretString 'value' -Region us-east-1 -EndpointUrl $StandIn.Endpoint
            (Get-LastSignature $StandIn).AccessKey | Should -Be 'AKIDLOCAL'
        }
        Get-UsedAccessKey | Should -Be 'AKIDENV'
    }

    It 'environment keys win over AWS_PROFILE' {
        Write-Profile $Credentials 'fromenv' 'AKIDAWSPROFILE'
        $env:AWS_PROFILE = 'fromenv'
        Use-EnvironmentKeyPair
        Get-UsedAccessKey | Should -Be 'AKIDENV'
        Remove-Item env:AWS_ACCESS_KEY_ID
        Get-UsedAccessKey | Should -Be 'AKIDAWSPROFILE'
    }

    It 'AWS_PROFILE wins over the default profile' {
        Write-Profile $Credentials 'default' 'AKIDDEFAULT'
        Write-Profile $Credentials 'fromenv' 'AKIDAWSPROFILE'
        $env:AWS_PROFILE = 'fromenv'
        Get-UsedAccessKey | Should -Be 'AKIDAWSPROFILE'
        Remove-Item env:AWS_PROFILE
        Get-UsedAccessKey | Should -Be 'AKIDDEFAULT'
    }

    It 'AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE move the profile files' {
        $file = Join-Path $env:HOME 'moved-credentials'
        Write-Profile $file 'default' 'AKIDMOVED'
        $env:AWS_SHARED_CREDENTIALS_FILE = $file
        Get-UsedAccessKey | Should -Be 'AKIDMOVED'
        $config = Join-Path $env:HOME 'moved-config'
        Set-Content $config "[profile cfg]`naws_access_key_id = AKIDCONFIG`naws_secret_access_key = s"
        $env:AWS_CONFIG_FILE = $config
        Get-UsedAccessKey @{ ProfileName = 'cfg' } | Should -Be 'AKIDCONFIG'
    }

    It 'the default profile wins over AWS PS Default' {
        Write-Profile $Credentials 'AWS PS Default' 'AKIDLEGACY'
        Write-Profile $Credentials 'default' 'AKIDDEFAULT'
        Get-UsedAccessKey | Should -Be 'AKIDDEFAULT'
        Set-Content $Credentials ''
        Write-Profile $Credentials 'AWS PS Default' 'AKIDLEGACY'
        Get-UsedAccessKey | Should -Be 'AKIDLEGACY'
    }

    It 'a default profile that holds no credentials (only a region) is skipped' {
        Set-Content (Join-Path $env:HOME '.aws' 'config') "[default]`nregion = eu-west-1"
        Write-Profile $Credentials 'AWS PS Default' 'AKIDLEGACY'
        Get-UsedAccessKey | Should -Be 'AKIDLEGACY'
    }

    It 'AWS PS Default wins over web identity' {
        Use-WebIdentity
        Write-Profile $Credentials 'AWS PS Default' 'AKIDLEGACY'
        Get-UsedAccessKey | Should -Be 'AKIDLEGACY'
        Remove-Item $Credentials
        Get-UsedAccessKey | Should -BeLike 'ASIA*'   # moto STS issued it for the role
    }

    It 'AWS PS Default is read from the config file too, and by -ProfileName, and -Debug names it' {
        Set-Content (Join-Path $env:HOME '.aws' 'config') "[profile AWS PS Default]`naws_access_key_id = AKIDLEGACYCONFIG`naws_secret_access_key = s"
        $DebugPreference = 'Continue'
        $output = Get-UsedAccessKey 5>&1
        $output[-1] | Should -Be 'AKIDLEGACYCONFIG'
        ($output | Where-Object { $_ -is [Management.Automation.DebugRecord] }).Message |
            Should -Contain "Credentials obtained from stored profile named 'AWS PS Default'"
        Write-Profile $Credentials 'default' 'AKIDDEFAULT'
        Get-UsedAccessKey @{ ProfileName = 'AWS PS Default' } | Should -Be 'AKIDLEGACYCONFIG'
    }

    It 'Set-AWSCredential -StoreAs ''AWS PS Default'' writes the profile that the chain then uses' {
        Set-AWSCredential -AccessKey 'AKIDSTOREDLEGACY' -SecretKey 's' -StoreAs 'AWS PS Default'
        Get-Content $Credentials | Should -Contain '[AWS PS Default]'
        (Get-AWSCredential -ProfileName 'AWS PS Default').GetCredentials().AccessKey | Should -Be 'AKIDSTOREDLEGACY'
        Get-UsedAccessKey | Should -Be 'AKIDSTOREDLEGACY'
    }

    It 'web identity wins over container credentials' {
        Use-Container
        Use-WebIdentity
        Get-UsedAccessKey | Should -BeLike 'ASIA*'
        Remove-Item env:AWS_WEB_IDENTITY_TOKEN_FILE
        Get-UsedAccessKey | Should -Be 'AKIDCONTAINER'
    }

    It 'container credentials win over instance metadata' {
        Use-Metadata
        Use-Container
        Get-UsedAccessKey | Should -Be 'AKIDCONTAINER'
        Remove-Item env:AWS_CONTAINER_CREDENTIALS_FULL_URI
        Get-UsedAccessKey | Should -Be 'AKIDIMDS'
    }

    It 'instance metadata is skipped when AWS_EC2_METADATA_DISABLED is true' {
        Use-Metadata
        $env:AWS_EC2_METADATA_DISABLED = 'true'
        { Get-UsedAccessKey } | Should -Throw 'No credentials specified or obtained from persisted/shell defaults.'
    }

    It 'a profile with aws_session_token signs with its session token, a profile without does not' {
        Write-Profile $Credentials 'session' 'AKIDSESSION' 'aws_session_token = a-session-token'
        Write-Profile $Credentials 'static' 'AKIDSTATIC'
        Get-UsedAccessKey @{ ProfileName = 'session' } | Should -Be 'AKIDSESSION'
        (Get-LastSignature $StandIn).SessionToken | Should -BeExactly 'a-session-token'
        Get-UsedAccessKey @{ ProfileName = 'static' } | Should -Be 'AKIDSTATIC'
        (Get-LastSignature $StandIn).SessionToken | Should -BeNullOrEmpty
    }

    It 'a credential_process profile runs its command' {
        $command = New-ScriptCredentialProcess -Folder $env:HOME -Name 'process.ps1' -Script @'
[Console]::Out.Write('{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "s"}')
'@
        Add-Content $Credentials "[proc]`ncredential_process = $command"
        Get-UsedAccessKey @{ ProfileName = 'proc' } | Should -Be 'AKIDPROCESS'
    }

    It 'a role_arn + source_profile profile assumes the role through STS, signed with the source profile''s key' {
        $env:AWS_ENDPOINT_URL_STS = $StandIn.Endpoint
        Write-Profile $Credentials 'base' 'AKIDBASE'
        Add-Content $Credentials "[role]`nrole_arn = arn:aws:iam::123456789012:role/app`nsource_profile = base"
        Get-UsedAccessKey @{ ProfileName = 'role' } | Should -BeLike 'ASIA*'
        Get-AssumeRoleSigner | Should -Be 'AKIDBASE'
    }

    It 'a role profile with credential_source = <Source> assumes the role with that source''s key' -ForEach @(
        @{ Source = 'Environment'; Signer = 'AKIDENV' }
        @{ Source = 'EcsContainer'; Signer = 'AKIDCONTAINER' }
        @{ Source = 'Ec2InstanceMetadata'; Signer = 'AKIDIMDS' }
    ) {
        $env:AWS_ENDPOINT_URL_STS = $StandIn.Endpoint
        Use-EnvironmentKeyPair
        Use-Container
        Use-Metadata
        Add-Content $Credentials "[role]`nrole_arn = arn:aws:iam::123456789012:role/app`ncredential_source = $Source"
        Get-UsedAccessKey @{ ProfileName = 'role' } | Should -BeLike 'ASIA*'
        Get-AssumeRoleSigner | Should -Be $Signer
    }

    It 'a role chain ending in credential_source = Environment assumes each role in turn' {
        $env:AWS_ENDPOINT_URL_STS = $StandIn.Endpoint
        Use-EnvironmentKeyPair
        Add-Content $Credentials "[first]`nrole_arn = arn:aws:iam::123456789012:role/first`ncredential_source = Environment"
        Add-Content $Credentials "[second]`nrole_arn = arn:aws:iam::123456789012:role/second`nsource_profile = first"
        Get-UsedAccessKey @{ ProfileName = 'second' } | Should -BeLike 'ASIA*'
        $recorded = Invoke-RestMethod "$($StandIn.Endpoint)/__recorded"
        $recorded[-3].AccessKey | Should -Be 'AKIDENV'     # AssumeRole for first, with the environment's key
        $recorded[-2].AccessKey | Should -BeLike 'ASIA*'   # AssumeRole for second, with first's session
    }

    It 'a role chain ending in credential_source = EcsContainer starts from the container''s key' {
        $env:AWS_ENDPOINT_URL_STS = $StandIn.Endpoint
        Use-Container
        Add-Content $Credentials "[first]`nrole_arn = arn:aws:iam::123456789012:role/first`ncredential_source = EcsContainer"
        Add-Content $Credentials "[second]`nrole_arn = arn:aws:iam::123456789012:role/second`nsource_profile = first"
        Get-UsedAccessKey @{ ProfileName = 'second' } | Should -BeLike 'ASIA*'
        (Invoke-RestMethod "$($StandIn.Endpoint)/__recorded")[-3].AccessKey | Should -Be 'AKIDCONTAINER'
    }

    It 'credential_source = Environment without environment keys is a credentials error naming the profile' {
        Add-Content $Credentials "[role]`nrole_arn = arn:aws:iam::123456789012:role/app`ncredential_source = Environment"
        { Get-UsedAccessKey @{ ProfileName = 'role' } } | Should -Throw "*stored profile named 'role'*AWS_ACCESS_KEY_ID*"
    }

    It 'with nothing configured fails within 2 s with the exact message as an InvalidOperationException record' {
        Remove-Item env:AWS_EC2_METADATA_DISABLED   # the real metadata address, as off EC2
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $err = { Write-SECSecretValue -SecretId $SecretArn -SecretString 'v' -Region us-east-1 -EndpointUrl $StandIn.Endpoint } |
            Should -Throw -PassThru
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        $err.Exception.Message | Should -BeExactly 'No credentials specified or obtained from persisted/shell defaults.'
        $err.Exception | Should -BeOfType [System.InvalidOperationException]
    }

    It 'a profile with role_arn + web_identity_token_file assumes the role with the token file' {
        $env:AWS_ENDPOINT_URL_STS = $Endpoint
        $token = Join-Path $env:HOME 'profile-token'
        Set-Content -Path $token -Value 'a-web-identity-token' -NoNewline
        Add-Content $Credentials "[web]`nrole_arn = arn:aws:iam::123456789012:role/web`nweb_identity_token_file = $token"
        Get-UsedAccessKey @{ ProfileName = 'web' } | Should -BeLike 'ASIA*'
    }

    It 'with a metadata endpoint that never answers, nothing configured still fails within 2 s' {
        $silent = Enable-SilentMetadataEndpoint
        try {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $err = { Write-SECSecretValue -SecretId $SecretArn -SecretString 'v' -Region us-east-1 -EndpointUrl $StandIn.Endpoint } |
                Should -Throw -PassThru
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
            $err.Exception.Message | Should -BeExactly 'No credentials specified or obtained from persisted/shell defaults.'
            Receive-SilentMetadataConnection $silent | Should -BeGreaterThan 0 -Because 'instance metadata must have been dialled'
        } finally { $silent.Stop() }
    }

    It '-Debug says "Credentials obtained from <Text>" for <Step>, without the secret key' -ForEach @(
        @{ Step = 'key parameters'; Text = 'the supplied key parameters' }
        @{ Step = '-ProfileName'; Text = "stored profile named 'named'" }
        @{ Step = '-Credential'; Text = 'supplied credentials object' }
        @{ Step = '$StoredAWSCredentials'; Text = 'shell variable $StoredAWSCredentials' }
        @{ Step = 'environment keys'; Text = 'Environment' }
        @{ Step = 'AWS_PROFILE'; Text = "stored profile named 'fromenv'" }
        @{ Step = 'default profile'; Text = "stored profile named 'default'" }
        @{ Step = 'web identity'; Text = 'web identity token file' }
        @{ Step = 'container'; Text = 'container environment' }
        @{ Step = 'instance metadata'; Text = 'instance profile' }
    ) {
        $parameters = @{}
        switch ($Step) {
            'key parameters' { $parameters = @{ AccessKey = 'AKIDDEBUG'; SecretKey = 'secret-AKIDDEBUG' } }
            '-ProfileName' { Write-Profile $Credentials 'named' 'AKIDDEBUG'; $parameters = @{ ProfileName = 'named' } }
            '-Credential' { $parameters = @{ Credential = New-AWSCredential -AccessKey 'AKIDDEBUG' -SecretKey 'secret-AKIDDEBUG' } }
            '$StoredAWSCredentials' { Set-AWSCredential -AccessKey 'AKIDDEBUG' -SecretKey 'secret-AKIDDEBUG' -Scope Global }
            'environment keys' { $env:AWS_ACCESS_KEY_ID = 'AKIDDEBUG'; $env:AWS_SECRET_ACCESS_KEY = 'secret-AKIDDEBUG' }
            'AWS_PROFILE' { Write-Profile $Credentials 'fromenv' 'AKIDDEBUG'; $env:AWS_PROFILE = 'fromenv' }
            'default profile' { Write-Profile $Credentials 'default' 'AKIDDEBUG' }
            'web identity' { Use-WebIdentity }
            'container' { Use-Container }
            'instance metadata' { Use-Metadata }
        }
        $DebugPreference = 'Continue'
        $messages = (Get-UsedAccessKey $parameters 5>&1 | Where-Object { $_ -is [Management.Automation.DebugRecord] }).Message
        $messages | Should -Contain "Credentials obtained from $Text"
        ($messages -join "`n") | Should -Not -Match 'secret-AKIDDEBUG|stand-in-secret'
    }

    It '-NetworkCredential is a clear not-supported error' {
        $credential = [pscredential]::new('user', (ConvertTo-SecureString 'pw' -AsPlainText -Force))
        { Get-UsedAccessKey @{ NetworkCredential = $credential } } | Should -Throw '*not supported*'
    }
}
