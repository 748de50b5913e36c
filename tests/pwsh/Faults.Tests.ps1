Set-StrictMode -Version Latest

# The fault matrix: each case ends either in success with exactly one new version (counted on the
# server) or in a clear terminating error record. See docs/compatibility.md, "Reliability".

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    Import-Module (Join-Path $PSScriptRoot '..' 'harness' 'FaultServers.psm1')

    function Get-VersionCount([string] $Server, [string] $SecretId) {
        $description = Invoke-MotoApi $Server DescribeSecret @{ SecretId = $SecretId }
        $stages = $description.PSObject.Properties['VersionIdsToStages']?.Value
        if ($null -eq $stages) { 0 } else { @($stages.PSObject.Properties).Count }
    }

    function Invoke-Write([string] $Through, [hashtable] $Extra = @{}) {
        $splat = $Connection.Clone()
        $splat.EndpointUrl = $Through
        foreach ($key in $Extra.Keys) { $splat[$key] = $Extra[$key] }
        Write-SECSecretValue -SecretId 'fault/target' -SecretString 'fault-value' @splat
    }
}

Describe 'Service faults from moto (throttling, internal errors)' {
    AfterEach { if ($script:faulty) { Stop-FaultServer $script:faulty } }

    It 'retries <ErrorCode> on 1 of every 2 calls and writes exactly one version' -ForEach @(
        @{ ErrorCode = 'ThrottlingException' }
        @{ ErrorCode = 'InternalServiceError' }
    ) {
        $script:faulty = Start-FaultyMoto -ErrorCode $ErrorCode -FailFirst 1 -Every 2
        $null = Invoke-MotoApi $faulty.Endpoint CreateSecret @{ Name = 'fault/target' }

        $response = Invoke-Write $faulty.Endpoint

        $response.VersionId | Should -Not -BeNullOrEmpty
        Get-VersionCount $faulty.Endpoint 'fault/target' | Should -Be 1
        (Wait-FaultLog $faulty '^put 2 passed') | Should -Not -BeNullOrEmpty
    }

    It 'honours MaxErrorRetry: 1 retry is not enough for 2 failures, 2 retries are' {
        $script:faulty = Start-FaultyMoto -ErrorCode ThrottlingException -FailFirst 2 -Every 3
        $null = Invoke-MotoApi $faulty.Endpoint CreateSecret @{ Name = 'fault/target' }

        $err = { Invoke-Write $faulty.Endpoint @{ ClientConfig = @{ MaxErrorRetry = 1 } } } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'Amazon.SecretsManager.AmazonSecretsManagerException,*'
        $err.Exception.InnerException.ErrorCode | Should -Be 'ThrottlingException'
        Get-VersionCount $faulty.Endpoint 'fault/target' | Should -Be 0

        # Calls 3 (passes), 4 and 5 (fail), 6 (passes): the first attempt of this write is call 3.
        $null = Invoke-Write $faulty.Endpoint
        $null = Invoke-Write $faulty.Endpoint @{ ClientConfig = @{ MaxErrorRetry = 2; RetryMode = 'Standard' } }
        Get-VersionCount $faulty.Endpoint 'fault/target' | Should -Be 2
    }
}

Describe 'Transport faults from a loopback proxy' {
    BeforeEach {
        Reset-MotoServer $Endpoint
        $null = New-TestSecret 'fault/target'
    }
    AfterEach { if ($script:proxy) { Stop-FaultServer $script:proxy } }

    It 'survives <Mode> on 1 of every 2 requests with exactly one version' -ForEach @(
        @{ Mode = 'reset'; Why = 'the write reached the server, the answer was lost; the retry reuses the token' }
        @{ Mode = 'html'; Why = 'a load balancer answered 502 with HTML' }
        @{ Mode = 'stall'; Why = 'the write reached the server, the answer never came; the attempt timeout cuts it' }
        @{ Mode = 'stall-before'; Why = 'nothing reached the server; the attempt timeout cuts it' }
    ) {
        $script:proxy = Start-FaultProxy -Upstream $Endpoint -Mode $Mode -FailFirst 1 -Every 2

        $response = Invoke-Write $proxy.Endpoint @{ ClientConfig = @{ Timeout = 2 } }

        $response.VersionId | Should -Not -BeNullOrEmpty
        Get-VersionCount $Endpoint 'fault/target' | Should -Be 1
        (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'fault/target' }).VersionId | Should -Be $response.VersionId
        Wait-FaultLog $proxy '^request 2 passed' | Should -Not -BeNullOrEmpty
    }

    It 'a truncated answer is retried under the same token: success with exactly one version' {
        $script:proxy = Start-FaultProxy -Upstream $Endpoint -Mode truncate -FailFirst 1 -Every 2

        $response = Invoke-Write $proxy.Endpoint

        $response.VersionId | Should -Not -BeNullOrEmpty
        Get-VersionCount $Endpoint 'fault/target' | Should -Be 1
        Wait-FaultLog $proxy '^request 2 passed' | Should -Not -BeNullOrEmpty
    }

    It 'a stall on every request is cut off by the ClientConfig Timeout with a TimeoutException' {
        $script:proxy = Start-FaultProxy -Upstream $Endpoint -Mode stall-before
        $clock = [Diagnostics.Stopwatch]::StartNew()

        $err = { Invoke-Write $proxy.Endpoint @{ ClientConfig = @{ Timeout = 1; MaxErrorRetry = 0 } } } | Should -Throw -PassThru

        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        $err.FullyQualifiedErrorId | Should -BeLike 'System.TimeoutException,*'
        $err.Exception.Message | Should -BeLike "*did not complete within the time allowed*"
        Get-VersionCount $Endpoint 'fault/target' | Should -Be 0
    }

    It 'an HTML 502 on every request ends in a clear transport error naming the status' {
        $script:proxy = Start-FaultProxy -Upstream $Endpoint -Mode html

        $err = { Invoke-Write $proxy.Endpoint @{ ClientConfig = @{ MaxErrorRetry = 0 } } } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike 'System.Net.Http.HttpRequestException,*'
        $err.Exception.Message | Should -BeLike '*HTTP 502*not a Secrets Manager error*'
        Get-VersionCount $Endpoint 'fault/target' | Should -Be 0
    }

    It 'a user retry with the same ClientRequestToken after a lost answer creates no second version' {
        $script:proxy = Start-FaultProxy -Upstream $Endpoint -Mode reset
        $token = [guid]::NewGuid().ToString()

        { Invoke-Write $proxy.Endpoint @{ ClientRequestToken = $token; ClientConfig = @{ MaxErrorRetry = 0 } } } |
            Should -Throw -ErrorId 'System.Net.Http.HttpRequestException,*'
        Get-VersionCount $Endpoint 'fault/target' | Should -Be 1

        $again = Invoke-Write $Endpoint @{ ClientRequestToken = $token }
        $again.VersionId | Should -Be $token
        Get-VersionCount $Endpoint 'fault/target' | Should -Be 1
    }
}

