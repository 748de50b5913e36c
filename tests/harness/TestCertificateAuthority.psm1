#Requires -Version 7.4
<#
    A certificate authority made at run time for TLS on loopback (the tests' TLS stand-in and the
    benchmarks' nginx): a self-signed RSA-2048 CA and a server certificate it signs for 127.0.0.1 and
    localhost, RSA-2048 like the certificates AWS endpoints present. Made with the openssl command line,
    valid for two days, never trusted by anything but the processes that are told about it.
#>
Set-StrictMode -Version Latest

function New-TestCertificateAuthority {
    <#
    .SYNOPSIS
        Makes a test CA and a server certificate for 127.0.0.1/localhost in -Folder; returns their paths.
    .OUTPUTS
        CaFile (the CA certificate, PEM), ServerCertificate and ServerKey (PEM, for the server), Folder.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Folder)

    $openssl = Get-Command openssl -CommandType Application -ErrorAction Ignore | Select-Object -First 1 -ExpandProperty Source
    if (-not $openssl) { throw "openssl was not found: install it (Debian: 'apt-get install -y openssl')." }
    $null = New-Item -ItemType Directory -Force -Path $Folder
    $path = @{}
    foreach ($name in 'ca.pem', 'ca.key', 'server.pem', 'server.key', 'server.csr', 'server.ext') { $path[$name] = Join-Path $Folder $name }
    Set-Content -Path $path['server.ext'] -Value @(
        'subjectAltName = IP:127.0.0.1, DNS:localhost'
        'basicConstraints = critical, CA:FALSE'
        'keyUsage = critical, digitalSignature, keyEncipherment'
        'extendedKeyUsage = serverAuth'
    )
    $steps = @(
        , @('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=SecretsManager.Native test CA',
            '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
            '-keyout', $path['ca.key'], '-out', $path['ca.pem'])
        , @('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', $path['server.key'], '-out', $path['server.csr'])
        , @('x509', '-req', '-days', '2', '-in', $path['server.csr'], '-CA', $path['ca.pem'], '-CAkey', $path['ca.key'],
            '-set_serial', '1', '-extfile', $path['server.ext'], '-out', $path['server.pem'])
    )
    foreach ($arguments in $steps) {
        $output = & $openssl @arguments 2>&1
        if ($LASTEXITCODE) { throw "openssl $($arguments[0]) failed: $output" }
    }
    [pscustomobject]@{ CaFile = $path['ca.pem']; ServerCertificate = $path['server.pem']; ServerKey = $path['server.key']; Folder = $Folder }
}

Export-ModuleMember -Function New-TestCertificateAuthority
