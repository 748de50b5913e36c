#Requires -Version 7.4
<#
.SYNOPSIS
    Runs every benchmark of SecretsManager.Native side by side in one run and writes BENCHMARKS.md.

.DESCRIPTION
    Called by `pwsh ./build.ps1 Bench` after the module and the bench binary are built. Starts nginx (a fast
    fixed responder: plain http, HTTPS with kept connections, HTTPS closing each connection) and moto on
    loopback, measures per-call cost against the peers, cold start, memory, size and parallel throughput,
    stops both servers, and writes the tables with median, min and max over the rounds. Every peer trusts
    nginx's test CA through the standard variables (SSL_CERT_FILE; AWS_CA_BUNDLE for botocore). Peers run interleaved within each round, so machine noise spreads over all of them alike;
    the ratios are what to compare, absolute times drift with the load.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $BenchBinary,
    [Parameter(Mandatory)] [string] $OutFile,
    [int] $Rounds = 5,
    [int] $Calls = 1000,
    # Calls per run against the HTTPS listener that closes every connection (each call pays a handshake).
    [int] $FreshCalls = 200,
    [int] $MotoRounds = 3,
    [int] $CliCalls = 5,
    [int] $ColdRuns = 8,
    # Calls of each peer before the after-tier-up comparison: tier-up of the cmdlet's path ends around
    # 12,000-20,000 calls (bench/analysis.md, "At steady state, by thread"), so 8,000 measured it unfinished.
    [int] $SteadyWarmup = 25000,
    # Runs of the after-tier-up comparison per endpoint: its ratio moves from run to run on this VM (see
    # bench/analysis.md, "After tier-up"), so the verdict is the median of this many.
    [int] $SteadyRuns = 5
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Root = Split-Path $PSScriptRoot
$Peers = Join-Path $PSScriptRoot 'peers'
$Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$Venv = Join-Path $Root 'tests' '.venv-bench'
$Python = Join-Path $Venv 'bin' 'python'
$AwsCli = Join-Path $Venv 'bin' 'aws'
Import-Module (Join-Path $PSScriptRoot 'NginxResponder.psm1') -Force
Import-Module (Join-Path $Root 'tests' 'harness' 'MotoServer.psm1') -Force
Import-Module (Join-Path $Root 'tests' 'harness' 'StandIn.psm1') -Force

function Install-BenchVenv {
    # boto3 and the AWS CLI, pinned, in their own venv (gitignored); reinstalled only when the pins change.
    $requirements = Join-Path $PSScriptRoot 'requirements.txt'
    $stamp = Join-Path $Venv 'requirements.installed'
    $wanted = Get-Content -Raw $requirements
    if ((Test-Path $stamp) -and (Get-Content -Raw $stamp) -eq $wanted) { return }
    & python3 -m venv $Venv
    if ($LASTEXITCODE) { throw "python3 -m venv $Venv failed." }
    & $Python -m pip install --quiet --disable-pip-version-check -r $requirements
    if ($LASTEXITCODE) { throw "pip install -r $requirements failed." }
    Set-Content -Path $stamp -Value $wanted -NoNewline
}

function Expand-DotNetSdk {
    # The AWS SDK for .NET v4 from the toolchain's offline NuGet feed (or the NuGet cache), net8.0 assemblies.
    $feeds = @($env:SM_BENCH_NUGET_FEED, (Join-Path $PSHOME '..' 'feed'), (Join-Path $HOME '.nuget' 'packages')) | Where-Object { $_ }
    $target = Join-Path ([IO.Path]::GetTempPath()) 'sm-bench-awssdk'
    $null = New-Item -ItemType Directory -Force -Path $target
    $versions = [ordered]@{}
    foreach ($package in 'AWSSDK.Core', 'AWSSDK.SimpleSystemsManagement') {
        $nupkg = $feeds | ForEach-Object { Get-ChildItem -Path $_ -Recurse -Filter "$($package.ToLowerInvariant()).*.nupkg" -ErrorAction Ignore } |
            Sort-Object Name -Descending | Select-Object -First 1
        if (-not $nupkg) { throw "$package was not found in $($feeds -join ', ') (set SM_BENCH_NUGET_FEED)." }
        $versions[$package] = $nupkg.Name -replace "^$([regex]::Escape($package.ToLowerInvariant()))\.", '' -replace '\.nupkg$', ''
        $zip = [IO.Compression.ZipFile]::OpenRead($nupkg.FullName)
        try {
            $entry = $zip.GetEntry("lib/net8.0/$package.dll")
            [IO.Compression.ZipFileExtensions]::ExtractToFile($entry, (Join-Path $target "$package.dll"), $true)
        } finally { $zip.Dispose() }
    }
    [pscustomobject]@{ Folder = $target; Versions = $versions }
}

function Invoke-Json {
    # Runs a native command that prints one JSON line last; returns it parsed.
    $command, $arguments = $args
    $output = & $command @arguments
    if ($LASTEXITCODE) { throw "'$command $arguments' failed with exit code $LASTEXITCODE." }
    @($output)[-1] | ConvertFrom-Json
}

