Set-StrictMode -Version Latest

# The version-quota advice never changes what an AWS Tools V4 script sees: no warning record, ever; with -Verbose,
# once per secret and session, when one secret gets more new versions within an hour than the service's documented
# sustained rate (once every 10 minutes) allows; never for a loopback endpoint. The rate arithmetic itself is unit
# tested in rust/core/src/operation/version_quota.rs.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    Import-Module (Join-Path $PSScriptRoot '..' 'harness' 'FaultServers.psm1')

    # Seven new versions of one secret (one more than the documented rate allows within an hour).
    function Write-SecretVersion([string] $SecretId, [hashtable] $Through, [int] $Count = 7, [switch] $Verbose) {
        foreach ($n in 1..$Count) {
            Write-SECSecretValue -SecretId $SecretId -SecretString "value $n" @Through -Verbose:$Verbose 4>&1 3>&1
        }
    }
    function Get-Advice($Records) { @($Records | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -like '*new versions of the secret*' }) }
    function Get-Warning($Records) { @($Records | Where-Object { $_ -is [Management.Automation.WarningRecord] }) }

    # A local address other than loopback, so that the endpoint does not look like a local test server.
    $address = [Net.NetworkInformation.NetworkInterface]::GetAllNetworkInterfaces() |
        Where-Object { $_.OperationalStatus -eq 'Up' -and $_.NetworkInterfaceType -ne 'Loopback' } |
        ForEach-Object { $_.GetIPProperties().UnicastAddresses.Address } |
        Where-Object { $_.AddressFamily -eq 'InterNetwork' -and -not [Net.IPAddress]::IsLoopback($_) } |
        Select-Object -First 1
    $forwarder = if ($address) { Start-FaultProxy -Upstream $Endpoint -Mode reset -FailFirst 0 -Listen $address.ToString() }
    $remote = $Connection.Clone()
    if ($forwarder) { $remote.EndpointUrl = $forwarder.Endpoint }
}

AfterAll { if ($forwarder) { Stop-FaultServer $forwarder } }

Describe 'The version-quota advice' {
    BeforeEach {
        Reset-MotoServer $Endpoint
        # A fresh name per test: the advisor remembers writes for the whole session.
        $name = "quota/$([guid]::NewGuid().ToString('N'))"
        $null = New-TestSecret $name
    }

    It 'is never given for a loopback endpoint (<Via>), nor as a warning' -ForEach @(
        @{ Via = 'by address' }
        @{ Via = 'by a host name that resolves to a loopback address' }
    ) {
        $through = $Connection.Clone()
        if ($Via -like '*host name*') {
            # Not recognisable from the URL: the connection's peer address decides.
            $hostName = [Net.Dns]::GetHostName()
            if (-not @([Net.Dns]::GetHostAddresses($hostName) | Where-Object { [Net.IPAddress]::IsLoopback($_) })) {
                Set-ItResult -Skipped -Because "the host name $hostName does not resolve to a loopback address here"; return
            }
            $through.EndpointUrl = "http://$($hostName):$(([uri]$Endpoint).Port)"
        }
        $records = Write-SecretVersion $name $through -Count 10 -Verbose

        @(Get-Advice $records).Count | Should -Be 0
        @(Get-Warning $records).Count | Should -Be 0
        @($records | Where-Object { $_ -is [Amazon.SecretsManager.Model.PutSecretValueResponse] }).Count | Should -Be 10
    }

    It 'is shown with -Verbose, once per secret, when a secret gets more than six new versions within an hour (<Via>)' -ForEach @(
        @{ Via = 'through a forwarder on this machine''s own network address' }
    ) {
        if (-not $forwarder) { Set-ItResult -Skipped -Because 'this machine has no network address besides loopback'; return }
        $other = "quota/$([guid]::NewGuid().ToString('N'))"
        $null = New-TestSecret $other

        $quiet = Write-SecretVersion $name $remote -Count 6 -Verbose
        $seventh = Write-SecretVersion $name $remote -Count 1 -Verbose
        $later = Write-SecretVersion $name $remote -Count 3 -Verbose
        $elsewhere = Write-SecretVersion $other $remote -Count 3 -Verbose

        @(Get-Advice $quiet).Count | Should -Be 0
        $advice = @(Get-Advice $seventh)
        $advice.Count | Should -Be 1
        $advice[0].Message | Should -BeLike "7 new versions of the secret '*$name*' were written within * minute(s) in this session.*once every 10 minutes*quota for secret versions*"
        @(Get-Advice $later).Count | Should -Be 0
        @(Get-Advice $elsewhere).Count | Should -Be 0
        @(Get-Warning ($quiet + $seventh + $later + $elsewhere)).Count | Should -Be 0
    }

    It 'waits for a write that shows it: writes without -Verbose do not use it up' {
        if (-not $forwarder) { Set-ItResult -Skipped -Because 'this machine has no network address besides loopback'; return }
        $silent = Write-SecretVersion $name $remote -Count 8
        $shown = Write-SecretVersion $name $remote -Count 1 -Verbose

        @($silent | Where-Object { $_ -isnot [Amazon.SecretsManager.Model.PutSecretValueResponse] }).Count | Should -Be 0
        @(Get-Advice $shown).Count | Should -Be 1
    }

    It 'never loses a result to $WarningPreference = ''Stop'' (a V4 script''s setting)' {
        $WarningPreference = 'Stop'
        $targets = @($Connection) + @(if ($forwarder) { $remote })
        foreach ($through in $targets) {
            foreach ($n in 1..8) {
                $response = Write-SECSecretValue -SecretId $name -SecretString "stop $n" @through
                $response.VersionId | Should -Not -BeNullOrEmpty
            }
        }
    }
}
