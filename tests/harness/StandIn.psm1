<#
    Loopback stand-ins for credential and region sources (stand_in.py: IMDSv2, container credentials,
    the SSO portal's GetRoleCredentials, a recording proxy in front of moto), a recording forward proxy
    (forward_proxy.py), and an isolated AWS environment for each test.
#>
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'MotoServer.psm1')

function Start-StandIn {
    <#
    .SYNOPSIS
        Starts stand_in.py forwarding to -Upstream; returns Endpoint, Process. Stop it with Stop-StandIn.
        With -TlsAuthority (from New-TestCertificateAuthority) it serves HTTPS with that CA's server certificate.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Upstream, [string] $ImdsKey, [string] $ImdsRegion, [string] $ContainerKey,
        [string] $SsoKey, [string] $SsoToken, [int] $ContainerLifetime, $TlsAuthority)

    $arguments = @((Join-Path $PSScriptRoot 'stand_in.py'), '--upstream', $Upstream)
    if ($ImdsKey) { $arguments += '--imds-key', $ImdsKey }
    if ($ImdsRegion) { $arguments += '--imds-region', $ImdsRegion }
    if ($ContainerKey) { $arguments += '--container-key', $ContainerKey }
    if ($ContainerLifetime) { $arguments += '--container-lifetime', $ContainerLifetime }
    if ($SsoKey) { $arguments += '--sso-key', $SsoKey, '--sso-token', $SsoToken }
    if ($TlsAuthority) {
        $arguments += '--tls-cert', $TlsAuthority.ServerCertificate, '--tls-key', $TlsAuthority.ServerKey
        $standIn = Start-PortPrintingServer $arguments
        $standIn.Endpoint = $standIn.Endpoint -replace '^http:', 'https:'
        return $standIn
    }
    Start-PortPrintingServer $arguments
}

function Start-ForwardProxy {
    <#
    .SYNOPSIS
        Starts forward_proxy.py (an HTTP proxy that records what it proxied); returns Endpoint, Process.
        Stop it with Stop-StandIn; read its records with Get-ProxiedRequest.
    #>
    [CmdletBinding()]
    param()
    Start-PortPrintingServer @((Join-Path $PSScriptRoot 'forward_proxy.py'))
}

function Get-ProxiedRequest([Parameter(Mandatory)] $Proxy) {
    <#
        What the forward proxy proxied, oldest first: Method, Target (absolute URL or host:port), ProxyUser and
        ProxyPasswordSha256 (compare with Get-Sha256Hex of the expected password).
    #>
    $records = Invoke-RestMethod -NoProxy "$($Proxy.Endpoint)/__proxied"   # one array object, not enumerated
    @($records)
}

function Get-Sha256Hex([Parameter(Mandatory)][string] $Text) {
    <# Lower-case hex SHA-256 of the UTF-8 text, as forward_proxy.py records a proxy password. #>
    [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($Text))).ToLowerInvariant()
}

function Start-PortPrintingServer([string[]] $Arguments) {
    # A harness script on the venv's Python (standard library only) that prints its port first.
    $venv = Install-MotoServer
    $python = $IsWindows ? (Join-Path $venv 'Scripts' 'python.exe') : (Join-Path $venv 'bin' 'python')
    $start = [Diagnostics.ProcessStartInfo]::new($python)
    foreach ($argument in $Arguments) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardOutput = $true
    $process = [Diagnostics.Process]::Start($start)
    $port = $process.StandardOutput.ReadLine()
    if (-not $port) { throw "$(Split-Path -Leaf $Arguments[0]) did not start." }
    [pscustomobject]@{ Endpoint = "http://127.0.0.1:$port"; Process = $process }
}

function Stop-StandIn([Parameter(Mandatory)] $StandIn) {
    if (-not $StandIn.Process.HasExited) { $StandIn.Process.Kill(); $null = $StandIn.Process.WaitForExit(5000) }
}

function Get-RecordedRequest([Parameter(Mandatory)] $StandIn) {
    <#
        Every request the proxy forwarded, oldest first: the access key id and region from its Authorization
        header, its x-amz-security-token (SessionToken, null when none came along) and its operation.
    #>
    @(Invoke-RestMethod "$($StandIn.Endpoint)/__recorded" | ForEach-Object { $_ })
}

