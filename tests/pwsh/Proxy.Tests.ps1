Set-StrictMode -Version Latest

# Calls go through an HTTP proxy given by -ClientConfig ProxyHost/ProxyPort (with ProxyCredentials), or by
# the shell's HTTP_PROXY / HTTPS_PROXY / NO_PROXY variables (which AWS Tools honours through .NET's default
# proxy). A real loopback proxy (tests/harness/forward_proxy.py) records what it proxied; moto is behind it.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    $proxy = Start-ForwardProxy
    $proxyPort = ([uri]$proxy.Endpoint).Port
    $motoAuthority = ([uri]$Endpoint).Authority
    $proxyVariables = 'http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY', 'no_proxy', 'NO_PROXY'
    $savedProxyVariables = @{}
    foreach ($name in $proxyVariables) {
        $savedProxyVariables[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }

    function Get-NewProxiedRequest([int] $Before) { @(Get-ProxiedRequest $proxy | Select-Object -Skip $Before) }

    # Sets proxy variables for one script block only (Invoke-MotoApi must not see them).
    function Invoke-WithVariable([hashtable] $Variables, [scriptblock] $Script) {
        foreach ($name in $Variables.Keys) { [Environment]::SetEnvironmentVariable($name, $Variables[$name]) }
        try { & $Script }
        finally { foreach ($name in $Variables.Keys) { [Environment]::SetEnvironmentVariable($name, $null) } }
    }
}

AfterAll {
    foreach ($name in $savedProxyVariables.Keys) { [Environment]::SetEnvironmentVariable($name, $savedProxyVariables[$name]) }
    if (Get-Variable proxy -ErrorAction Ignore) { Stop-StandIn $proxy }
}

