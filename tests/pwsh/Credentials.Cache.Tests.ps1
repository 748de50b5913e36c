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

    It 'two role profiles used in turn each keep their own session' {
        Add-Content $Credentials "[other]`nrole_arn = arn:aws:iam::123456789012:role/other`nsource_profile = cachebase"
        $before = Get-AssumeRoleCount
        $recordedBefore = @(Get-Recorded).Count

        foreach ($i in 1..3) {
            Write-WithRole
            $null = Write-SECSecretValue -SecretId $SecretArn -SecretString 'v' -Region us-east-1 -EndpointUrl $StandIn.Endpoint -ProfileName other
        }

        (Get-AssumeRoleCount) - $before | Should -Be 2 -Because 'one session per role profile'
        $writes = @(Get-Recorded | Select-Object -Skip $recordedBefore | Where-Object Action -EQ 'PutSecretValue')
        $roleKeys = @($writes | Select-Object -Index 0, 2, 4 | ForEach-Object AccessKey | Sort-Object -Unique)
        $otherKeys = @($writes | Select-Object -Index 1, 3, 5 | ForEach-Object AccessKey | Sort-Object -Unique)
        $roleKeys.Count | Should -Be 1
        $otherKeys.Count | Should -Be 1
        $roleKeys[0] | Should -Not -Be $otherKeys[0] -Because 'a profile never signs with the other''s session'
    }

    It 'Set-AWSCredential switches the identity the next call uses' {
        Add-Content $Credentials "[other]`nrole_arn = arn:aws:iam::123456789012:role/other`nsource_profile = cachebase"
        $before = Get-AssumeRoleCount
        $write = { $null = Write-SECSecretValue -SecretId $SecretArn -SecretString 'v' -Region us-east-1 -EndpointUrl $StandIn.Endpoint }

        $used = foreach ($name in 'role', 'other', 'role') {
            Set-AWSCredential -ProfileName $name -Scope Global
            & $write
            (Get-LastSignature $StandIn).AccessKey
        }
        Set-AWSCredential -AccessKey 'AKIDCACHESTATIC' -SecretKey 's' -Scope Global
        & $write

        (Get-LastSignature $StandIn).AccessKey | Should -Be 'AKIDCACHESTATIC' -Because 'static keys replace the role at once'
        $used[1] | Should -Not -Be $used[0]
        $used[2] | Should -Be $used[0] -Because 'the first profile''s session was kept'
        (Get-AssumeRoleCount) - $before | Should -Be 2
    }

    It 'a credential process that fails is run again on the next call: failures are not kept' {
        # One identity throughout (the profile file does not change); the script fails while a marker file exists.
        $counter = Join-Path $env:HOME 'runs.txt'
        $failing = Join-Path $env:HOME 'failing'
        $command = New-ScriptCredentialProcess -Folder $env:HOME -Name 'process.ps1' -Script @'
Add-Content -Path (Join-Path $PSScriptRoot 'runs.txt') -Value run
if (Test-Path (Join-Path $PSScriptRoot 'failing')) { [Console]::Error.WriteLine('refused'); exit 1 }
[Console]::Out.Write('{"Version": 1, "AccessKeyId": "AKIDCACHEPROCESS", "SecretAccessKey": "s", "Expiration": "2999-01-01T00:00:00Z"}')
'@
        Add-Content $Credentials "[proc]`ncredential_process = $command"
        $write = { $null = Write-SECSecretValue -SecretId $SecretArn -SecretString 'v' -Region us-east-1 -EndpointUrl $StandIn.Endpoint -ProfileName proc }
        $runs = { @(Get-Content $counter -ErrorAction Ignore).Count }

        $null = New-Item $failing
        { & $write } | Should -Throw
        Remove-Item $failing
        & $write
        & $runs | Should -Be 2 -Because 'the failure was not kept'
        & $write
        & $runs | Should -Be 2 -Because 'the success was'
        (Get-LastSignature $StandIn).AccessKey | Should -Be 'AKIDCACHEPROCESS'
    }

    It 'credentials within the refresh window of their expiry are fetched again on every call' {
        # Expiring in under 5 s: inside the window (5 to 10 s before expiry) from the moment they arrive.
        $counter = Join-Path $env:HOME 'runs.txt'
        $command = New-ScriptCredentialProcess -Folder $env:HOME -Name 'process.ps1' -Script @'
Add-Content -Path (Join-Path $PSScriptRoot 'runs.txt') -Value run
$expiration = [DateTime]::UtcNow.AddSeconds(4).ToString('yyyy-MM-ddTHH:mm:ssZ', [Globalization.CultureInfo]::InvariantCulture)
[Console]::Out.Write((@{ Version = 1; AccessKeyId = 'AKIDCACHEPROCESS'; SecretAccessKey = 's'; Expiration = $expiration } | ConvertTo-Json -Compress))
'@
        Add-Content $Credentials "[proc]`ncredential_process = $command"

        foreach ($i in 1..3) { $null = Write-SECSecretValue -SecretId $SecretArn -SecretString 'v' -Region us-east-1 -EndpointUrl $StandIn.Endpoint -ProfileName proc }

        @(Get-Content $counter).Count | Should -Be 3
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