Describe 'A failure that may have written says so and names its ClientRequestToken' {
    BeforeEach {
        Reset-MotoServer $Endpoint
        $null = New-TestSecret 'fault/target'
    }
    AfterEach { if ($script:proxy) { Stop-FaultServer $script:proxy; $script:proxy = $null } }

    It 'after a <Mode> once the request was sent (<Record>): the token is the version written, and a retry with it writes no second one' -ForEach @(
        @{ Mode = 'reset'; Record = 'System.Net.Http.HttpRequestException'; Config = @{ MaxErrorRetry = 0 } }
        @{ Mode = 'stall'; Record = 'System.TimeoutException'; Config = @{ MaxErrorRetry = 0; Timeout = 1 } }
    ) {
        $script:proxy = Start-FaultProxy -Upstream $Endpoint -Mode $Mode

        $err = { Invoke-Write $proxy.Endpoint @{ ClientConfig = $Config } } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike "$Record,*"
        $token = $err.Exception.Data['ClientRequestToken']
        $token | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        $err.Exception.Data['MayHaveBeenWritten'] | Should -BeTrue
        $err.Exception.InnerException.Data['ClientRequestToken'] | Should -Be $token
        $err.Exception.Message | Should -BeLike "*may have reached Secrets Manager and written the new version*-ClientRequestToken '$token'*"
        $err.ErrorDetails.RecommendedAction | Should -BeLike "*-ClientRequestToken '$token'*"
        # The write did happen, under that token (the proxy forwarded it before failing).
        $stages = Get-VersionStage 'fault/target'
        @($stages.PSObject.Properties.Name) | Should -Be @($token)

        $again = Invoke-Write $Endpoint @{ ClientRequestToken = $token }
        $again.VersionId | Should -Be $token
        Get-VersionCount $Endpoint 'fault/target' | Should -Be 1
    }

    It 'a failure before anything was sent says nothing was written, and still names the token' {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $listener.Start()
        $closed = "http://127.0.0.1:$($listener.LocalEndpoint.Port)"; $listener.Stop()

        $err = { Invoke-Write $closed @{ ClientConfig = @{ MaxErrorRetry = 0 } } } | Should -Throw -PassThru

        $err.Exception.Data['MayHaveBeenWritten'] | Should -BeFalse
        $err.Exception.Data['ClientRequestToken'] | Should -Not -BeNullOrEmpty
        $err.Exception.Message | Should -Not -BeLike '*may have reached*'
        $err.ErrorDetails | Should -BeNullOrEmpty
    }

    It 'a service error keeps the service''s message, and carries the token it was sent with' {
        $token = [guid]::NewGuid().ToString()
        $err = { Write-SECSecretValue -SecretId 'fault/missing' -SecretString 'x' -ClientRequestToken $token @Connection } | Should -Throw -PassThru

        $err.Exception.Message | Should -Be "Secrets Manager can't find the specified secret."
        $err.Exception.InnerException.Data['ClientRequestToken'] | Should -Be $token
        $err.Exception.InnerException.Data['MayHaveBeenWritten'] | Should -BeFalse
    }
}

Describe 'Default limits' -Tag Soak {
    AfterEach { if ($script:proxy) { Stop-FaultServer $script:proxy } }

    It 'cut off an endpoint that never answers, without any -ClientConfig' {
        $script:proxy = Start-FaultProxy -Upstream $Endpoint -Mode stall-before
        $clock = [Diagnostics.Stopwatch]::StartNew()

        { Invoke-Write $proxy.Endpoint } | Should -Throw -ErrorId 'System.TimeoutException,*'

        # 90 s for the whole call (3 attempts of at most 30 s), plus slack for a loaded machine.
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 100
    }
}
