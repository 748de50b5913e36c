#Requires -Version 7.4
<#
    The fast fixed responder for the benchmarks: nginx on a free loopback port with its own config and
    prefix in a temporary folder, started and stopped by the bench (the system's nginx service is not used).
#>
Set-StrictMode -Version Latest

function Start-NginxResponder {
    <#
    .SYNOPSIS
        Starts nginx from nginx.conf.template on a free loopback port; returns Endpoint, Port, Process, Prefix.
    #>
    [CmdletBinding()]
    param()

    $nginx = Get-Command nginx -CommandType Application -ErrorAction Ignore |
        Select-Object -First 1 -ExpandProperty Source
    if (-not $nginx) {
        foreach ($candidate in '/usr/sbin/nginx', '/usr/local/sbin/nginx') { if (Test-Path $candidate) { $nginx = $candidate; break } }
    }
    if (-not $nginx) { throw "nginx was not found: install it (Debian: 'apt-get install -y nginx-light')." }

    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    try { $listener.Start(); $port = $listener.LocalEndpoint.Port } finally { $listener.Stop() }

    $prefix = Join-Path ([IO.Path]::GetTempPath()) "sm-bench-nginx-$port"
    $null = New-Item -ItemType Directory -Force -Path $prefix
    $config = (Get-Content -Raw (Join-Path $PSScriptRoot 'nginx.conf.template')).Replace('@PORT@', "$port").Replace('@PREFIX@', $prefix)
    $configPath = Join-Path $prefix 'nginx.conf'
    Set-Content -Path $configPath -Value $config -NoNewline

    $process = Start-Process -FilePath $nginx -ArgumentList '-p', $prefix, '-c', $configPath, '-e', (Join-Path $prefix 'error.log') `
        -RedirectStandardOutput (Join-Path $prefix 'stdout.log') -RedirectStandardError (Join-Path $prefix 'stderr.log') -PassThru
    $server = [pscustomobject]@{ Endpoint = "http://127.0.0.1:$port"; Port = $port; Process = $process; Prefix = $prefix; Path = $nginx }
    $deadline = [DateTime]::UtcNow.AddSeconds(10)
    while ($true) {
        try {
            $null = Invoke-WebRequest -Uri $server.Endpoint -Method Post -Body '{}' -TimeoutSec 2
            return $server
        } catch {
            if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) {
                Stop-NginxResponder $server
                throw "nginx did not start on port $port (see $prefix/error.log)."
            }
            Start-Sleep -Milliseconds 50
        }
    }
}

function Stop-NginxResponder {
    <#
    .SYNOPSIS
        Stops the nginx started by Start-NginxResponder and removes its temporary folder.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server)

    if (-not $Server.Process.HasExited) {
        $Server.Process.Kill()
        $null = $Server.Process.WaitForExit(5000)
    }
    Remove-Item -Recurse -Force $Server.Prefix -ErrorAction Ignore
}

Export-ModuleMember -Function Start-NginxResponder, Stop-NginxResponder
