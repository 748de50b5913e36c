Set-StrictMode -Version Latest

# HTTPS endpoints are trusted as AWS Tools (.NET on Linux) trusts them: the system's roots, the file named by
# SSL_CERT_FILE and the directories named by SSL_CERT_DIR, read from the environment the pwsh process started
# with. So each call runs in a child pwsh started with those variables (setting $env: inside a session changes
# neither AWS Tools' nor our trust store, both loaded once per process). The server is stand_in.py over TLS with
# a certificate of a CA made for this suite, forwarding to moto; nothing else trusts that CA.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    Import-Module (Join-Path $PSScriptRoot '..' 'harness' 'TestCertificateAuthority.psm1')
    $folder = Join-Path ([IO.Path]::GetTempPath()) "smn-tls-$PID"
    $authority = New-TestCertificateAuthority -Folder (Join-Path $folder 'ca')
    $caDirectory = Join-Path $folder 'ca-dir'
    $null = New-Item -ItemType Directory -Force -Path $caDirectory
    Copy-Item $authority.CaFile (Join-Path $caDirectory 'test-ca.pem')
    $standIn = Start-StandIn -Upstream $Endpoint -TlsAuthority $authority
    $manifest = Join-Path $env:SMN_TEST_MODULE 'SecretsManager.Native.psd1'
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

    # Writes -Value to tls/secret in a child pwsh whose environment has only the given trust variables; returns
    # the response's VersionId, or the error record's ErrorId, inner exception type, category and message.
    function Invoke-ChildWrite([string] $Value, [hashtable] $Trust = @{}) {
        $script = @'
param($Manifest, $Endpoint, $Value)
Import-Module $Manifest
try {
    $response = Write-SECSecretValue -SecretId tls/secret -SecretString $Value -EndpointUrl $Endpoint -Region us-east-1 -AccessKey test -SecretKey test
    [pscustomobject]@{ VersionId = $response.VersionId } | ConvertTo-Json -Compress
} catch {
    [pscustomobject]@{ ErrorId = $_.FullyQualifiedErrorId; Inner = $_.Exception.InnerException.GetType().FullName; Category = "$($_.CategoryInfo.Category)"; Message = $_.Exception.Message } | ConvertTo-Json -Compress
}
'@
        $saved = @{}
        foreach ($name in 'SSL_CERT_FILE', 'SSL_CERT_DIR') {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $Trust[$name])
        }
        try {
            $output = & $pwsh -NoProfile -NonInteractive -Command ([scriptblock]::Create($script)) -args $manifest, $standIn.Endpoint, $Value
        } finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
        @($output)[-1] | ConvertFrom-Json
    }
}

AfterAll {
    if (Get-Variable standIn -ErrorAction Ignore) { Stop-StandIn $standIn }
    if (Get-Variable folder -ErrorAction Ignore) { Remove-Item -Recurse -Force $folder -ErrorAction Ignore }
}

Describe 'An https:// endpoint' {
    BeforeEach {
        Reset-MotoServer $Endpoint
        $null = New-TestSecret 'tls/secret'
    }

    It 'is trusted when its CA is named by SSL_CERT_FILE alone' {
        $result = Invoke-ChildWrite 'via-ssl-cert-file' @{ SSL_CERT_FILE = $authority.CaFile }

        $result.PSObject.Properties.Name | Should -Not -Contain 'Message'
        $result.VersionId | Should -Not -BeNullOrEmpty
        (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'tls/secret' }).SecretString | Should -BeExactly 'via-ssl-cert-file'
    }

    It 'is trusted when its CA is in a directory named by SSL_CERT_DIR alone' {
        $result = Invoke-ChildWrite 'via-ssl-cert-dir' @{ SSL_CERT_DIR = $caDirectory }

        $result.PSObject.Properties.Name | Should -Not -Contain 'Message'
        (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'tls/secret' }).SecretString | Should -BeExactly 'via-ssl-cert-dir'
    }

    It 'is refused with a clear error when its CA is not trusted, and nothing is written' {
        $result = Invoke-ChildWrite 'never-sent'

        # As AWS Tools on PowerShell 7 reports an endpoint it cannot reach (docs/compatibility.md §4).
        $result.ErrorId | Should -BeLike 'System.Net.Http.HttpRequestException,*'
        $result.Inner | Should -Be 'System.Net.Http.HttpRequestException'
        $result.Category | Should -Be 'InvalidOperation'
        $result.Message | Should -Match ([regex]::Escape($standIn.Endpoint))
        $result.Message | Should -Match 'certificate'
        $result.Message | Should -Match 'SSL_CERT_FILE'
        (Invoke-MotoApi $Endpoint DescribeSecret @{ SecretId = 'tls/secret' }).PSObject.Properties['VersionIdsToStages']?.Value | Should -BeNullOrEmpty
    }
}