function Get-LastSignature([Parameter(Mandatory)] $StandIn) {
    <# The last request the proxy forwarded (Get-RecordedRequest). #>
    (Get-RecordedRequest $StandIn)[-1]
}

function Get-UsedAccessKey {
    <#
    .SYNOPSIS
        Writes -SecretId through the recording stand-in (Region us-east-1 unless -Parameters names one) and
        returns the access key id the server saw. The caller's $DebugPreference applies to the write; its
        local variables (a local $StoredAWSCredentials) do not, as for any module function.
        Suites set -StandIn and -SecretId once through $PSDefaultParameterValues.
    #>
    [CmdletBinding()]
    param([Parameter(Position = 0)][hashtable] $Parameters = @{}, [Parameter(Mandatory)] $StandIn,
        [Parameter(Mandatory)][string] $SecretId)
    $splat = $Parameters.Clone()
    if (-not $splat.ContainsKey('Region')) { $splat.Region = 'us-east-1' }
    # A module function does not see the caller's preference variables: the write takes the caller's debug
    # preference (only the write: reading the records must add nothing to the debug stream).
    $callerDebugPreference = $PSCmdlet.SessionState.PSVariable.GetValue('DebugPreference')
    & {
        $DebugPreference = $callerDebugPreference
        $null = Write-SECSecretValue -SecretId $SecretId -SecretString 'value' -EndpointUrl $StandIn.Endpoint @splat
    }
    (Get-LastSignature $StandIn).AccessKey
}

function Enable-SilentMetadataEndpoint {
    <#
    .SYNOPSIS
        Points instance metadata at a loopback port that accepts connections (the kernel completes the
        handshake) but never answers, as a filtered address can. Returns the listener; Stop() it when done.
    #>
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    Remove-Item env:AWS_EC2_METADATA_DISABLED -ErrorAction Ignore
    $env:AWS_EC2_METADATA_SERVICE_ENDPOINT = "http://127.0.0.1:$($listener.LocalEndpoint.Port)"
    $listener
}

function Receive-SilentMetadataConnection([Parameter(Mandatory)][Net.Sockets.TcpListener] $Listener) {
    <#
    .SYNOPSIS
        Accepts and closes the connections waiting on a silent metadata listener; returns how many there were,
        so a test can show that instance metadata was really dialled.
    #>
    $count = 0
    while ($Listener.Pending()) { $Listener.AcceptTcpClient().Dispose(); $count++ }
    $count
}

function New-ScriptCredentialProcess {
    <#
    .SYNOPSIS
        Writes -Script (PowerShell) to the file -Name in -Folder and returns the credential_process command that
        runs it with this pwsh, followed by -Argument: one command for Linux, macOS and Windows.
    .DESCRIPTION
        Every path and argument is double-quoted. `sh -c` (Unix) keeps a quoted word whole; so does `cmd.exe /C`
        (Windows, where pwsh is under "C:\Program Files"), to which the native library hands the command in one
        more pair of quotes, the pair cmd.exe strips. The profile parser keeps quotes as they are (it only cuts
        a comment after a space and # or ;), so the command can stand in a profile file as it is.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Folder, [Parameter(Mandatory)][string] $Name,
        [Parameter(Mandatory)][string] $Script, [string[]] $Argument = @())
    $path = Join-Path $Folder $Name
    Set-Content -Path $path -Value $Script
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $quoted = @($path) + $Argument | ForEach-Object { "`"$_`"" }
    "`"$pwsh`" -NoProfile -NonInteractive -File $($quoted -join ' ')"
}

function New-SlowCredentialProcess {
    <#
    .SYNOPSIS
        Writes a credential process into -Folder (a pwsh script) that starts a child pwsh sleeping -Seconds,
        records its own process id and the child's, then waits for the child without ever printing credentials.
        Returns Command (the credential_process value) and PidFile (read it with Get-CredentialProcessId).
    .DESCRIPTION
        The child comes from Process.Start, which does not call setsid: on Unix it stays in the script's process
        group, the group the native library kills. The ids are recorded only once the child has started, so a
        test that has read them knows both processes exist.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Folder, [int] $Seconds = 60)
    $pidFile = Join-Path $Folder 'slow-credentials.pids'
    # .NET calls, not cmdlets: no module to load first, so the ids are there as soon as pwsh has started.
    $script = @'
param([string] $PidFile, [int] $Seconds)
$start = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', "Start-Sleep -Seconds $Seconds") { $start.ArgumentList.Add($argument) }
$child = [Diagnostics.Process]::Start($start)
# Written whole under another name, then renamed: a reader never sees half of it.
[IO.File]::WriteAllText("$PidFile.partial", "$PID $($child.Id)")
[IO.File]::Move("$PidFile.partial", $PidFile)
$child.WaitForExit()
'@
    $command = New-ScriptCredentialProcess -Folder $Folder -Name 'slow-credentials.ps1' -Script $script -Argument $pidFile, $Seconds
    [pscustomobject]@{ Command = $command; PidFile = $pidFile }
}