function Get-Statistic([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $n = $sorted.Count
    $median = if ($n % 2) { $sorted[[int][math]::Floor($n / 2)] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
    [pscustomobject]@{ Median = $median; Min = $sorted[0]; Max = $sorted[-1]; Runs = $n }
}

function Format-Millisecond([double] $Value) { if ($Value -ge 100) { '{0:N0}' -f $Value } elseif ($Value -ge 1) { '{0:N2}' -f $Value } else { '{0:N3}' -f $Value } }

function Measure-ColdStart([System.Collections.Specialized.OrderedDictionary] $Commands, [int] $Runs) {
    # Each round starts every command once, in an order rotated by one per round, so load changes on this
    # shared machine hit all rows alike (hyperfine runs one command's runs back to back). Round 0 is the
    # warm-up. Per run: wall ms (Stopwatch around the process) and peak RSS MiB (GNU time's %M, same process).
    # The ratio to the first command is the median of the per-round ratios.
    $names = @($Commands.Keys)
    $wall = @{}; $peak = @{}
    foreach ($name in $names) { $wall[$name] = [Collections.Generic.List[double]]::new(); $peak[$name] = [Collections.Generic.List[double]]::new() }
    foreach ($round in 0..$Runs) {
        for ($k = 0; $k -lt $names.Count; $k++) {
            $name = $names[($k + $round) % $names.Count]
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $out = & /usr/bin/time -f 'PEAK %M' $Pwsh -NoProfile -NonInteractive -Command $Commands[$name] 2>&1
            $ms = $watch.Elapsed.TotalMilliseconds
            if ($LASTEXITCODE) { throw "Cold start '$name' failed: $out" }
            if ($round -eq 0) { continue }
            $wall[$name].Add($ms)
            $peak[$name].Add([double](($out | Where-Object { "$_" -like 'PEAK *' } | Select-Object -Last 1) -replace '\D', '') / 1024)
        }
    }
    $base = $wall[$names[0]]
    foreach ($name in $names) {
        $w = $wall[$name]
        [pscustomobject]@{
            Name  = $name
            Wall  = Get-Statistic $w
            Ratio = (Get-Statistic @(for ($i = 0; $i -lt $w.Count; $i++) { $w[$i] / $base[$i] })).Median
            Peak  = Get-Statistic $peak[$name]
        }
    }
}

$machine = [ordered]@{
    Date      = [DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm') + ' UTC'
    Cpu       = ((Get-Content /proc/cpuinfo | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -replace '^[^:]*:\s*', '')
    Cores     = [Environment]::ProcessorCount
    MemoryGiB = [math]::Round([double]((Get-Content /proc/meminfo -TotalCount 1) -replace '\D', '') / 1MB, 1)
    Kernel    = (uname -r)
    LoadStart = (Get-Content /proc/loadavg)
}

Write-Host 'Preparing peers (bench venv, AWS SDK for .NET) ...'
Install-BenchVenv
$sdk = Expand-DotNetSdk
$versions = [ordered]@{
    'SecretsManager.Native' = (Import-PowerShellDataFile (Get-ChildItem $ModulePath -Filter *.psd1 | Select-Object -First 1).FullName).ModuleVersion
    'PowerShell'            = $PSVersionTable.PSVersion.ToString()
    '.NET'                  = [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
    'rustc'                 = (rustc --version)
    'AWS SDK for .NET'      = "AWSSDK.Core $($sdk.Versions['AWSSDK.Core']), AWSSDK.SimpleSystemsManagement $($sdk.Versions['AWSSDK.SimpleSystemsManagement'])"
    'Python'                = (& $Python --version)
    'boto3'                 = (& $Python -c 'import boto3, botocore; print(boto3.__version__, "/ botocore", botocore.__version__)')
    'AWS CLI'               = ((& $AwsCli --version 2>&1) -join ' ')
    'nginx'                 = ((& (Get-Command nginx, /usr/sbin/nginx -ErrorAction Ignore | Select-Object -First 1).Source -v 2>&1) -join ' ') -replace '^nginx version:\s*', ''
    'moto'                  = (Get-Content (Join-Path $Root 'tests' 'harness' 'requirements.txt') | Where-Object { $_ -match '^moto' })
}

$env:AWS_ACCESS_KEY_ID = 'testing'; $env:AWS_SECRET_ACCESS_KEY = 'testing'; $env:AWS_DEFAULT_REGION = 'us-east-1'
$env:AWS_EC2_METADATA_DISABLED = 'true'; $env:AWS_CONFIG_FILE = '/dev/null'; $env:AWS_SHARED_CREDENTIALS_FILE = '/dev/null'

$nginx = Start-NginxResponder
$moto = Start-MotoServer
# Every peer trusts nginx's test CA as a user behind a TLS-inspecting proxy trusts a corporate CA: a bundle of
# the system's roots plus that CA, named by the standard variables, so each peer loads a full-size root store.
# SSL_CERT_FILE: .NET on Linux (its OpenSSL-backed root store) and rustls on our side; AWS_CA_BUNDLE: botocore and
# the AWS CLI, which otherwise trust only certifi's bundle and ignore SSL_CERT_FILE/SSL_CERT_DIR.
$systemBundle = '/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem' |
    Where-Object { Test-Path $_ } | Select-Object -First 1
$trustBundle = Join-Path $nginx.Prefix 'trust-bundle.pem'
Set-Content -Path $trustBundle -Value (@($systemBundle | Where-Object { $_ } | ForEach-Object { Get-Content -Raw $_ }) + (Get-Content -Raw $nginx.CaFile)) -NoNewline
$env:SSL_CERT_FILE = $trustBundle
$env:AWS_CA_BUNDLE = $trustBundle
try {
    # Per endpoint: the URL, rounds and calls per run, and whether the raw loop and the AWS CLI run against it.
    $endpoints = [ordered]@{
        'nginx'             = @{ Url = $nginx.Endpoint; Rounds = $Rounds; Calls = $Calls; Raw = $true; Cli = $true }
        'nginx https'       = @{ Url = $nginx.HttpsEndpoint; Rounds = $Rounds; Calls = $Calls; Raw = $true; Cli = $true }
        # The AWS CLI opens a new connection for every call anyway: its row is the one against 'nginx https'.
        'nginx https fresh' = @{ Url = $nginx.FreshHttpsEndpoint; Rounds = $Rounds; Calls = $FreshCalls; Raw = $true; Cli = $false }
        'moto'              = @{ Url = $moto.Endpoint; Rounds = $MotoRounds; Calls = $Calls; Raw = $false; Cli = $true }
    }
    $commands = [ordered]@{}

    # --- Per call: every peer, interleaved within each round -------------------------------------------------
    $peerCommands = [ordered]@{
        'Write-SECSecretValue (this module)'     = { param($e, $n) @($Pwsh, '-NoProfile', '-NonInteractive', '-File', (Join-Path $Peers 'Cmdlet.ps1'), '-ModulePath', $ModulePath, '-Endpoint', $e, '-Calls', $n) }
        'Write-SECSecretValue -ProfileName (keys from a profile file)' = { param($e, $n) @($Pwsh, '-NoProfile', '-NonInteractive', '-File', (Join-Path $Peers 'Cmdlet.ps1'), '-ModulePath', $ModulePath, '-Endpoint', $e, '-Calls', $n, '-ProfileName') }
        'Rust core alone (bench binary)'         = { param($e, $n) @($BenchBinary, 'core', $e, $n) }
        'AWS SDK for .NET v4 from pwsh (SSM PutParameter stand-in)' = { param($e, $n) @($Pwsh, '-NoProfile', '-NonInteractive', '-File', (Join-Path $Peers 'DotNetSdk.ps1'), '-SdkFolder', $sdk.Folder, '-Endpoint', $e, '-Calls', $n) }
        'boto3 (one Python process)'             = { param($e, $n) @($Python, (Join-Path $Peers 'boto3_loop.py'), $e, $n) }
        # Plain TCP for http://, rustls for https:// (a new connection whenever the server closed the last one).
        'Raw keep-alive HTTP POST loop (Rust, no SDK)' = { param($e, $n) @($BenchBinary, 'raw', $e, $n) }
    }
    $perCall = [ordered]@{}
    foreach ($endpointName in $endpoints.Keys) {
        $endpoint = $endpoints[$endpointName]
        $results = [ordered]@{}
        foreach ($name in $peerCommands.Keys) { $results[$name] = [Collections.Generic.List[object]]::new() }
        foreach ($round in 1..$endpoint.Rounds) {
            if ($endpointName -eq 'moto') {
                Reset-MotoServer $moto.Endpoint
                $null = Invoke-MotoApi $moto.Endpoint CreateSecret @{ Name = 'bench/secret'; SecretString = 'initial' }
            }
            foreach ($name in $peerCommands.Keys) {
                if ($name -like 'Raw*' -and -not $endpoint.Raw) { continue }
                Write-Host "[$endpointName round $round/$($endpoint.Rounds)] $name"
                $command = & $peerCommands[$name] $endpoint.Url $endpoint.Calls
                $commands["$name"] = ($command -join ' ') -replace [regex]::Escape($endpoint.Url), '<endpoint>' -replace [regex]::Escape($Root + [IO.Path]::DirectorySeparatorChar), ''
                $results[$name].Add((Invoke-Json @command))
            }
        }
        if ($endpoint.Cli) {
            # The AWS CLI: one process per call, so far fewer calls.
            $cli = 'AWS CLI (one process per call)'
            $results[$cli] = [Collections.Generic.List[object]]::new()
            foreach ($round in 1..[math]::Min($endpoint.Rounds, 3)) {
                Write-Host "[$endpointName CLI round $round] $CliCalls calls"
                $watch = [Diagnostics.Stopwatch]::StartNew()
                foreach ($i in 1..$CliCalls) {
                    $null = & $AwsCli secretsmanager put-secret-value --endpoint-url $endpoint.Url --secret-id bench/secret --secret-string bench-value
                    if ($LASTEXITCODE) { throw "aws secretsmanager put-secret-value failed ($LASTEXITCODE)." }
                }
                $results[$cli].Add([pscustomobject]@{ first_ms = [double]::NaN; per_call_ms = $watch.Elapsed.TotalMilliseconds / $CliCalls })
            }
            $commands[$cli] = "tests/.venv-bench/bin/aws secretsmanager put-secret-value --endpoint-url <endpoint> --secret-id bench/secret --secret-string bench-value  (x$CliCalls, one process each)"
        }
        $perCall[$endpointName] = $results
    }

    # --- Role profile: credentials cached per identity --------------------------------------------------------
    # STS is moto's, behind the harness's recording proxy, which counts the AssumeRole calls; writes go to nginx.
    Write-Host "Role profile: $Calls writes each, alternating with static keys (3 runs) ..."
    $sts = Start-StandIn -Upstream $moto.Endpoint
    try {
        $roleRuns = foreach ($i in 1..3) { Invoke-Json $Pwsh -NoProfile -NonInteractive -File (Join-Path $Peers 'RoleProfile.ps1') -ModulePath $ModulePath -Endpoint $nginx.Endpoint -StsEndpoint $sts.Endpoint -Calls $Calls }
    } finally {
        Stop-StandIn $sts
    }
    $commands['Role profile (x3)'] = "pwsh -NoProfile -File bench/peers/RoleProfile.ps1 -ModulePath <module> -Endpoint <endpoint> -StsEndpoint <tests/harness/stand_in.py in front of moto> -Calls $Calls"

    # --- Per call after tier-up: one pwsh alternating batches of both after long warm-ups -----------------------
    $compare = Join-Path $PSScriptRoot 'phases' 'Compare-WithDotNetSdk.ps1'
    $steady = [ordered]@{}
    foreach ($endpointName in 'nginx', 'nginx https') {
        Write-Host "Per call after tier-up against $endpointName (one pwsh, alternating with the .NET SDK) ..."
        $steady[$endpointName] = foreach ($i in 1..$SteadyRuns) { Invoke-Json $Pwsh -NoProfile -NonInteractive -File $compare -ModulePath $ModulePath -SdkFolder $sdk.Folder -Endpoint $endpoints[$endpointName].Url -Warmup $SteadyWarmup -Json }
    }
    $commands["Per call after tier-up (x$SteadyRuns)"] = "pwsh -NoProfile -File bench/phases/Compare-WithDotNetSdk.ps1 -ModulePath <module> -SdkFolder <AWSSDK dlls> -Endpoint <endpoint> -Warmup $SteadyWarmup -Json"

    # --- Cold start ---------------------------------------------------------------------------------------
    Write-Host 'Cold start (interleaved rounds) ...'
    $manifest = (Get-ChildItem $ModulePath -Filter *.psd1 | Select-Object -First 1).FullName
    $call = { param($e) "Write-SECSecretValue -SecretId bench/secret -SecretString v -EndpointUrl $e -Region us-east-1 -AccessKey testing -SecretKey testing" }
    $sdkCold = { param($e) "`$null=[Reflection.Assembly]::LoadFrom('$($sdk.Folder)/AWSSDK.Core.dll'); `$null=[Reflection.Assembly]::LoadFrom('$($sdk.Folder)/AWSSDK.SimpleSystemsManagement.dll'); `$c=[Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementConfig]::new(); `$c.ServiceURL='$e'; `$c.AuthenticationRegion='us-east-1'; `$r=[Amazon.SimpleSystemsManagement.Model.PutParameterRequest]::new(); `$r.Name='/b'; `$r.Value='v'; `$null=[Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementClient]::new([Amazon.Runtime.BasicAWSCredentials]::new('testing','testing'), `$c).PutParameterAsync(`$r).GetAwaiter().GetResult()" }
    # Floors: importing any module at all, and then calling any compiled cmdlet, costs a fresh pwsh this much
    # (PowerShell's module and binding machinery is JIT-compiled on first use); an empty manifest module shows it.
    $emptyModule = Join-Path ([IO.Path]::GetTempPath()) 'sm-bench-empty/Empty.psd1'
    $null = New-Item -ItemType Directory -Force -Path (Split-Path $emptyModule)
    Set-Content -Path (Join-Path (Split-Path $emptyModule) 'Empty.psm1') -Value ''
    Set-Content -Path $emptyModule -Value "@{ RootModule = 'Empty.psm1'; ModuleVersion = '1.0'; GUID = '5b0bb1f4-8a1e-4c55-9d7e-1b0a44d2e7a1'; FunctionsToExport = @(); CmdletsToExport = @() }"
    $cold = [ordered]@{
        'bare pwsh (exit)'                          = 'exit'
        'floor: Import-Module of an empty module'   = "Import-Module '$emptyModule'"
        'floor: empty module + 1 built-in cmdlet call' = "Import-Module '$emptyModule'; `$null = Get-Variable -Name PSHOME"
        'Import-Module only'                        = "Import-Module '$manifest'"
        'Import-Module + first Write-SECSecretValue' = "Import-Module '$manifest'; `$null = $(& $call $nginx.Endpoint)"
        'AWS SDK for .NET: load + client + 1 call (peer)' = & $sdkCold $nginx.Endpoint
        # Over HTTPS the first call also loads the root store and makes a full TLS handshake.
        'Import-Module + first Write-SECSecretValue over HTTPS' = "Import-Module '$manifest'; `$null = $(& $call $nginx.HttpsEndpoint)"
        'AWS SDK for .NET: load + client + 1 call over HTTPS (peer)' = & $sdkCold $nginx.HttpsEndpoint
    }
    $machine.LoadCold = (Get-Content /proc/loadavg)
    $coldResults = @(Measure-ColdStart $cold $ColdRuns)
    # Import-Module alone, timed inside pwsh (no process start), in fresh processes; the empty module alternates
    # with ours as the floor (the first Import-Module of a process JIT-compiles PowerShell's module machinery).
    $importMs = @{ ours = @(); empty = @() }
    foreach ($i in 1..$ColdRuns) {
        foreach ($which in 'ours', 'empty') {
            $path = $which -eq 'ours' ? $manifest : $emptyModule
            $importMs[$which] += [double](& $Pwsh -NoProfile -NonInteractive -Command "(Measure-Command { Import-Module '$path' }).TotalMilliseconds")
        }
    }
    $importStats = Get-Statistic $importMs.ours
    $importFloor = Get-Statistic $importMs.empty

    # --- Memory, size, parallel ---------------------------------------------------------------------------
    Write-Host 'Memory over 10,000 calls ...'
    $memory = Invoke-Json $Pwsh -NoProfile -NonInteractive -File (Join-Path $Peers 'Memory.ps1') -ModulePath $ModulePath -Endpoint $nginx.Endpoint -Calls 10000
    $memoryHttps = Invoke-Json $Pwsh -NoProfile -NonInteractive -File (Join-Path $Peers 'Memory.ps1') -ModulePath $ModulePath -Endpoint $nginx.HttpsEndpoint -Calls 10000
    $memoryFloor = Invoke-Json $Pwsh -NoProfile -NonInteractive -File (Join-Path $Peers 'Memory.ps1') -ModulePath $ModulePath -Endpoint $nginx.Endpoint -Calls 10000 -Floor
    $parallel = [ordered]@{}
    foreach ($endpointName in 'nginx', 'nginx https') {
        Write-Host "Parallel throughput against $endpointName ..."
        $parallel[$endpointName] = foreach ($i in 1..3) { Invoke-Json $Pwsh -NoProfile -NonInteractive -File (Join-Path $Peers 'Parallel.ps1') -ModulePath $ModulePath -Endpoint $endpoints[$endpointName].Url -Calls 2000 }
    }
    $callProfile = @()
    if (Get-Command perf -ErrorAction Ignore) {
        Write-Host 'Profile of 3,000 calls over HTTPS (perf) ...'
        $callProfile = @(& (Join-Path $PSScriptRoot 'Measure-CallProfile.ps1') -ModulePath $ModulePath -Endpoint $nginx.HttpsEndpoint -Calls 3000)
    }
    $library = Get-ChildItem -Recurse -File (Join-Path $ModulePath 'runtimes') | Select-Object -First 1
    $moduleBytes = (Get-ChildItem -Recurse -File $ModulePath | Measure-Object Length -Sum).Sum
} finally {
    Stop-NginxResponder $nginx
    Stop-MotoServer $moto
}
$machine.LoadEnd = (Get-Content /proc/loadavg)

# --- BENCHMARKS.md -------------------------------------------------------------------------------------------
$md = [Text.StringBuilder]::new()
function Add-Line([string] $Text = '') { $null = $md.AppendLine($Text) }
# Only the load before the bench counts: by the end, the bench's own peers have raised it.
$loaded = ([double]($machine.LoadStart -split ' ')[0]) -gt 1.0

Add-Line '# Benchmarks'
Add-Line
Add-Line "Written by ``pwsh ./build.ps1 Bench`` ($($machine.Date)). Every number below comes from one run of that command; rerun it to reproduce."
Add-Line 'Peers run interleaved round by round on the same machine and endpoints, so compare the **ratios**: absolute times drift with load.'
if ($loaded) {
    Add-Line
    Add-Line "> **This run was on a loaded machine** (load average at start: $($machine.LoadStart); at end: $($machine.LoadEnd); $($machine.Cores) cores shared with other builds and tests). Absolute times are inflated and noisy; the side-by-side ratios are the result."
}
Add-Line
Add-Line '## Machine and versions'
Add-Line
Add-Line '| | |'
Add-Line '|---|---|'
Add-Line "| CPU | $($machine.Cpu), $($machine.Cores) cores |"
Add-Line "| Memory | $($machine.MemoryGiB) GiB |"
Add-Line "| Kernel | $($machine.Kernel) |"
Add-Line "| Load average (start / end) | $($machine.LoadStart) / $($machine.LoadEnd) |"
foreach ($key in $versions.Keys) { Add-Line "| $key | $($versions[$key]) |" }
Add-Line
Add-Line '## Per call: sequential writes in one process'
Add-Line
Add-Line "$Calls sequential PutSecretValue calls per run after one warm-up call (reported as *first call*: in a process already started, it builds the client and opens the first connection, over HTTPS loading the root store and making a full handshake), $Rounds rounds against each nginx listener ($FreshCalls calls per run against the one that closes every connection) and $MotoRounds against moto (reset and one secret created before each round); the AWS CLI makes $CliCalls calls, one process each, in up to 3 rounds. Times in ms per call: median (min–max) over the rounds. The .NET SDK row calls SSM ``PutParameter`` because ``AWSSDK.SecretsManager`` is not available offline here: the same awsJson1.1 protocol, SigV4 signing and HTTP stack stand in for it."
Add-Line
Add-Line "HTTPS: nginx serves TLS 1.3 on loopback with an RSA-2048 certificate (as AWS endpoints present) signed by a test CA made for the run (``openssl``, ``tests/harness/TestCertificateAuthority.psm1``). Every peer trusts it through the standard variables, as a user behind a TLS-inspecting proxy trusts a corporate CA: ``SSL_CERT_FILE`` names a bundle of the system's roots plus the test CA (read by .NET's OpenSSL-backed root store and by our rustls side), ``AWS_CA_BUNDLE`` names the same bundle for boto3 and the AWS CLI (botocore uses certifi's bundle otherwise and ignores ``SSL_CERT_FILE``). *HTTPS adds* is each client's median here minus its median against plain-http nginx."
$endpointTitles = @{
    'nginx'             = 'nginx, plain http (fast fixed responder on loopback)'
    'nginx https'       = 'nginx over HTTPS, calls on a kept connection'
    'nginx https fresh' = 'nginx over HTTPS, a new connection for every call: nginx closes each connection after its answer (`keepalive_timeout 0`, no session tickets), so every call pays a TCP connect and a full TLS handshake with the client''s TLS configuration kept (what a call meets when the server has dropped an idle connection); the client is not rebuilt. The AWS CLI''s row is the one above: it makes a new connection per call anyway'
    'moto'              = 'moto server, plain http, as in the tests (TLS costs against it what it costs against nginx)'
}
foreach ($endpointName in $perCall.Keys) {
    $results = $perCall[$endpointName]
    $sdkName = $results.Keys | Where-Object { $_ -like 'AWS SDK*' }
    $sdkMedian = (Get-Statistic ($results[$sdkName].per_call_ms)).Median
    $botoMedian = (Get-Statistic ($results['boto3 (one Python process)'].per_call_ms)).Median
    $https = $endpointName -like '*https*'
    Add-Line
    Add-Line "### Against $($endpointTitles[$endpointName])"
    Add-Line
    Add-Line "| Client | ms per call, median (min–max) | × .NET SDK | × boto3 | first call, ms (median) |$($https ? ' HTTPS adds, ms per call |' : '')"
    Add-Line "|---|---|---|---|---|$($https ? '---|' : '')"
    foreach ($name in $results.Keys) {
        if ($results[$name].Count -eq 0) { continue }
        $s = Get-Statistic ($results[$name].per_call_ms)
        $firsts = @($results[$name].first_ms | Where-Object { -not [double]::IsNaN($_) })
        $first = $firsts.Count ? (Format-Millisecond (Get-Statistic $firsts).Median) : '—'
        $added = ''
        if ($https) {
            $plain = $perCall['nginx'][$name]
            $added = $plain -and $plain.Count ? (' {0} |' -f (Format-Millisecond ($s.Median - (Get-Statistic $plain.per_call_ms).Median))) : ' — |'
        }
        Add-Line ("| {0} | {1} ({2}–{3}) | {4:N2} | {5:N2} | {6} |{7}" -f $name, (Format-Millisecond $s.Median), (Format-Millisecond $s.Min), (Format-Millisecond $s.Max), ($s.Median / $sdkMedian), ($s.Median / $botoMedian), $first, $added)
    }
}
Add-Line
Add-Line "### After tier-up: one pwsh, $SteadyWarmup warm-up calls of each"
Add-Line
Add-Line "The rows above start measuring after one warm-up call, while .NET's tiered JIT is still optimising both hot paths (the SDK peer's far more, see *Per call* in the analysis below). Here one pwsh loads the module and the .NET SDK, makes $SteadyWarmup calls with each, then alternates 30 batches of 100 calls of each against nginx, plain http and HTTPS on a kept connection (``bench/phases/Compare-WithDotNetSdk.ps1``); $SteadyRuns runs each. The ratio is the median of the paired batch ratios. *CPU* is this process's CPU time (all threads) during each peer's batches per call: what each burns, the .NET SDK's spin-waiting included, leaving out the time a call waits for an idle vCPU to wake, which on this VM moves the wall-time ratio most (see *After tier-up* in the analysis below)."
Add-Line
Add-Line '| Endpoint | Run | cmdlet ms per call | .NET SDK ms per call | × .NET SDK (median of batches) | cmdlet CPU ms per call | .NET SDK CPU ms per call | CPU × .NET SDK |'
Add-Line '|---|---|---|---|---|---|---|---|'
foreach ($endpointName in $steady.Keys) {
    $run = 0
    foreach ($r in $steady[$endpointName]) {
        $run++
        Add-Line ("| {0} | {1} | {2} | {3} | {4:N2} | {5} | {6} | {7:N2} |" -f $endpointName, $run, (Format-Millisecond $r.CmdletMs), (Format-Millisecond $r.DotNetSdkMs), $r.Ratio,
            (Format-Millisecond $r.CmdletCpuMs), (Format-Millisecond $r.DotNetSdkCpuMs), $r.CpuRatio)
    }
}
Add-Line
Add-Line '### Role profile: credentials kept per identity'
Add-Line
Add-Line "One pwsh writes to nginx (plain http) with ``-ProfileName`` of a role profile (``source_profile`` + ``role_arn``; STS is moto's, reached through ``tests/harness/stand_in.py``, whose recording proxy counts the AssumeRole calls) and with ``-ProfileName`` of a profile of static keys, in alternating batches of 100 until each made $Calls calls, after one first call of each (``bench/peers/RoleProfile.ps1``); 3 runs. Both read and parse the profile file on every call; the role's credentials come from the credential cache after the first call."
Add-Line
Add-Line '| Run | role writes | AssumeRole calls | role ms per call | static keys ms per call | × static keys | role first call, ms |'
Add-Line '|---|---|---|---|---|---|---|'
$run = 0
foreach ($r in $roleRuns) { $run++; Add-Line ("| {0} | {1:N0} | {2} | {3} | {4} | {5:N2} | {6} |" -f $run, $r.role_writes, $r.sts_calls, (Format-Millisecond $r.role_per_call_ms), (Format-Millisecond $r.static_per_call_ms), ($r.role_per_call_ms / $r.static_per_call_ms), (Format-Millisecond $r.role_first_ms)) }
Add-Line
Add-Line '## Cold start'
Add-Line
Add-Line "$ColdRuns interleaved rounds after a warm-up round: each round starts every command below once as a fresh ``pwsh -NoProfile -NonInteractive -Command ...`` (the call goes to nginx, plain http or HTTPS), in an order rotated each round; wall time around the process and its peak memory (GNU ``time -f %M``) come from the same run. *× bare pwsh* is the median of the per-round ratios. The *floor* rows are what any module costs: importing an empty manifest module, then a first call of a built-in compiled cmdlet. Load average when this section started: $($machine.LoadCold)."
Add-Line
Add-Line '| Command | wall ms, median (min–max) | × bare pwsh | peak MiB (median) | + MiB over bare pwsh |'
Add-Line '|---|---|---|---|---|'
$barePeak = ($coldResults | Where-Object Name -EQ 'bare pwsh (exit)').Peak.Median
foreach ($r in $coldResults) {
    Add-Line ("| {0} | {1:N0} ({2:N0}–{3:N0}) | {4:N2} | {5:N1} | {6:+0.0;-0.0;0.0} |" -f $r.Name, $r.Wall.Median, $r.Wall.Min, $r.Wall.Max, $r.Ratio, $r.Peak.Median, ($r.Peak.Median - $barePeak))
}
Add-Line
Add-Line ("``Import-Module`` alone inside pwsh (``Measure-Command``, fresh process each, $ColdRuns runs alternating with an empty manifest module): median {0:N1} ms (min {1:N1}, max {2:N1}); the empty module: median {3:N1} ms (min {4:N1}, max {5:N1})." -f $importStats.Median, $importStats.Min, $importStats.Max, $importFloor.Median, $importFloor.Min, $importFloor.Max)
Add-Line
Add-Line '## Memory and size'
Add-Line
Add-Line 'Resident set (VmRSS, after a full GC) of one pwsh process calling nginx over plain http, split into the .NET GC''s committed memory (managed heap and its gen0 allocation budget) and the rest (native heaps, JIT code, stacks, mapped files); then the same in a second process calling nginx over HTTPS (the root store and the TLS state held); the floor is a third process making the same number of calls to a built-in compiled cmdlet (`Get-Variable -Name PSHOME`) without the module.'
Add-Line
Add-Line '| Point | RSS MiB | + MiB over before import | GC committed MiB | rest MiB | HTTPS: + MiB RSS | HTTPS: rest MiB | floor: + MiB RSS | floor: GC committed MiB |'
Add-Line '|---|---|---|---|---|---|---|---|---|'
foreach ($p in $memory.PSObject.Properties) {
    $f = $memoryFloor.($p.Name)
    $h = $memoryHttps.($p.Name)
    Add-Line ("| {0} | {1:N1} | {2:+0.0;-0.0;0.0} | {3:N1} | {4:N1} | {5:+0.0;-0.0;0.0} | {6:N1} | {7:+0.0;-0.0;0.0} | {8:N1} |" -f ($p.Name -replace '_', ' '), $p.Value.rss, ($p.Value.rss - $memory.before_import.rss), $p.Value.gc_committed, $p.Value.other, ($h.rss - $memoryHttps.before_import.rss), $h.other, ($f.rss - $memoryFloor.before_import.rss), $f.gc_committed)
}
Add-Line
Add-Line ("Native library ``{0}``: {1:N2} MB ({2:N0} bytes). Whole module folder: {3:N2} MB." -f $library.Name, ($library.Length / 1MB), $library.Length, ($moduleBytes / 1MB))
Add-Line
Add-Line '## Parallel throughput'
Add-Line
Add-Line 'Against nginx (plain http, then HTTPS with kept connections: each parallel runspace calls on its own runtime lane, with its own connection pool and so its own TLS connection), 2,000 calls each way in one pwsh, 3 runs; calls per second, median (min–max).'
Add-Line
Add-Line '| Endpoint | Mode | calls/s | × sequential |'
Add-Line '|---|---|---|---|'
foreach ($endpointName in $parallel.Keys) {
    $seq = Get-Statistic $parallel[$endpointName].sequential_per_s
    foreach ($mode in @(@('sequential loop', 'sequential_per_s'), @('ForEach-Object -Parallel -ThrottleLimit 8, one call per item', 'parallel_per_item_per_s'), @('ForEach-Object -Parallel -ThrottleLimit 8, 8 items of 250 calls', 'parallel_blocks_per_s'))) {
        $s = Get-Statistic ($parallel[$endpointName].($mode[1]))
        Add-Line ("| {0} | {1} | {2:N0} ({3:N0}–{4:N0}) | {5:N2} |" -f $endpointName, $mode[0], $s.Median, $s.Min, $s.Max, ($s.Median / $seq.Median))
    }
}
Add-Line
if ($callProfile) {
    Add-Line '## Where a call''s time goes'
    Add-Line
    Add-Line 'CPU samples of one pwsh making 3,000 calls against nginx over HTTPS on a kept connection (`bench/Measure-CallProfile.ps1`: `perf record -F 999 -g` with `DOTNET_PerfMapEnabled=1`, `perf report --sort dso`), process start and import included. *memfd:doublemapper* is JIT-compiled .NET code (PowerShell and the module''s C#).'
    Add-Line
    Add-Line '| Binary | % of CPU samples |'
    Add-Line '|---|---|'
    foreach ($row in $callProfile) { Add-Line ("| {0} | {1:N1} |" -f $row.Binary, $row.Percent) }
    Add-Line
}

# Targets (issues 7 and 16), checked against this run's medians.
function Get-PeerMedian([string] $Endpoint, [string] $Like) {
    $results = $perCall[$Endpoint]
    (Get-Statistic $results[($results.Keys | Where-Object { $_ -like $Like } | Select-Object -First 1)].per_call_ms).Median
}
function Get-RssSpread($Points) {
    $values = @($Points.PSObject.Properties | Where-Object Name -Like 'after_*_calls' | ForEach-Object { $_.Value.rss })
    ($values | Measure-Object -Maximum).Maximum - ($values | Measure-Object -Minimum).Minimum
}
function Get-Verdict([bool] $Held) { $Held ? 'holds' : '**missed**' }
$coldRow = @{}
foreach ($r in $coldResults) { $coldRow[$r.Name] = $r }
$coldFloor = $coldRow['floor: empty module + 1 built-in cmdlet call']
$coldOurs = $coldRow['Import-Module + first Write-SECSecretValue']
$coldOursHttps = $coldRow['Import-Module + first Write-SECSecretValue over HTTPS']
# What HTTPS adds to a cold first call: the difference of the wall-time medians, ours and the .NET SDK peer's.
$coldHttpsAdds = $coldOursHttps.Wall.Median - $coldOurs.Wall.Median
$coldSdkHttpsAdds = $coldRow['AWS SDK for .NET: load + client + 1 call over HTTPS (peer)'].Wall.Median - $coldRow['AWS SDK for .NET: load + client + 1 call (peer)'].Wall.Median
$coldPeak = $coldOurs.Peak.Median - $barePeak
$coldPeakHttps = $coldOursHttps.Peak.Median - $barePeak
$rssFirst = $memory.after_first_call.rss - $memory.before_import.rss
$rssFirstHttps = $memoryHttps.after_first_call.rss - $memoryHttps.before_import.rss
$rssDrift = Get-RssSpread $memory
$rssDriftHttps = Get-RssSpread $memoryHttps
$floorDrift = Get-RssSpread $memoryFloor
$libraryMB = $library.Length / 1MB
Add-Line '## Targets (this run)'
Add-Line
Add-Line 'Per-call targets are checked against plain http and HTTPS alike (no user calls Secrets Manager without TLS); *fresh connection* is the listener that closes every connection. The .NET SDK is the peer of the same run, called from pwsh.'
Add-Line
Add-Line '| Target | Measured | Verdict |'
Add-Line '|---|---|---|'
Add-Line ("| cold import + first call ≤ 1.10× bare pwsh | {0:N2}× (floor, empty module + built-in cmdlet: {1:N2}×) | {2} |" -f $coldOurs.Ratio, $coldFloor.Ratio, (Get-Verdict ($coldOurs.Ratio -le 1.10)))
Add-Line ("| cold import + first call over HTTPS ≤ 1.10× bare pwsh | {0:N2}× | {1} |" -f $coldOursHttps.Ratio, (Get-Verdict ($coldOursHttps.Ratio -le 1.10)))
Add-Line ("| what HTTPS adds to a cold first call ≤ what it adds to the .NET SDK peer's | {0:+0;-0;0} ms vs {1:+0;-0;0} ms (medians over plain http) | {2} |" -f $coldHttpsAdds, $coldSdkHttpsAdds, (Get-Verdict ($coldHttpsAdds -le $coldSdkHttpsAdds)))
Add-Line ("| cold peak memory ≤ +10 MiB over bare pwsh | {0:+0.0;-0.0} MiB, over HTTPS {1:+0.0;-0.0} MiB (floor: {2:+0.0;-0.0} MiB) | {3} |" -f $coldPeak, $coldPeakHttps, ($coldFloor.Peak.Median - $barePeak), (Get-Verdict ([math]::Max($coldPeak, $coldPeakHttps) -le 10)))
foreach ($endpointName in 'nginx', 'nginx https', 'nginx https fresh') {
    $ours = Get-PeerMedian $endpointName 'Write-SECSecretValue (this module)'
    $sdkMs = Get-PeerMedian $endpointName 'AWS SDK*'
    Add-Line ("| per call ({0}) ≤ 1.0× .NET SDK | {1} vs {2} ms = {3:N2}× | {4} |" -f $endpointName, (Format-Millisecond $ours), (Format-Millisecond $sdkMs), ($ours / $sdkMs), (Get-Verdict ($ours -le $sdkMs)))
}
foreach ($endpointName in $steady.Keys) {
    $steadyRatio = Get-Statistic $steady[$endpointName].Ratio
    $cpuRatio = (Get-Statistic $steady[$endpointName].CpuRatio).Median
    Add-Line ("| whole cmdlet per call ({0}) after tier-up ≤ 1.0× .NET SDK ($SteadyWarmup warm-up calls, one pwsh) | {1:N2}× (median of $SteadyRuns runs, {2:N2}–{3:N2}); CPU per call {4:N2}× | {5} |" -f $endpointName, $steadyRatio.Median, $steadyRatio.Min, $steadyRatio.Max, $cpuRatio, (Get-Verdict ($steadyRatio.Median -le 1)))
}
foreach ($endpointName in 'nginx', 'nginx https') {
    $ours = Get-PeerMedian $endpointName 'Write-SECSecretValue (this module)'
    $botoMs = Get-PeerMedian $endpointName 'boto3*'
    Add-Line ("| per call ({0}) ≤ 0.5× boto3 | {1:N2}× | {2} |" -f $endpointName, ($ours / $botoMs), (Get-Verdict ($ours -le 0.5 * $botoMs)))
}
foreach ($endpointName in 'nginx', 'nginx https') {
    $core = Get-PeerMedian $endpointName 'Rust core alone*'
    $sdkMs = Get-PeerMedian $endpointName 'AWS SDK*'
    Add-Line ("| Rust core alone per call ({0}) ≤ 0.5× .NET SDK | {1} vs {2} ms = {3:N2}× | {4} |" -f $endpointName, (Format-Millisecond $core), (Format-Millisecond $sdkMs), ($core / $sdkMs), (Get-Verdict ($core -le 0.5 * $sdkMs)))
}
Add-Line ("| RSS after import + first call ≤ +10 MiB | {0:+0.0;-0.0} MiB, over HTTPS {1:+0.0;-0.0} MiB | {2} |" -f $rssFirst, $rssFirstHttps, (Get-Verdict ([math]::Max($rssFirst, $rssFirstHttps) -le 10)))
Add-Line ("| RSS flat over 10,000 calls | spread {0:N1} MiB, over HTTPS {1:N1} MiB, between the 2,500-call checkpoints (floor, built-in cmdlet: {2:N1} MiB) | {3} |" -f $rssDrift, $rssDriftHttps, $floorDrift, (Get-Verdict ([math]::Max($rssDrift, $rssDriftHttps) -le 2)))
$stsCalls = @($roleRuns.sts_calls | Sort-Object -Unique)
Add-Line ("| $Calls writes with a role profile make 1 AssumeRole call | {0} (each of 3 runs) | {1} |" -f ($stsCalls -join ', '), (Get-Verdict ($stsCalls.Count -eq 1 -and $stsCalls[0] -eq 1)))
Add-Line ("| native library ≤ 4 MB | {0:N2} MB | {1} |" -f $libraryMB, (Get-Verdict ($library.Length -le 4MB)))
Add-Line
$analysis = Join-Path $PSScriptRoot 'analysis.md'
if (Test-Path $analysis) { Add-Line (Get-Content -Raw $analysis).TrimEnd(); Add-Line }
Add-Line '## Exact commands'
Add-Line
Add-Line "All run by ``bench/Invoke-Benchmarks.ps1`` (``pwsh ./build.ps1 Bench``) with ``SSL_CERT_FILE`` and ``AWS_CA_BUNDLE`` naming the trust bundle; ``<endpoint>`` is nginx (``bench/nginx.conf.template``: free loopback ports for plain http, HTTPS and HTTPS closing each connection) or moto; the runs against the closing listener make $FreshCalls calls instead of $Calls."
Add-Line
Add-Line '```'
foreach ($name in $commands.Keys) { Add-Line "# $name"; Add-Line $commands[$name] }
Add-Line '# cold start: one process per command per round, each as /usr/bin/time -f ''PEAK %M'' <pwsh> -NoProfile -NonInteractive -Command "<command>"'
foreach ($name in $cold.Keys) { Add-Line (("#   {0}: {1}" -f $name, $cold[$name]) -replace [regex]::Escape($nginx.Endpoint), '<endpoint>' -replace [regex]::Escape($nginx.HttpsEndpoint), '<https endpoint>') }
Add-Line "pwsh -NoProfile -File bench/peers/Memory.ps1 -ModulePath out/SecretsManager.Native -Endpoint <endpoint> -Calls 10000  (plain http, HTTPS, and plain http with -Floor)"
Add-Line "pwsh -NoProfile -File bench/peers/Parallel.ps1 -ModulePath out/SecretsManager.Native -Endpoint <endpoint> -Calls 2000  (plain http and HTTPS)"
Add-Line '```'
Set-Content -Path $OutFile -Value $md.ToString().TrimEnd() -Encoding utf8NoBOM
Write-Host "Wrote $OutFile"
