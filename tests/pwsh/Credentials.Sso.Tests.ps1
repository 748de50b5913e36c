# SSO profiles, in both of their forms (legacy sso_start_url and sso_session), from a cached token written
# to a temporary HOME. The SSO portal is the loopback stand-in (reached through AWS_ENDPOINT_URL_SSO); which
# key the portal's credentials turned into is read from the Authorization header the recording proxy saw.
Set-StrictMode -Version Latest

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    $PortalToken = 'a-cached-sso-access-token'
    $StandIn = Start-StandIn -Upstream $Endpoint -SsoKey 'AKIDSSO' -SsoToken $PortalToken
    $SecretArn = New-TestSecret "credentials-sso-$([guid]::NewGuid())"
    $StartUrl = 'https://d-0123456789.awsapps.com/start'
    $Expired = 'SSO Token has expired. Please login by running Invoke-AWSSSOLogin.'

    # The token cache entry of a start URL (legacy form) or session name (sso_session form).
    function Write-CachedToken([string] $Identifier, [string] $Token = $PortalToken, [datetime] $ExpiresAt = [datetime]::UtcNow.AddHours(1)) {
        $hash = [Convert]::ToHexString([Security.Cryptography.SHA1]::HashData([Text.Encoding]::UTF8.GetBytes($Identifier))).ToLowerInvariant()
        $folder = Join-Path $env:HOME '.aws' 'sso' 'cache'
        $null = New-Item -ItemType Directory -Force -Path $folder
        $document = @{ accessToken = $Token; expiresAt = $ExpiresAt.ToString('yyyy-MM-ddTHH:mm:ssZ'); region = 'us-east-1'; startUrl = $StartUrl }
        Set-Content -Path (Join-Path $folder "$hash.json") -Value ($document | ConvertTo-Json)
    }

    # Get-UsedAccessKey (StandIn.psm1) writes through the proxy and returns the access key id the server saw.
    $PSDefaultParameterValues = @{ 'Get-UsedAccessKey:StandIn' = $StandIn; 'Get-UsedAccessKey:SecretId' = $SecretArn }
}

AfterAll { Stop-StandIn $StandIn }

Describe 'SSO profiles' {
    BeforeEach {
        $State = Enter-CleanAwsEnvironment
        $env:AWS_ENDPOINT_URL_SSO = $StandIn.Endpoint
        Set-Content (Join-Path $env:HOME '.aws' 'config') @"
[profile legacy]
sso_start_url = $StartUrl
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = app

[profile modern]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = app

[sso-session corp]
sso_start_url = $StartUrl
sso_region = us-east-1
"@
    }
    AfterEach { Exit-CleanAwsEnvironment $State }

    It 'a legacy profile (sso_start_url) gets role credentials from the portal with the cached token' {
        Write-CachedToken $StartUrl
        Get-UsedAccessKey @{ ProfileName = 'legacy' } | Should -Be 'AKIDSSO'
    }

    It 'an sso_session profile gets role credentials with the session''s cached token' {
        Write-CachedToken 'corp'
        Get-UsedAccessKey @{ ProfileName = 'modern' } | Should -Be 'AKIDSSO'
    }

    It 'an SSO profile named by AWS_PROFILE is used, and -Debug names it without the secret' {
        Write-CachedToken 'corp'
        $env:AWS_PROFILE = 'modern'
        $DebugPreference = 'Continue'
        $debug = Get-UsedAccessKey 5>&1
        $debug[-1] | Should -Be 'AKIDSSO'
        $messages = ($debug | Where-Object { $_ -is [Management.Automation.DebugRecord] }).Message -join "`n"
        $messages | Should -Match "Credentials obtained from stored profile named 'modern'"
        $messages | Should -Not -Match 'stand-in-secret|stand-in-token'
    }

    It 'an SSO profile made the shell default with Set-AWSCredential is resolved at the call' {
        Write-CachedToken $StartUrl
        Set-AWSCredential -ProfileName 'legacy' -Scope Global
        Get-UsedAccessKey | Should -Be 'AKIDSSO'
    }

    It 'role credentials are never used past their expiry: expired ones are fetched again for the next call' {
        Write-CachedToken $StartUrl
        Add-Content (Join-Path $env:HOME '.aws' 'config') "[profile short]`nsso_start_url = $StartUrl`nsso_region = us-east-1`nsso_account_id = 123456789012`nsso_role_name = already-expired"
        $before = [int](Invoke-RestMethod "$($StandIn.Endpoint)/__sso_issued")
        Get-UsedAccessKey @{ ProfileName = 'short' } | Should -Be 'AKIDSSO'
        Get-UsedAccessKey @{ ProfileName = 'short' } | Should -Be 'AKIDSSO'
        [int](Invoke-RestMethod "$($StandIn.Endpoint)/__sso_issued") | Should -Be ($before + 2)
    }

    It 'an expired sso_session token is AWS Tools'' UnauthorizedAccessException, and nothing is sent' {
        Write-CachedToken 'corp' -ExpiresAt ([datetime]::UtcNow.AddHours(-1))
        $before = (Invoke-RestMethod "$($StandIn.Endpoint)/__recorded").Count
        $err = { Get-UsedAccessKey @{ ProfileName = 'modern' } } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeExactly $Expired
        $err.Exception | Should -BeOfType [System.UnauthorizedAccessException]
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err.FullyQualifiedErrorId | Should -BeLike 'UnauthorizedAccessException,*'
        (Invoke-RestMethod "$($StandIn.Endpoint)/__recorded").Count | Should -Be $before
    }

    It 'a legacy token the portal refuses (expired) gives the same error' {
        # Unexpired in the cache: only the portal's 401 can make this fail.
        Write-CachedToken $StartUrl -Token 'an-expired-token'
        $before = [int](Invoke-RestMethod "$($StandIn.Endpoint)/__sso_refused")
        $err = { Get-UsedAccessKey @{ ProfileName = 'legacy' } } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeExactly $Expired
        $err.Exception | Should -BeOfType [System.UnauthorizedAccessException]
        [int](Invoke-RestMethod "$($StandIn.Endpoint)/__sso_refused") | Should -BeGreaterThan $before
    }

    It 'a missing token cache is a credentials error naming the profile' {
        $err = { Get-UsedAccessKey @{ ProfileName = 'legacy' } } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeLike "*stored profile named 'legacy'*"
        $err.Exception | Should -BeOfType [System.InvalidOperationException]
    }
}
