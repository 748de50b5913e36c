Set-StrictMode -Version Latest

# Endpoint settings from the environment and profiles, as the AWS SDKs (AWS Tools' included) honour them:
# AWS_ENDPOINT_URL_SECRETS_MANAGER > AWS_ENDPOINT_URL > the profile's services section > its endpoint_url,
# all off with AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / ignore_configured_endpoint_urls; -EndpointUrl and
# -ClientConfig ServiceURL win over all of them. The winner points at moto, the losers at a dead port.
# Calls meant for AWS (FIPS, dual-stack, ignored endpoints) go through HTTPS_PROXY to the recording proxy,
# which refuses to dial anything but loopback: the test sees the CONNECT host, and nothing leaves the machine.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    $proxy = Start-ForwardProxy
    $deadEndpoint = "http://127.0.0.1:$(Get-FreeTcpPort)"
    $proxyVariables = 'http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY', 'no_proxy', 'NO_PROXY'
    $savedProxyVariables = @{}
    foreach ($name in $proxyVariables) { $savedProxyVariables[$name] = [Environment]::GetEnvironmentVariable($name) }

    # A write with keys and a region but no -EndpointUrl; one attempt, so that a dead port fails fast.
    function Write-Probe([string] $Value, [hashtable] $Extra = @{}) {
        $splat = @{ Region = 'us-east-1'; AccessKey = 'test'; SecretKey = 'test'; ClientConfig = @{ MaxErrorRetry = 0 } }
        foreach ($key in $Extra.Keys) {
            if ($null -eq $Extra[$key]) { $splat.Remove($key) } else { $splat[$key] = $Extra[$key] }
        }
        Write-SECSecretValue -SecretId 'endpoints/a' -SecretString $Value @splat
    }

    function Get-StoredValue { (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'endpoints/a' }).SecretString }

    # The debug and verbose messages of a probe (its failure, if any, is ignored: only the messages count).
    function Get-ProbeMessage([hashtable] $Extra = @{}) {
        $DebugPreference = 'Continue'
        $VerbosePreference = 'Continue'
        $records = & { try { Write-Probe 'messages' $Extra } catch { $null = $_ } } *>&1
        @($records | Where-Object { $_ -is [Management.Automation.DebugRecord] -or $_ -is [Management.Automation.VerboseRecord] }).Message
    }

    # The CONNECT targets the proxy saw during -Script (a call that fails there, as the proxy refuses).
    function Get-TunnelTarget([scriptblock] $Script) {
        $before = @(Get-ProxiedRequest $proxy).Count
        $null = try { & $Script } catch { $_ }
        @(Get-ProxiedRequest $proxy | Select-Object -Skip $before | Where-Object Method -EQ 'CONNECT').Target
    }

    function Resolve-Url([string] $Name) { if ($Name -eq 'moto') { $Endpoint } else { $deadEndpoint } }
}

AfterAll {
    foreach ($name in $savedProxyVariables.Keys) { [Environment]::SetEnvironmentVariable($name, $savedProxyVariables[$name]) }
    if (Get-Variable proxy -ErrorAction Ignore) { Stop-StandIn $proxy }
}

