#Requires -Version 7.4
<#
    Faulty endpoints for the reliability suites: moto with injected service errors
    (moto_with_faults.py) and a loopback proxy with transport faults (fault_proxy.py). Both run on the
    harness venv's Python and log one line per request, which Wait-FaultLog reads.
#>
Set-StrictMode -Version Latest

$script:Venv = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '..' '.venv'))
$script:Python = if ($IsWindows) { Join-Path $script:Venv 'Scripts' 'python.exe' } else { Join-Path $script:Venv 'bin' 'python' }

Import-Module (Join-Path $PSScriptRoot 'MotoServer.psm1')

function Start-LoggedPython([string[]] $Arguments) {
    $log = [IO.Path]::GetTempFileName()
    $process = Start-Process -FilePath $script:Python -ArgumentList $Arguments -RedirectStandardOutput $log `
        -RedirectStandardError "$log.err" -PassThru
    [pscustomobject]@{ Process = $process; LogPath = $log; Endpoint = $null }
}

function Wait-FaultLog {
    <#
    .SYNOPSIS
        Waits (up to -TimeoutSeconds) until the server's log has a line matching -Pattern; returns the match.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Server, [Parameter(Mandatory, Position = 1)][string] $Pattern, [int] $TimeoutSeconds = 30)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        $match = Select-String -Path $Server.LogPath -Pattern $Pattern | Select-Object -First 1
        if ($match) { return $match }
        if ($Server.Process.HasExited) { throw "The fault server exited: $(Get-Content -Raw "$($Server.LogPath).err")" }
        Start-Sleep -Milliseconds 50
    }
    throw "No line matching '$Pattern' in $($Server.LogPath) within $TimeoutSeconds s."
}

function Start-FaultProxy {
    <#
    .SYNOPSIS
        Starts fault_proxy.py in front of -Upstream; request n is faulty when (n-1) % Every < FailFirst
        (-FailFirst 0: a plain forwarder). It listens on -Listen, a loopback address unless another is given.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string] $Upstream,
        [Parameter(Mandatory)][ValidateSet('reset', 'stall', 'stall-before', 'truncate', 'html')][string] $Mode,
        [int] $FailFirst = 1,
        [int] $Every = 1,
        [string] $Listen = '127.0.0.1'
    )
    $server = Start-LoggedPython @((Join-Path $PSScriptRoot 'fault_proxy.py'), '--upstream', $Upstream, '--mode', $Mode,
        '--fail-first', $FailFirst, '--every', $Every, '--listen', $Listen)
    $port = (Wait-FaultLog $server '^port (\d+)').Matches[0].Groups[1].Value
    $server.Endpoint = "http://$($Listen):$port"
    $server
}

function Start-FaultyMoto {
    <#
    .SYNOPSIS
        Starts moto whose PutSecretValue raises -ErrorCode on call n when (n-1) % Every < FailFirst.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][ValidateSet('ThrottlingException', 'InternalServiceError')][string] $ErrorCode,
        [int] $FailFirst = 1,
        [int] $Every = 1
    )
    $port = Get-FreeTcpPort
    $server = Start-LoggedPython @((Join-Path $PSScriptRoot 'moto_with_faults.py'), '--error', $ErrorCode,
        '--fail-first', $FailFirst, '--every', $Every, '--', '-H', '127.0.0.1', '-p', $port)
    $server.Endpoint = "http://127.0.0.1:$port"
    Wait-MotoReady $server -OnFailure { Stop-FaultServer $server } -Description 'faulty moto'
}

function Stop-FaultServer {
    <#
    .SYNOPSIS
        Stops a server started by Start-FaultProxy or Start-FaultyMoto.
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, Position = 0)] $Server)
    if ($Server.Process.HasExited -or -not $PSCmdlet.ShouldProcess($Server.Endpoint, 'Stop')) { return }
    $Server.Process.Kill($true)
    $null = $Server.Process.WaitForExit(5000)
}

Export-ModuleMember -Function Start-FaultProxy, Start-FaultyMoto, Stop-FaultServer, Wait-FaultLog
