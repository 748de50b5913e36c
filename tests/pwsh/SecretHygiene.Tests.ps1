Set-StrictMode -Version Latest

# A recognisable secret (as text, and as a SecureString emitted back by -Select ^SecretString) goes through failing calls and
# succeeding ones with -Verbose -Debug, and so do an access key, secret key, session token, proxy passwords and URL user
# info typed literally on the command line (which $AWSHistory's InvocationLine keeps), under
# Start-Transcript; every stream, the transcript, $Error (records, exceptions, inner exceptions) and
# $AWSHistory (only when the module defines it) are then searched: the secret must appear nowhere.
# The scenario runs in a fresh pwsh so that its transcript and $Error hold nothing else.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
}

Describe 'The secret never appears in any output' {
    BeforeAll {
        Reset-MotoServer $Endpoint
        $null = New-TestSecret 'hygiene/target'
        $null = New-TestSecret 'hygiene/secure'
        $null = New-TestSecret 'hygiene/typed'
        $secret = "SMN-HYGIENE-$([guid]::NewGuid().ToString('N'))"
        $work = Join-Path ([IO.Path]::GetTempPath()) "smn-hygiene-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory $work
        $transcript = Join-Path $work 'transcript.txt'
        $dump = Join-Path $work 'dump.txt'
        $scenario = Join-Path $work 'scenario.ps1'
        Set-Content $scenario @'
param($Module, $Endpoint, $Transcript, $Dump)
# From the environment, not the command line: the transcript header shows the command line.
$Secret = $env:SMN_HYGIENE_SECRET
Set-StrictMode -Version Latest
$Error.Clear()
Start-Transcript -Path $Transcript | Out-Null
Import-Module $Module
$connection = @{ Region = 'us-east-1'; EndpointUrl = $Endpoint; AccessKey = 'test'; SecretKey = 'test' }
if (Get-Command Set-AWSHistoryConfiguration -ErrorAction Ignore) { Set-AWSHistoryConfiguration -RecordServiceRequests }
$listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $listener.Start()
$closedPort = $listener.LocalEndpoint.Port; $listener.Stop()
$streams = & {
    # A marker per failing call, so the test can tell that each one ran and failed as expected.
    try { Write-SECSecretValue -SecretId 'hygiene/missing' -SecretString $Secret -Verbose -Debug @connection } catch { $_; "TEXT-MISSING-FAILED=$($_.Exception.Message -match "can't find the specified secret")" }
    try { Write-SECSecretValue -SecretId 'hygiene/target' -SecretString $Secret -Verbose -Debug -Region us-east-1 -AccessKey test -SecretKey test -EndpointUrl "http://127.0.0.1:$closedPort" } catch { $_ }
    try { Write-SECSecretValue -SecretId 'hygiene/target' -SecretString ($Secret + "`u{D800}") -Verbose -Debug @connection } catch { $_ }
    $secure = ConvertTo-SecureString $Secret -AsPlainText -Force
    try { Write-SECSecretValue -SecretId 'hygiene/missing' -SecretString $secure -Verbose -Debug @connection } catch { $_; "SECURE-MISSING-FAILED=$($_.Exception.Message -match "can't find the specified secret")" }
    Write-SECSecretValue -SecretId 'hygiene/secure' -SecretString $secure -Select '^SecretString' -Verbose -Debug @connection
    Write-SECSecretValue -SecretId 'hygiene/target' -SecretString $Secret -Verbose -Debug @connection
} *>&1 | Out-String -Width 4096
# Keys, token, proxy passwords and URL user info typed literally (as $AWSHistory's InvocationLine keeps the line).
# PowerShell's own view of an error quotes the script line the user typed, so an error record is shown here as what
# the module put in it: ids, category, details, target and the exception chain.
$typedStreams = & {
    $typed = Write-SECSecretValue -SecretId 'hygiene/typed' -SecretString 'TypedSecretString-0001' -AccessKey AKIDTYPEDHYGIENE0001 -SecretKey 'TypedSecretKey/Hygiene+0001' -SessionToken 'TypedSessionToken-0001' -Region us-east-1 -EndpointUrl $Endpoint -Verbose -Debug
    "TYPED-WRITTEN=$($typed.Name)"
    try { Write-SECSecretValue 'TypedSecretString-0001' -SecretId 'hygiene/typed' -AK AKIDTYPEDHYGIENE0001 -SK:'TypedSecretKey/Hygiene+0001' -EndpointUrl "http://typeduser:TypedUrlPassword-0001@127.0.0.1:$closedPort" -Region us-east-1 -Verbose -Debug } catch { $_; "URL-FAILED=$($_.Exception.Message -match '\*\*\*@127')" }
    Set-AWSProxy -Hostname 127.0.0.1 -Port $closedPort -Username typedproxyuser -Password 'TypedProxyPassword-0001'
    try { Write-SECSecretValue -SecretId 'hygiene/typed' -SecretString 'TypedSecretString-0001' -Verbose -Debug @connection } catch { $_; "SHELL-PROXY-FAILED=$($_.FullyQualifiedErrorId -like 'System.Net.Http.HttpRequestException,*')" }
    Clear-AWSProxy
    try { Write-SECSecretValue -SecretId 'hygiene/typed' -SecretString 'TypedSecretString-0001' -ClientConfig @{ ProxyHost = '127.0.0.1'; ProxyPort = $closedPort; ProxyCredentials = [pscredential]::new('typedproxyuser', (ConvertTo-SecureString 'TypedProxyPassword-0002' -AsPlainText -Force)) } -Verbose -Debug @connection } catch { $_; "CONFIG-PROXY-FAILED=$($_.FullyQualifiedErrorId -like 'System.Net.Http.HttpRequestException,*')" }
} *>&1 | ForEach-Object {
    if ($_ -isnot [Management.Automation.ErrorRecord]) { return $_ }
    "ERROR $($_.FullyQualifiedErrorId) $($_.CategoryInfo) $($_.ErrorDetails) $($_.TargetObject)"
    for ($exception = $_.Exception; $exception; $exception = $exception.InnerException) {
        $exception.ToString(); $exception | Format-List * -Force | Out-String -Width 4096
    }
} | Out-String -Width 4096
$streams += $typedStreams
$streams | Out-Host   # into the transcript and the console as well
Stop-Transcript | Out-Null
$text = [Text.StringBuilder]::new()
$null = $text.AppendLine($streams)
foreach ($record in $Error) {
    $null = $text.AppendLine(($record | Format-List * -Force | Out-String -Width 4096))
    $exception = if ($record -is [Management.Automation.ErrorRecord]) { $record.Exception } else { $record }
    while ($exception) {
        $null = $text.AppendLine($exception.ToString())
        $null = $text.AppendLine(($exception | Format-List * -Force | Out-String -Width 4096))
        $exception = $exception.InnerException
    }
}
$history = Get-Variable AWSHistory -ErrorAction Ignore
if ($history) { $null = $text.AppendLine(($history.Value | ConvertTo-Json -Depth 8)) }
$null = $text.AppendLine("ERRORS=$($Error.Count) HISTORY=$([bool]$history)")
Set-Content -Path $Dump -Value $text.ToString()
'@
        $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        $env:SMN_HYGIENE_SECRET = $secret
        $output = & $pwsh -NoProfile -NonInteractive -File $scenario -Module (Join-Path $env:SMN_TEST_MODULE 'SecretsManager.Native.psd1') `
            -Endpoint $Endpoint -Transcript $transcript -Dump $dump 2>&1 | Out-String
        $env:SMN_HYGIENE_SECRET = $null
    }
    AfterAll { Remove-Item -Recurse -Force $work -ErrorAction Ignore }

    It 'the scenario really ran: the secret was written, and errors and messages were recorded' {
        (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'hygiene/target' }).SecretString | Should -BeExactly $secret
        (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'hygiene/secure' }).SecretString | Should -BeExactly $secret
        Get-Content -Raw $dump | Should -Match 'ERRORS=([4-9]|\d{2,})'
        Get-Content -Raw $dump | Should -Match 'TEXT-MISSING-FAILED=True'
        Get-Content -Raw $dump | Should -Match 'SECURE-MISSING-FAILED=True'
        Get-Content -Raw $transcript | Should -Match 'Credentials obtained from'
        Get-Content -Raw $dump | Should -Match 'TYPED-WRITTEN=hygiene/typed'
        Get-Content -Raw $dump | Should -Match 'URL-FAILED=True'
        Get-Content -Raw $dump | Should -Match 'SHELL-PROXY-FAILED=True'
        Get-Content -Raw $dump | Should -Match 'CONFIG-PROXY-FAILED=True'
        if (Get-Command Set-AWSHistoryConfiguration -ErrorAction Ignore) {
            # History recorded the requests (without -IncludeSensitiveData), so $AWSHistory was searched too.
            Get-Content -Raw $dump | Should -Match 'HISTORY=True'
            Get-Content -Raw $dump | Should -Match 'hygiene/target'
            # ... and the invocation lines it keeps, with what was typed masked.
            Get-Content -Raw $dump | Should -Match '"InvocationLine": ".*-SecretKey \*\*\*'
        }
    }

    It 'is not in <Place>' -ForEach @(
        @{ Place = 'the console output of the process'; Source = 'output' }
        @{ Place = 'the transcript'; Source = 'transcript' }
        @{ Place = 'any stream, $Error or $AWSHistory'; Source = 'dump' }
    ) {
        $text = switch ($Source) {
            'output' { $output }
            'transcript' { Get-Content -Raw $transcript }
            'dump' { Get-Content -Raw $dump }
        }
        $text | Should -Not -BeNullOrEmpty
        $text | Should -Not -Match ([regex]::Escape($secret))
        # Nor a fragment long enough to be recognised (for example a truncated echo).
        $text | Should -Not -Match ([regex]::Escape($secret.Substring(12, 16)))
        foreach ($typed in 'TypedSecretString-0001', 'AKIDTYPEDHYGIENE0001', 'TypedSecretKey/Hygiene+0001', 'TypedSessionToken-0001',
            'TypedProxyPassword-0001', 'TypedProxyPassword-0002', 'typeduser:TypedUrlPassword-0001', 'TypedUrlPassword-0001') {
            $text | Should -Not -Match ([regex]::Escape($typed)) -Because "'$typed' was typed on the command line"
        }
    }
}
