Set-StrictMode -Version Latest

# No credential lookup hangs: a credential process that never prints, and an STS, SSO portal or container
# endpoint that accepts the request and never answers, each end within the call's attempt limit
# (-ClientConfig's Timeout, 2 s here) in a TimeoutException record that names the source and what it waited
# for; a credential process is killed with everything it started. See docs/compatibility.md, "Reliability".

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    Import-Module (Join-Path $PSScriptRoot '..' 'harness' 'FaultServers.psm1')
    $SecretArn = New-TestSecret "credentials-timeouts-$([guid]::NewGuid())"

    # A write whose credential lookup gets 2 s must fail within a few seconds (slack for a loaded machine) with
    # a TimeoutException record whose message is like -Message.
    function Assert-WriteTimesOut([string] $Message, [hashtable] $Extra = @{}) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $err = { Write-SECSecretValue -SecretId $SecretArn -SecretString 'v' -Region us-east-1 -EndpointUrl $Endpoint `
                -ClientConfig @{ Timeout = 2 } @Extra } | Should -Throw -PassThru
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 6
        $err.FullyQualifiedErrorId | Should -BeLike 'System.TimeoutException,*'
        $err.Exception.Message | Should -BeLike $Message
    }
}

Describe 'Credential lookups that never answer' {
    BeforeEach {
        $State = Enter-CleanAwsEnvironment
        $Credentials = Join-Path $env:HOME '.aws' 'credentials'
        # Accepts every request and never answers (nothing is forwarded).
        $Silent = Start-FaultProxy -Upstream $Endpoint -Mode stall-before
    }
    AfterEach {
        Stop-FaultServer $Silent
        Exit-CleanAwsEnvironment $State
    }

    It 'a credential_process that never finishes is killed, with what it started, at the limit' {
        $slow = New-SlowCredentialProcess -Folder $env:HOME
        Set-Content $Credentials "[slow]`ncredential_process = $($slow.Command)"

        # The whole message, exactly once: the other cases share its shape.
        Assert-WriteTimesOut ("Credentials could not be obtained from stored profile named 'slow': its credential_process " +
            "command did not answer within 2 s (the limit of one attempt: -ClientConfig's Timeout, 30 s by default).") @{ ProfileName = 'slow' }
        Wait-ProcessExit (Get-CredentialProcessId $slow) | Should -BeNullOrEmpty -Because 'the script and its child must be gone'
    }

    It 'a role profile whose STS never answers ends at the limit, naming STS' {
        $env:AWS_ENDPOINT_URL_STS = $Silent.Endpoint
        Set-Content $Credentials "[base]`naws_access_key_id = AKIDBASE`naws_secret_access_key = s`n[role]`nrole_arn = arn:aws:iam::123456789012:role/app`nsource_profile = base"

        Assert-WriteTimesOut "Credentials could not be obtained from stored profile named 'role': STS (AssumeRole) did not answer within 2 s*" @{ ProfileName = 'role' }
        Wait-FaultLog $Silent '^request 1 ' | Should -Not -BeNullOrEmpty -Because 'STS must really have been asked'
    }

    It 'a credential_process source whose STS never answers ends at the limit, the process long finished' {
        $env:AWS_ENDPOINT_URL_STS = $Silent.Endpoint
        # The shell's own echo, done in a moment: a pwsh script would spend part of the 2 s that STS must
        # get starting up. cmd.exe echoes the quotes as they are; sh drops them unless single-quoted.
        $json = '{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "s"}'
        $command = $IsWindows ? "echo $json" : "echo '$json'"
        Set-Content $Credentials "[proc]`ncredential_process = $command`n[role]`nrole_arn = arn:aws:iam::123456789012:role/app`nsource_profile = proc"

        Assert-WriteTimesOut "*stored profile named 'role': STS (AssumeRole) did not answer within 2 s*" @{ ProfileName = 'role' }
    }

    It 'web identity from the environment whose STS never answers ends at the limit' {
        $token = Join-Path $env:HOME 'token'
        Set-Content -Path $token -Value 'a-web-identity-token' -NoNewline
        $env:AWS_WEB_IDENTITY_TOKEN_FILE = $token
        $env:AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/pod-role'
        $env:AWS_ENDPOINT_URL_STS = $Silent.Endpoint

        Assert-WriteTimesOut 'Credentials could not be obtained from web identity token file: STS (AssumeRoleWithWebIdentity) did not answer within 2 s*'
        Wait-FaultLog $Silent '^request 1 ' | Should -Not -BeNullOrEmpty
    }

    It 'a container credentials endpoint that never answers ends at the limit' {
        $env:AWS_CONTAINER_CREDENTIALS_FULL_URI = "$($Silent.Endpoint)/container-credentials"

        Assert-WriteTimesOut 'Credentials could not be obtained from container environment: the container credentials endpoint did not answer within 2 s*'
        Wait-FaultLog $Silent '^request 1 ' | Should -Not -BeNullOrEmpty
    }

    It 'an SSO profile whose portal never answers ends at the limit, naming the portal' {
        $env:AWS_ENDPOINT_URL_SSO = $Silent.Endpoint
        $startUrl = 'https://d-0123456789.awsapps.com/start'
        $hash = [Convert]::ToHexString([Security.Cryptography.SHA1]::HashData([Text.Encoding]::UTF8.GetBytes($startUrl))).ToLowerInvariant()
        $cache = New-Item -ItemType Directory -Force -Path (Join-Path $env:HOME '.aws' 'sso' 'cache')
        $token = @{ accessToken = 't'; expiresAt = [datetime]::UtcNow.AddHours(1).ToString('yyyy-MM-ddTHH:mm:ssZ'); region = 'us-east-1'; startUrl = $startUrl }
        Set-Content -Path (Join-Path $cache "$hash.json") -Value ($token | ConvertTo-Json)
        Set-Content (Join-Path $env:HOME '.aws' 'config') "[profile sso]`nsso_start_url = $startUrl`nsso_region = us-east-1`nsso_account_id = 123456789012`nsso_role_name = app"

        Assert-WriteTimesOut "*stored profile named 'sso': the SSO portal did not answer within 2 s*" @{ ProfileName = 'sso' }
    }
}
