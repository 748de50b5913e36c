Set-StrictMode -Version Latest

# Role, SSO, web identity, container and instance metadata credentials are fetched once per identity and kept
# until shortly before they expire, while the profile files and the environment are still read on every call:
# a changed file or variable is another identity. Requests are counted where they arrive (the recording proxy
# of stand_in.py in front of moto's STS, the stand-in's container endpoint).

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    $StandIn = Start-StandIn -Upstream $Endpoint
    $SecretArn = New-TestSecret "credentials-cache-$([guid]::NewGuid())"

    # What the recording proxy forwarded, oldest first (Invoke-RestMethod returns the JSON array as one object).
    function Get-Recorded { $records = Invoke-RestMethod "$($StandIn.Endpoint)/__recorded"; @($records) }
    function Get-AssumeRoleCount { @(Get-Recorded | Where-Object Action -EQ 'AssumeRole').Count }
    function Write-WithRole { $null = Write-SECSecretValue -SecretId $SecretArn -SecretString 'v' -Region us-east-1 -EndpointUrl $StandIn.Endpoint -ProfileName role }
}

AfterAll { Stop-StandIn $StandIn }

Describe 'Credentials fetched from outside the process are kept per identity' {
    BeforeEach {
        $State = Enter-CleanAwsEnvironment
        $Credentials = Join-Path $env:HOME '.aws' 'credentials'
        $env:AWS_ENDPOINT_URL_STS = $StandIn.Endpoint
        Set-Content $Credentials "[cachebase]`naws_access_key_id = AKIDCACHE`naws_secret_access_key = secret-AKIDCACHE`n[role]`nrole_arn = arn:aws:iam::123456789012:role/app`nsource_profile = cachebase"
    }
    AfterEach { Exit-CleanAwsEnvironment $State }

    It '20 writes with a role profile make one AssumeRole call, all signed with its session' {
        $before = Get-AssumeRoleCount
        $recordedBefore = @(Get-Recorded).Count

        foreach ($i in 1..20) { Write-WithRole }

        (Get-AssumeRoleCount) - $before | Should -Be 1
        $writes = @(Get-Recorded | Select-Object -Skip $recordedBefore | Where-Object Action -EQ 'PutSecretValue')
        $writes.Count | Should -Be 20
        @($writes.AccessKey | Sort-Object -Unique).Count | Should -Be 1
        $writes[0].AccessKey | Should -BeLike 'ASIA*'
    }

    It 'an edited profile file or a changed variable is another identity, seen on the next call' {
        Write-WithRole
        $before = Get-AssumeRoleCount

        (Get-Content -Raw $Credentials).Replace('role/app', 'role/other') | Set-Content $Credentials
        Write-WithRole
        (Get-AssumeRoleCount) - $before | Should -Be 1 -Because 'the file changed'

        $env:AWS_ROLE_SESSION_NAME = 'another-session'
        Write-WithRole
        (Get-AssumeRoleCount) - $before | Should -Be 2 -Because 'a variable the providers read changed'

        Write-WithRole
        (Get-AssumeRoleCount) - $before | Should -Be 2 -Because 'nothing changed since'
    }

    It 'credentials that expire soon are kept, then fetched again shortly before they expire' {
        # The container endpoint hands out credentials valid for 14 s: kept while more than 10 s (less up to
        # 5 s of jitter) remain, so for at least 3 s after they are issued and at most 9 s.
        $short = Start-StandIn -Upstream $Endpoint -ContainerKey 'AKIDCONTAINER' -ContainerLifetime 14
        try {
            $env:AWS_CONTAINER_CREDENTIALS_FULL_URI = "$($short.Endpoint)/container-credentials"
            $write = { $null = Write-SECSecretValue -SecretId $SecretArn -SecretString 'v' -Region us-east-1 -EndpointUrl $Endpoint }

            & $write
            $issuedAt = [Diagnostics.Stopwatch]::StartNew()   # after the fetch: at most 9 s from here they refresh
            & $write
            [int](Invoke-RestMethod "$($short.Endpoint)/__container_issued") | Should -Be 1 -Because 'still fresh: kept'

            Start-Sleep -Milliseconds ([math]::Max(0, 9500 - $issuedAt.ElapsedMilliseconds))
            & $write
            [int](Invoke-RestMethod "$($short.Endpoint)/__container_issued") | Should -Be 2 -Because 'within the refresh window before expiry'
        } finally {
            Stop-StandIn $short
        }
    }
}
