#Requires -Version 7.4
<#
    The fast fixed responder for the benchmarks: nginx on free loopback ports (plain http, TLS with kept
    connections, TLS closing each connection after one answer) with its own config, test CA and prefix in a
    temporary folder, started and stopped by the bench (the system's nginx service is not used).
#>
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot '..' 'tests' 'harness' 'TestCertificateAuthority.psm1')

function Start-NginxResponder {
    <#
    .SYNOPSIS
        Starts nginx from nginx.conf.template on free loopback ports.
    .OUTPUTS
        Endpoint (http://), HttpsEndpoint (TLS, kept connections), FreshHttpsEndpoint (TLS, the server closes
        each connection after its answer), CaFile (the test CA that signed the TLS certificate), Process, Prefix.
    #>
    [CmdletBinding()]
    param()

    $nginx = Get-Command nginx -CommandType Application -ErrorAction Ignore |
        Select-Object -First 1 -ExpandProperty Source
    if (-not $nginx) {
        foreach ($candidate in '/usr/sbin/nginx', '/usr/local/sbin/nginx') { if (Test-Path $candidate) { $nginx = $candidate; break } }
    }
    if (-not $nginx) { throw "nginx was not found: install it (Debian: 'apt-get install -y nginx-light')." }

    # Three free ports, held together so that they differ.
    $listeners = 1..3 | ForEach-Object { [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0) }
    try { $ports = foreach ($listener in $listeners) { $listener.Start(); $listener.LocalEndpoint.Port } } finally { $listeners.Stop() }
    $port, $tlsPort, $freshPort = $ports

    $prefix = Join-Path ([IO.Path]::GetTempPath()) "sm-bench-nginx-$port"
    $null = New-Item -ItemType Directory -Force -Path $prefix
    $authority = New-TestCertificateAuthority -Folder (Join-Path $prefix 'tls')
    $config = (Get-Content -Raw (Join-Path $PSScriptRoot 'nginx.conf.template')).Replace('@PORT@', "$port").
        Replace('@TLS_PORT@', "$tlsPort").Replace('@FRESH_TLS_PORT@', "$freshPort").Replace('@PREFIX@', $prefix).
        Replace('@CERT@', $authority.ServerCertificate).Replace('@KEY@', $authority.ServerKey)
    $configPath = Join-Path $prefix 'nginx.conf'
    Set-Content -Path $configPath -Value $config -NoNewline

    $process = Start-Process -FilePath $nginx -ArgumentList '-p', $prefix, '-c', $configPath, '-e', (Join-Path $prefix 'error.log') `
        -RedirectStandardOutput (Join-Path $prefix 'stdout.log') -RedirectStandardError (Join-Path $prefix 'stderr.log') -PassThru
    $server = [pscustomobject]@{
        Endpoint = "http://127.0.0.1:$port"; HttpsEndpoint = "https://127.0.0.1:$tlsPort"; FreshHttpsEndpoint = "https://127.0.0.1:$freshPort"
        CaFile = $authority.CaFile; Port = $port; Process = $process; Prefix = $prefix; Path = $nginx
    }
    $deadline = [DateTime]::UtcNow.AddSeconds(10)
    while ($true) {
        try {
            # The TLS listeners are up once the plain one answers (one worker opens them all); this pwsh does not
            # trust the test CA, so they are not asked.
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
        Stops the nginx started by Start-NginxResponder and removes its temporary folder (and test CA).
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
