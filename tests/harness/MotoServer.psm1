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
    param([string] $Venv = $script:DefaultVenv, [string] $LogFolder = [IO.Path]::GetTempPath(),
        # Where this server reports its signature checks, instead of $env:SMN_SIGV4_REPORT (the suite's report).
        [string] $SignatureReport)

    $Venv = Install-MotoServer -Venv $Venv
    $port = Get-FreeTcpPort
    $log = Join-Path $LogFolder "moto-$port.log"
    # verified_moto.py is moto_server, checking every request's signature when SMN_SIGV4_REPORT is set.
    $suiteReport = $env:SMN_SIGV4_REPORT
    if ($SignatureReport) { $env:SMN_SIGV4_REPORT = $SignatureReport }
    try {
        $process = Start-Process -FilePath (Get-VenvExecutable $Venv 'python') `
            -ArgumentList (Join-Path $PSScriptRoot 'verified_moto.py'), '-H', '127.0.0.1', '-p', $port `
            -RedirectStandardOutput $log -RedirectStandardError "$log.err" -PassThru
    } finally {
        $env:SMN_SIGV4_REPORT = $suiteReport
    }
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
        under test (moto routes by the Authorization header's region but does not check signatures; the
        harness's signature check, sigv4_verifier.py, lets the access key id 'harness' through unverified).
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
        'Authorization' = "AWS4-HMAC-SHA256 Credential=harness/20260101/$Region/secretsmanager/aws4_request, SignedHeaders=host, Signature=0"
    }
    Invoke-RestMethod -Method Post -Uri $Endpoint -Headers $headers -ContentType 'application/x-amz-json-1.1' `
        -Body ($Body | ConvertTo-Json -Depth 5 -Compress)
}

function Get-SignatureCheckSummary {
    <#
    .SYNOPSIS
        Sums the report of moto's signature check (sigv4_verifier.py, one JSON line per request): Passed is false
        when a signature did not verify, a key had no known secret, or the check never ran (every moto answers
        Wait-MotoReady's unsigned request first, so an active check always reports something). Text says it all.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $ReportPath)

    $records = @(if (Test-Path $ReportPath) { Get-Content $ReportPath | ConvertFrom-Json })
    $count = @{ verified = 0; mismatch = 0; unverifiable = 0; harness = 0; unsigned = 0 }
    foreach ($record in $records) { $count[$record.outcome]++ }
    $signed = $count.verified + $count.mismatch + $count.unverifiable
    $sessions = @($records | Where-Object { $_.outcome -eq 'verified' -and $_.detail }).Count
    $share = if ($signed) { $count.verified / $signed } else { 0 }
    $lines = @("Signature check (botocore SigV4): $($count.verified) of $signed signed requests verified " +
        "($($share.ToString('P1', [cultureinfo]::InvariantCulture))), $($count.mismatch) mismatched, " +
        "$($count.unverifiable) unverifiable; $sessions of the verified were signed with sessions moto's STS issued; " +
        "not checked: $($count.harness) harness calls, $($count.unsigned) unsigned (moto's API, web identity).")
    foreach ($record in @($records | Where-Object outcome -EQ 'mismatch' | Select-Object -First 10)) {
        $lines += "  MISMATCH key $($record.key) $($record.target): $($record.detail)"
    }
    $unknown = @($records | Where-Object outcome -EQ 'unverifiable' | ForEach-Object key | Sort-Object -Unique)
    if ($unknown) { $lines += "  no secret known for key ids (add them to tests/harness/sigv4_keys.txt): $($unknown -join ', ')" }
    if (-not $records) { $lines += "  the check did not run: no report at $ReportPath" }
    [pscustomobject]@{
        Passed = $records.Count -gt 0 -and $count.mismatch -eq 0 -and $count.unverifiable -eq 0
        Verified = $count.verified; Mismatched = $count.mismatch; Unverifiable = $count.unverifiable; Signed = $signed
        Text = $lines -join [Environment]::NewLine
    }
}

Export-ModuleMember -Function Get-SignatureCheckSummary, Install-MotoServer, Get-FreeTcpPort, Wait-MotoReady, Start-MotoServer, Stop-MotoServer, Reset-MotoServer, Invoke-MotoApi