Describe 'Endpoint settings from the environment and profiles' {
    BeforeEach {
        $State = Enter-CleanAwsEnvironment
        $Config = Join-Path $env:HOME '.aws' 'config'
        foreach ($name in $proxyVariables) { [Environment]::SetEnvironmentVariable($name, $null) }
        $env:HTTPS_PROXY = $proxy.Endpoint
        Reset-MotoServer $Endpoint
        $null = New-TestSecret 'endpoints/a'
    }
    AfterEach {
        Exit-CleanAwsEnvironment $State
        foreach ($name in $proxyVariables) { [Environment]::SetEnvironmentVariable($name, $null) }
    }

    It '<Winner> wins over the settings after it' -ForEach @(
        @{ Winner = 'AWS_ENDPOINT_URL_SECRETS_MANAGER'; Service = 'moto'; Global = 'dead'; Section = 'dead'; Profile = 'dead'
            Source = 'environment variable AWS_ENDPOINT_URL_SECRETS_MANAGER' }
        @{ Winner = 'AWS_ENDPOINT_URL'; Service = $null; Global = 'moto'; Section = 'dead'; Profile = 'dead'
            Source = 'environment variable AWS_ENDPOINT_URL' }
        @{ Winner = 'the profile''s services section'; Service = $null; Global = $null; Section = 'moto'; Profile = 'dead'
            Source = 'secrets_manager endpoint_url of services section ''local'' (profile ''default'')' }
        @{ Winner = 'the profile''s endpoint_url'; Service = $null; Global = $null; Section = $null; Profile = 'moto'
            Source = 'endpoint_url of profile ''default''' }
    ) {
        if ($Service) { $env:AWS_ENDPOINT_URL_SECRETS_MANAGER = Resolve-Url $Service }
        if ($Global) { $env:AWS_ENDPOINT_URL = Resolve-Url $Global }
        $lines = @('[default]', "endpoint_url = $(Resolve-Url $Profile)")
        if ($Section) {
            # Another service's entry in the same section must not be taken for ours.
            $lines += 'services = local', '[services local]', 's3 =', "  endpoint_url = $deadEndpoint", 'secrets_manager =', "  endpoint_url = $(Resolve-Url $Section)"
        }
        Set-Content $Config $lines

        $response = Write-Probe 'configured'

        $response.VersionId | Should -Not -BeNullOrEmpty
        Get-StoredValue | Should -BeExactly 'configured'
        Get-ProbeMessage | Should -Contain "Endpoint obtained from $Source with value '$Endpoint'"
    }

    It '-EndpointUrl, then -ClientConfig ServiceURL, win over every configured endpoint' {
        $env:AWS_ENDPOINT_URL_SECRETS_MANAGER = $deadEndpoint
        Set-Content $Config "[default]`nendpoint_url = $deadEndpoint"

        $null = Write-Probe 'parameter' @{ EndpointUrl = $Endpoint }
        Get-StoredValue | Should -BeExactly 'parameter'
        $null = Write-Probe 'service-url' @{ ClientConfig = @{ ServiceURL = $Endpoint; MaxErrorRetry = 0 } }
        Get-StoredValue | Should -BeExactly 'service-url'

        $messages = Get-ProbeMessage @{ ClientConfig = @{ ServiceURL = $Endpoint; MaxErrorRetry = 0 } }
        $messages | Should -Contain "Endpoint obtained from ServiceURL of ClientConfig with value '$Endpoint'"
        $messages | Should -Contain "Invoking AWS Secrets Manager operation 'PutSecretValue' on endpoint '$Endpoint'"
    }

    It 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns them all off: the call goes to AWS (here: the proxy)' {
        $env:AWS_ENDPOINT_URL = $Endpoint
        $null = Write-Probe 'configured'
        Get-StoredValue | Should -BeExactly 'configured'

        $env:AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = 'true'
        Get-TunnelTarget { Write-Probe 'ignored' } | Should -Be 'secretsmanager.us-east-1.amazonaws.com:443'
        Get-StoredValue | Should -BeExactly 'configured'
        $null = Write-Probe 'explicit' @{ EndpointUrl = $Endpoint }
        Get-StoredValue | Should -BeExactly 'explicit' -Because '-EndpointUrl is not a configured endpoint'
    }

    It 'the profile''s ignore_configured_endpoint_urls does the same, and the variable wins over it' {
        Set-Content $Config "[default]`nendpoint_url = $Endpoint`nignore_configured_endpoint_urls = true"
        Get-TunnelTarget { Write-Probe 'ignored' } | Should -Be 'secretsmanager.us-east-1.amazonaws.com:443'

        $env:AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = 'false'
        $null = Write-Probe 'not-ignored'
        Get-StoredValue | Should -BeExactly 'not-ignored'
    }

    It 'the settings profile is the one named by <Named> (keys from <KeysFrom>)' -ForEach @(
        @{ Named = '-ProfileName'; KeysFrom = 'the named profile' }
        @{ Named = 'AWS_PROFILE'; KeysFrom = 'parameters' }
    ) {
        Set-Content $Config "[default]`nendpoint_url = $deadEndpoint`n[profile named]`nendpoint_url = $Endpoint"
        Set-Content (Join-Path $env:HOME '.aws' 'credentials') "[named]`naws_access_key_id = AKIDSETTINGS`naws_secret_access_key = s"
        $extra = @{}
        if ($Named -eq '-ProfileName') {
            $extra = @{ ProfileName = 'named'; AccessKey = $null; SecretKey = $null }
        } else {
            $env:AWS_PROFILE = 'named'
        }

        $null = Write-Probe 'named' $extra

        Get-StoredValue | Should -BeExactly 'named'
    }

    It 'AWS PS Default is the settings profile only when there is no default profile' {
        $credentials = Join-Path $env:HOME '.aws' 'credentials'
        Set-Content $credentials "[AWS PS Default]`nendpoint_url = $Endpoint"
        $null = Write-Probe 'legacy'
        Get-StoredValue | Should -BeExactly 'legacy'

        Set-Content $Config "[default]`nregion = us-east-1"
        Get-TunnelTarget { Write-Probe 'default-wins' } | Should -Be 'secretsmanager.us-east-1.amazonaws.com:443'
    }

    It 'FIPS from <Source> sends the call to the FIPS endpoint' -ForEach @(
        @{ Source = 'AWS_USE_FIPS_ENDPOINT'; Debug = 'environment variable AWS_USE_FIPS_ENDPOINT' }
        @{ Source = 'use_fips_endpoint'; Debug = 'use_fips_endpoint of profile ''default''' }
        @{ Source = 'ClientConfig'; Debug = 'UseFIPSEndpoint of ClientConfig' }
    ) {
        $extra = @{}
        switch ($Source) {
            'AWS_USE_FIPS_ENDPOINT' { $env:AWS_USE_FIPS_ENDPOINT = 'true' }
            'use_fips_endpoint' { Set-Content $Config "[default]`nuse_fips_endpoint = true" }
            'ClientConfig' { $extra = @{ ClientConfig = @{ UseFIPSEndpoint = $true; MaxErrorRetry = 0 } } }
        }

        Get-TunnelTarget { Write-Probe 'fips' $extra } | Should -Be 'secretsmanager-fips.us-east-1.amazonaws.com:443'
        Get-ProbeMessage $extra | Should -Contain (
            "Endpoint obtained from region 'us-east-1' (FIPS: $Debug) with value 'https://secretsmanager-fips.us-east-1.amazonaws.com'")
    }

    It '-ClientConfig UseFIPSEndpoint = $false wins over AWS_USE_FIPS_ENDPOINT' {
        $env:AWS_USE_FIPS_ENDPOINT = 'true'
        $extra = @{ ClientConfig = @{ UseFIPSEndpoint = $false; MaxErrorRetry = 0 } }
        Get-TunnelTarget { Write-Probe 'not-fips' $extra } | Should -Be 'secretsmanager.us-east-1.amazonaws.com:443'
    }

    It 'dual-stack from <Source> goes to the dual-stack host where the SDK''s rules have one (FIPS in China)' -ForEach @(
        @{ Source = 'AWS_USE_DUALSTACK_ENDPOINT' }
        @{ Source = 'use_dualstack_endpoint' }
        @{ Source = 'ClientConfig' }
    ) {
        $env:AWS_USE_FIPS_ENDPOINT = 'true'
        $extra = @{ Region = 'cn-north-1' }
        Get-TunnelTarget { Write-Probe 'fips-only' $extra } | Should -Be 'secretsmanager-fips.cn-north-1.amazonaws.com.cn:443'
        switch ($Source) {
            'AWS_USE_DUALSTACK_ENDPOINT' { $env:AWS_USE_DUALSTACK_ENDPOINT = 'true' }
            'use_dualstack_endpoint' { Set-Content $Config "[default]`nuse_dualstack_endpoint = true" }
            'ClientConfig' { $extra.ClientConfig = @{ UseDualstackEndpoint = $true; MaxErrorRetry = 0 } }
        }

        Get-TunnelTarget { Write-Probe 'dual-stack' $extra } | Should -Be 'secretsmanager-fips.cn-north-1.api.amazonwebservices.com.cn:443'
    }

    It 'a custom endpoint with FIPS is refused before anything is sent, naming <Parameter>' -ForEach @(
        @{ Parameter = 'EndpointUrl'; Extra = { @{ EndpointUrl = $Endpoint } }; Fips = 'environment variable AWS_USE_FIPS_ENDPOINT' }
        @{ Parameter = 'ClientConfig'; Extra = { @{ EndpointUrl = $Endpoint; ClientConfig = @{ UseFIPSEndpoint = $true } } }; Fips = 'UseFIPSEndpoint of ClientConfig' }
    ) {
        if ($Parameter -eq 'EndpointUrl') { $env:AWS_USE_FIPS_ENDPOINT = 'true' }

        $err = { Write-Probe 'refused' (& $Extra) } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike 'ArgumentException,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.ParamName | Should -Be $Parameter
        $err.Exception.Message | Should -BeLike "Invalid Configuration: FIPS and custom endpoint are not supported: the endpoint '$Endpoint' (EndpointUrl parameter) cannot be used with FIPS ($Fips).*"
        Get-VersionStage 'endpoints/a' | Should -BeNullOrEmpty
    }

    It 'a malformed <Variable> is an argument error naming it, before anything is sent' -ForEach @(
        @{ Variable = 'AWS_ENDPOINT_URL'; Value = 'localhost:4566'; Parameter = 'EndpointUrl' }
        @{ Variable = 'AWS_USE_FIPS_ENDPOINT'; Value = 'yes'; Parameter = 'ClientConfig' }
        @{ Variable = 'AWS_USE_DUALSTACK_ENDPOINT'; Value = '1'; Parameter = 'ClientConfig' }
        @{ Variable = 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'; Value = 'on'; Parameter = 'EndpointUrl' }
    ) {
        [Environment]::SetEnvironmentVariable($Variable, $Value)
        $before = @(Get-ProxiedRequest $proxy).Count

        $err = { Write-Probe 'refused' } | Should -Throw -PassThru

        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.ParamName | Should -Be $Parameter
        $err.Exception.Message | Should -BeLike "*environment variable $Variable*"
        @(Get-ProxiedRequest $proxy).Count | Should -Be $before
        Get-VersionStage 'endpoints/a' | Should -BeNullOrEmpty
    }

    It 'Set-AWSProxy -BypassOnLocal leaves a configured loopback endpoint alone, as it does -EndpointUrl' {
        $env:AWS_ENDPOINT_URL = $Endpoint
        $proxyPort = ([uri]$proxy.Endpoint).Port
        $before = @(Get-ProxiedRequest $proxy).Count
        try {
            Set-AWSProxy 127.0.0.1 $proxyPort
            $null = Write-Probe 'through-proxy'
            @(Get-ProxiedRequest $proxy).Count | Should -Be ($before + 1) -Because 'without -BypassOnLocal the shell proxy is used'

            Set-AWSProxy 127.0.0.1 $proxyPort -BypassOnLocal
            $null = Write-Probe 'bypassed'
            @(Get-ProxiedRequest $proxy).Count | Should -Be ($before + 1)
            Get-StoredValue | Should -BeExactly 'bypassed'
        } finally {
            Clear-AWSProxy
        }
    }

    It 'never shows the user info of a configured endpoint in -Verbose or -Debug' {
        # The dead port: only the messages matter (moto would see a request signed for the host with user info).
        $env:AWS_ENDPOINT_URL = $deadEndpoint -replace '^http://', 'http://endpoint-user:endpoint-pw@'

        $messages = Get-ProbeMessage

        $redacted = $deadEndpoint -replace '^http://', 'http://***@'
        $messages | Should -Contain "Endpoint obtained from environment variable AWS_ENDPOINT_URL with value '$redacted'"
        $messages | Should -Contain "Invoking AWS Secrets Manager operation 'PutSecretValue' on endpoint '$redacted'"
        ($messages -join "`n") | Should -Not -Match 'endpoint-pw|endpoint-user'
    }
}