function Get-CredentialProcessId([Parameter(Mandatory)] $Process, [int] $TimeoutSeconds = 10) {
    <# Waits until the slow credential process has started its child and returns the ids it recorded (script, child). #>
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        $ids = @((Get-Content -Raw -Path $Process.PidFile -ErrorAction Ignore) -split '\s+' | Where-Object { $_ })
        if ($ids.Count -eq 2) { return $ids }
        Start-Sleep -Milliseconds 50
    }
    throw "The credential process recorded no process ids within $TimeoutSeconds s: it did not start, or was stopped before it had started its child."
}

function Test-ProcessRunning([Parameter(Mandatory)][string] $Id) {
    <# Whether process -Id runs: on Unix a zombie (dead, not yet reaped by its parent) does not. #>
    if ($IsWindows) {
        # An exited process stays an object while handles to it are open; it is no longer listed.
        $process = Get-Process -Id $Id -ErrorAction Ignore
        return [bool]$process -and -not $process.HasExited
    }
    $state = (& ps -o stat= -p $Id) -join ''
    [bool]$state.Trim() -and -not $state.Trim().StartsWith('Z')
}

function Wait-ProcessExit([Parameter(Mandatory)][string[]] $Id, [int] $TimeoutSeconds = 5) {
    <# Waits until none of the processes runs any more; returns the ids still running after -TimeoutSeconds. #>
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    do {
        $running = @($Id | Where-Object { Test-ProcessRunning $_ })
        if (-not $running) { return @() }
        Start-Sleep -Milliseconds 50
    } while ([DateTime]::UtcNow -lt $deadline)
    $running
}

function Enter-CleanAwsEnvironment {
    <#
    .SYNOPSIS
        Saves and removes every AWS_* variable and the shell's stored credentials/region, points HOME at an
        empty folder and disables instance metadata; returns the state for Exit-CleanAwsEnvironment.
    #>
    $saved = @{}
    Get-ChildItem env: | Where-Object { $_.Name -like 'AWS_*' -or $_.Name -eq 'HOME' } | ForEach-Object {
        $saved[$_.Name] = $_.Value
        Remove-Item "env:$($_.Name)"
    }
    $folder = Join-Path ([IO.Path]::GetTempPath()) ("smn-home-" + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path (Join-Path $folder '.aws')
    $env:HOME = $folder
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    Remove-Variable -Scope Global -Name StoredAWSCredentials, StoredAWSRegion -ErrorAction Ignore
    [pscustomobject]@{ Saved = $saved; Home = $folder }
}

function Exit-CleanAwsEnvironment([Parameter(Mandatory)] $State) {
    Get-ChildItem env: | Where-Object { $_.Name -like 'AWS_*' } | ForEach-Object { Remove-Item "env:$($_.Name)" }
    foreach ($name in $State.Saved.Keys) { Set-Item "env:$name" $State.Saved[$name] }
    if (-not $State.Saved.ContainsKey('HOME')) { Remove-Item env:HOME -ErrorAction Ignore }
    Remove-Variable -Scope Global -Name StoredAWSCredentials, StoredAWSRegion -ErrorAction Ignore
    Remove-Item -Recurse -Force $State.Home -ErrorAction Ignore
}

Export-ModuleMember -Function Get-RecordedRequest, New-ScriptCredentialProcess, New-SlowCredentialProcess, Get-CredentialProcessId, Wait-ProcessExit, Start-StandIn, Start-ForwardProxy, Get-ProxiedRequest, Get-Sha256Hex, Stop-StandIn, Get-LastSignature, Get-UsedAccessKey, Enable-SilentMetadataEndpoint, Receive-SilentMetadataConnection, Enter-CleanAwsEnvironment, Exit-CleanAwsEnvironment