Describe 'An HTTP proxy' {
    BeforeEach {
        Reset-MotoServer $Endpoint
        $null = New-TestSecret 'proxy/a'
        $before = @(Get-ProxiedRequest $proxy).Count
    }

    It 'is not used without ProxyHost or proxy variables' {
        $null = Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'direct' @Connection
        Get-NewProxiedRequest $before | Should -BeNullOrEmpty
        (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'proxy/a' }).SecretString | Should -BeExactly 'direct'
    }

    It 'carries an http:// call in absolute form when -ClientConfig names it' {
        $config = @{ ProxyHost = '127.0.0.1'; ProxyPort = $proxyPort }

        $response = Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'via-proxy' -ClientConfig $config @Connection

        $proxied = Get-NewProxiedRequest $before
        $proxied.Count | Should -Be 1
        $proxied[0].Method | Should -Be 'POST'
        $proxied[0].Target | Should -Be "http://$motoAuthority/"
        $proxied[0].ProxyUser | Should -BeNullOrEmpty
        $response.VersionId | Should -Not -BeNullOrEmpty
        (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'proxy/a' }).SecretString | Should -BeExactly 'via-proxy'
    }

    It 'sends ProxyCredentials (a <Kind>) as basic proxy credentials' -ForEach @(
        @{ Kind = 'PSCredential'; User = 'proxy-user'; Password = 'proxy-pw' }
        @{ Kind = 'NetworkCredential'; User = 'proxy-user'; Password = 'proxy-pw' }
        # Characters a URL reserves: they must reach the proxy unchanged, not drop it or split elsewhere.
        @{ Kind = 'PSCredential'; User = 'CORP\jdoe'; Password = 'p@ss:w/rd#%20?' }
    ) {
        $credential = if ($Kind -eq 'PSCredential') {
            [pscredential]::new($User, (ConvertTo-SecureString $Password -AsPlainText -Force))
        } else {
            [Net.NetworkCredential]::new($User, $Password)
        }
        $config = @{ ProxyHost = '127.0.0.1'; ProxyPort = $proxyPort; ProxyCredentials = $credential }

        $null = Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'with-credentials' -ClientConfig $config @Connection

        $proxied = (Get-NewProxiedRequest $before)[0]
        $proxied.ProxyUser | Should -BeExactly $User
        $proxied.ProxyPasswordSha256 | Should -Be (Get-Sha256Hex $Password)
        (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'proxy/a' }).SecretString | Should -BeExactly 'with-credentials'
    }

    It 'is taken from <Variable> for an http:// endpoint' -ForEach @(
        @{ Variable = 'HTTP_PROXY' }
        @{ Variable = 'http_proxy' }
        @{ Variable = 'ALL_PROXY' }
    ) {
        Invoke-WithVariable @{ $Variable = $proxy.Endpoint } {
            $null = Write-SECSecretValue -SecretId 'proxy/a' -SecretString "env-$Variable" @Connection
        }

        (Get-NewProxiedRequest $before).Target | Should -Be "http://$motoAuthority/"
        (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'proxy/a' }).SecretString | Should -BeExactly "env-$Variable"
    }

    It 'sends the user info of a proxy variable as basic proxy credentials' {
        Invoke-WithVariable @{ HTTP_PROXY = "http://env-user:env-pw@127.0.0.1:$proxyPort" } {
            $null = Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'env-credentials' @Connection
        }
        $proxied = (Get-NewProxiedRequest $before)[0]
        $proxied.ProxyUser | Should -Be 'env-user'
        $proxied.ProxyPasswordSha256 | Should -Be (Get-Sha256Hex 'env-pw')
    }

    It 'is bypassed for hosts in NO_PROXY' {
        Invoke-WithVariable @{ HTTP_PROXY = $proxy.Endpoint; NO_PROXY = 'localhost,127.0.0.1' } {
            $null = Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'bypassed' @Connection
        }

        Get-NewProxiedRequest $before | Should -BeNullOrEmpty
        (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'proxy/a' }).SecretString | Should -BeExactly 'bypassed'
    }

    It 'is not taken from HTTPS_PROXY for an http:// endpoint' {
        Invoke-WithVariable @{ HTTPS_PROXY = $proxy.Endpoint } {
            $null = Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'plain' @Connection
        }
        Get-NewProxiedRequest $before | Should -BeNullOrEmpty
    }

    It 'tunnels an https:// call with CONNECT (from <Source>)' -ForEach @(
        @{ Source = 'HTTPS_PROXY'; Config = @{ MaxErrorRetry = 0 }; Variables = { @{ HTTPS_PROXY = $proxy.Endpoint } } }
        @{ Source = 'ClientConfig'; Config = $null; Variables = { @{} } }
    ) {
        # moto speaks plain HTTP, so the TLS handshake inside the tunnel fails: the call ends in a
        # transport error, but the proxy has seen the CONNECT to moto's address.
        $config = $Config ?? @{ MaxErrorRetry = 0; ProxyHost = '127.0.0.1'; ProxyPort = $proxyPort }
        $splat = $Connection.Clone()
        $splat.EndpointUrl = "https://$motoAuthority"

        $err = Invoke-WithVariable (& $Variables) {
            { Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'tunnelled' -ClientConfig $config @splat } | Should -Throw -PassThru
        }

        $proxied = Get-NewProxiedRequest $before
        $proxied[0].Method | Should -Be 'CONNECT'
        $proxied[0].Target | Should -Be $motoAuthority
        $err.CategoryInfo.Category | Should -Not -Be 'InvalidArgument'
        Get-VersionStage 'proxy/a' | Should -BeNullOrEmpty
    }

    It 'reads ProxyHost and ProxyPort from a typed config object, whose empty ProxyBypassList is fine and a filled one refused' {
        class TypedProxyConfig {
            [string] $ProxyHost = '127.0.0.1'
            [int] $ProxyPort
            [Collections.Generic.List[string]] $ProxyBypassList = [Collections.Generic.List[string]]::new()
        }
        $config = [TypedProxyConfig]@{ ProxyPort = $proxyPort }

        $null = Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'typed' -ClientConfig $config @Connection
        (Get-NewProxiedRequest $before).Count | Should -Be 1

        $config.ProxyBypassList.Add('internal\.example')
        $err = { Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'x' -ClientConfig $config @Connection } | Should -Throw -PassThru
        $err.Exception.ParamName | Should -Be 'ClientConfig'
        $err.Exception.Message | Should -BeLike '*NO_PROXY*'
    }

    It 'refuses an https:// proxy in a variable, naming ClientConfig and the variable' {
        $err = Invoke-WithVariable @{ HTTP_PROXY = 'https://proxy.invalid:443' } {
            { Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'x' @Connection } | Should -Throw -PassThru
        }
        $err.Exception.ParamName | Should -Be 'ClientConfig'
        $err.Exception.Message | Should -BeLike '*HTTP_PROXY*'
        Get-VersionStage 'proxy/a' | Should -BeNullOrEmpty
    }
}

