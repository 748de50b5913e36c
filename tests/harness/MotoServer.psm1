#Requires -Version 7.4
<#
    Runs moto (https://github.com/getmoto/moto) as a local AWS Secrets Manager for the tests, the demo
    and the benchmarks: installs it into a venv, starts it on a free loopback port, resets its state,
    calls it directly (as an independent client), and stops it.
#>
Set-StrictMode -Version Latest

$script:Requirements = Join-Path $PSScriptRoot 'requirements.txt'
$script:DefaultVenv = Join-Path $PSScriptRoot '..' '.venv'

function Get-VenvExecutable([string] $Venv, [string] $Name) {
    if ($IsWindows) { Join-Path $Venv 'Scripts' "$Name.exe" } else { Join-Path $Venv 'bin' $Name }
}

function Install-MotoServer {
    <#
    .SYNOPSIS
        Creates the test venv (once) and installs the pinned moto into it; returns the venv folder.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([string] $Venv = $script:DefaultVenv)

    $Venv = [IO.Path]::GetFullPath($Venv)
    $stamp = Join-Path $Venv 'requirements.installed'
    $wanted = Get-Content -Raw $script:Requirements
    if ((Test-Path $stamp) -and (Get-Content -Raw $stamp) -eq $wanted) { return $Venv }

    $python = if ($IsWindows) { 'python' } else { 'python3' }
    if (-not (Get-Command $python -ErrorAction Ignore)) {
        throw "Python 3 is needed for the local test server (moto): install it and make '$python' available on PATH."
    }
    Write-Information "Installing moto into $Venv ..." -InformationAction Continue
    & $python -m venv $Venv
    if ($LASTEXITCODE) { throw "python -m venv $Venv failed ($LASTEXITCODE)." }
    & (Get-VenvExecutable $Venv 'python') -m pip install --quiet --disable-pip-version-check -r $script:Requirements
    if ($LASTEXITCODE) { throw "pip install -r $script:Requirements failed ($LASTEXITCODE)." }
    Set-Content -Path $stamp -Value $wanted -NoNewline
    $Venv
}

function Get-FreeTcpPort {
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    try { $listener.Start(); $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-MotoServer {
    <#
    .SYNOPSIS
        Starts moto on a free loopback port and waits until it answers; returns an object with
        Endpoint, Port, Process and LogPath. Stop it with Stop-MotoServer.
    #>
    [CmdletBinding()]
    param([string] $Venv = $script:DefaultVenv, [string] $LogFolder = [IO.Path]::GetTempPath())

    $Venv = Install-MotoServer -Venv $Venv
    $port = Get-FreeTcpPort
    $log = Join-Path $LogFolder "moto-$port.log"
    $process = Start-Process -FilePath (Get-VenvExecutable $Venv 'moto_server') -ArgumentList '-H', '127.0.0.1', '-p', $port `
        -RedirectStandardOutput $log -RedirectStandardError "$log.err" -PassThru
    $server = [pscustomobject]@{ Endpoint = "http://127.0.0.1:$port"; Port = $port; Process = $process; LogPath = $log }
    Wait-MotoReady $server -OnFailure { Stop-MotoServer $server } -Description "moto on port $port"
}

function Wait-MotoReady {
    <#
    .SYNOPSIS
        Waits (up to 60 s) until a moto process answers on its endpoint; returns the server, or runs -OnFailure
        and throws when the process exits or the time is up. Shared by plain and fault-injecting moto.
    #>
    param([Parameter(Mandatory, Position = 0)] $Server, [scriptblock] $OnFailure, [string] $Description = 'moto')

    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ($true) {
        try {
            $null = Invoke-WebRequest -Uri "$($Server.Endpoint)/moto-api/" -TimeoutSec 2 -SkipHttpErrorCheck
            return $Server
        } catch {
            if ($Server.Process.HasExited -or [DateTime]::UtcNow -gt $deadline) {
                if ($OnFailure) { & $OnFailure }
                throw "$Description did not start (see $($Server.LogPath) and $($Server.LogPath).err)."
            }
            Start-Sleep -Milliseconds 100
        }
    }
}

function Stop-MotoServer {
    <#
    .SYNOPSIS
        Stops a server started by Start-MotoServer (SIGTERM, then kill after 5 s).
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, Position = 0)] $Server)

    $process = $Server.Process
    if ($process.HasExited -or -not $PSCmdlet.ShouldProcess("moto on port $($Server.Port)", 'Stop')) { return }
    if ($IsWindows) { $process.Kill($true) } else { & kill -TERM $process.Id 2>$null }
    if (-not $process.WaitForExit(5000)) { $process.Kill($true); $null = $process.WaitForExit(5000) }
}

function Reset-MotoServer {
    <#
    .SYNOPSIS
        Clears all of moto's state (POST /moto-api/reset).
    #>
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, Position = 0)][string] $Endpoint)

    if ($PSCmdlet.ShouldProcess($Endpoint, 'Reset')) {
        $null = Invoke-RestMethod -Method Post -Uri "$Endpoint/moto-api/reset"
    }
}

function Invoke-MotoApi {
    <#
    .SYNOPSIS
        Calls a Secrets Manager operation on moto directly over HTTP, independently of the module
        under test (moto routes by the Authorization header's region but does not check signatures).
    .EXAMPLE
        Invoke-MotoApi $endpoint GetSecretValue @{ SecretId = 'app/db' }
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)][string] $Endpoint,
        [Parameter(Mandatory, Position = 1)][string] $Operation,
        [Parameter(Position = 2)][hashtable] $Body = @{},
        [string] $Region = 'us-east-1'
    )
    $headers = @{
        'X-Amz-Target'  = "secretsmanager.$Operation"
        'Authorization' = "AWS4-HMAC-SHA256 Credential=test/20260101/$Region/secretsmanager/aws4_request, SignedHeaders=host, Signature=0"
    }
    Invoke-RestMethod -Method Post -Uri $Endpoint -Headers $headers -ContentType 'application/x-amz-json-1.1' `
        -Body ($Body | ConvertTo-Json -Depth 5 -Compress)
}

Export-ModuleMember -Function Install-MotoServer, Get-FreeTcpPort, Wait-MotoReady, Start-MotoServer, Stop-MotoServer, Reset-MotoServer, Invoke-MotoApi