Describe 'Set-AWSProxy and $AWSProxy, as in AWS Tools' {
    BeforeEach {
        Reset-MotoServer $Endpoint
        $null = New-TestSecret 'proxy/a'
        $before = @(Get-ProxiedRequest $proxy).Count
    }
    AfterEach { Clear-AWSProxy -Scope Global; Clear-AWSProxy }

    It 'sends every later call through the shell proxy, with -Username/-Password as basic credentials' {
        Set-AWSProxy -Hostname 127.0.0.1 -Port $proxyPort -Username 'shell-user' -Password 'shell-pw'

        $AWSProxy | Should -BeOfType ([Amazon.PowerShell.Common.ProxySettings])
        $AWSProxy.Hostname | Should -Be '127.0.0.1'
        $AWSProxy.Port | Should -Be $proxyPort
        $AWSProxy.Credentials | Should -BeOfType ([Net.NetworkCredential])
        $null = Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'via-shell-proxy' @Connection

        $proxied = Get-NewProxiedRequest $before
        $proxied.Count | Should -Be 1
        $proxied[0].Target | Should -Be "http://$motoAuthority/"
        $proxied[0].ProxyUser | Should -BeExactly 'shell-user'
        $proxied[0].ProxyPasswordSha256 | Should -Be (Get-Sha256Hex 'shell-pw')
        (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'proxy/a' }).SecretString | Should -BeExactly 'via-shell-proxy'
    }

    It 'wins over -ClientConfig''s proxy, takes a PSCredential, and is read through the caller''s scope' {
        # A -ClientConfig proxy that would fail: the shell proxy must replace it.
        $config = @{ ProxyHost = '127.0.0.1'; ProxyPort = 9 }
        & {
            # -Credential wins over -Username/-Password given with it.
            Set-AWSProxy 127.0.0.1 $proxyPort -Username 'plain-user' -Password 'plain-pw' -Credential ([pscredential]::new('ps-user', (ConvertTo-SecureString 'ps-pw' -AsPlainText -Force)))
            $null = Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'scoped' -ClientConfig $config @Connection
        }
        (Get-NewProxiedRequest $before)[0].ProxyUser | Should -BeExactly 'ps-user'

        # Set in a child scope only: out here the -ClientConfig proxy applies again, and fails.
        { Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'x' -ClientConfig $config @Connection } | Should -Throw
        (Get-NewProxiedRequest $before).Count | Should -Be 1
    }

    It 'is cleared by Clear-AWSProxy, honours -Scope Global, and a port of 0 means no proxy' {
        Set-AWSProxy 127.0.0.1 $proxyPort -Scope Global
        & { $null = Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'global' @Connection }
        (Get-NewProxiedRequest $before).Count | Should -Be 1

        Clear-AWSProxy -Scope Global
        $global:AWSProxy | Should -BeNullOrEmpty
        $null = Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'direct' @Connection
        Set-AWSProxy 127.0.0.1 0
        $null = Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'port zero' @Connection
        (Get-NewProxiedRequest $before).Count | Should -Be 1
    }

    It '-BypassOnLocal leaves a loopback endpoint alone; a -BypassList is refused naming it' {
        Set-AWSProxy 127.0.0.1 $proxyPort -BypassOnLocal
        $null = Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'local' @Connection
        Get-NewProxiedRequest $before | Should -BeNullOrEmpty

        $err = { Set-AWSProxy 127.0.0.1 $proxyPort -BypassList 'internal\.example' } | Should -Throw -PassThru
        $err.Exception.ParamName | Should -Be 'BypassList'
        $err.Exception.Message | Should -BeLike '*NO_PROXY*'
    }

    It 'a $AWSProxy made without Set-AWSProxy, with a port over 65535, is an argument error naming AWSProxy; nothing is sent' {
        $AWSProxy = [Amazon.PowerShell.Common.ProxySettings]@{ Hostname = '127.0.0.1'; Port = 70000 }
        $err = { Write-SECSecretValue -SecretId 'proxy/a' -SecretString 'x' @Connection } | Should -Throw -PassThru
        $err.Exception | Should -BeOfType ([ArgumentException])
        $err.Exception.ParamName | Should -Be 'AWSProxy'
        $err.Exception.Message | Should -BeLike '*Port must be 1 to 65535*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-NewProxiedRequest $before | Should -BeNullOrEmpty
        Get-VersionStage 'proxy/a' | Should -BeNullOrEmpty
    }
}
