#Requires -Version 7.4
<#
.SYNOPSIS
    The one entry point for building, testing and demonstrating SecretsManager.Native.

.DESCRIPTION
    Tasks (each builds what it needs first):
      Build  cargo release build of the native library, C# bindings generated from the Rust inventory,
             dotnet build of the module assembly, MAML help from pwsh/help, and the importable module in
             out/SecretsManager.Native/<version>/.
      Package
             Build, then checks the module folder is ready for Publish-Module (manifest, help, formats,
             license) and adds the native libraries of other platforms found in out/runtimes/<rid>/native/
             (CI collects them there from its per-OS jobs).
      Test   Rust tests (cargo nextest when installed, else cargo test), then the Pester suites in a fresh
             pwsh against a local Secrets Manager (moto) that the harness installs, starts and stops.
      Demo   Starts moto, writes a string secret and a binary secret with Write-SECSecretValue, prints
             the responses, stops moto.
      Bench  Builds, then runs bench/Invoke-Benchmarks.ps1: per-call, cold-start, memory, size and parallel
             measurements against nginx (a fast fixed responder it starts) and moto, side by side with the
             AWS SDK for .NET, boto3, the AWS CLI and a raw HTTP loop, over plain http and HTTPS (a test CA made
             per run); writes BENCHMARKS.md. Needs nginx, GNU time and openssl (as root on Debian/Ubuntu it
             installs them: apt-get install -y nginx-light time openssl). Never part of Test.
      Clean  Removes out/ and cargo's target/.

.EXAMPLE
    pwsh ./build.ps1 Demo
    Builds everything and shows the cmdlet working against a local server.

.EXAMPLE
    pwsh ./build.ps1 Package
    Builds and prints the folder to hand to Publish-Module -Path.

.EXAMPLE
    pwsh ./build.ps1 Test
    Builds, runs every Rust and Pester test (the long fault and concurrency runs tagged Soak included, as
    CI does), and ends with the line "N passed, N failed".

.EXAMPLE
    pwsh ./build.ps1 Test -ExcludeTag Soak
    The quick run while developing: leaves out the few minutes of Soak tests.

.EXAMPLE
    pwsh ./build.ps1 Test -Tag Soak
    Runs only the Pester tests tagged Soak. With -Tag the Rust tests are skipped: they have no tags.
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench', 'Clean')]
    [string[]] $Task = 'Build',

    # Pester tags to run (Test only); when given, only those tests run and the Rust tests are skipped.
    [string[]] $Tag = @(),

    # Pester tags to leave out (Test only), e.g. Soak for a quick run.
    [string[]] $ExcludeTag = @()
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleName = 'SecretsManager.Native'
function Get-WorkspaceVersion {
    $match = Select-String -Path (Join-Path $Root 'Cargo.toml') -Pattern '^version\s*=\s*"([^"]+)"' | Select-Object -First 1
    if (-not $match) { throw 'No version found in [workspace.package] of Cargo.toml.' }
    $match.Matches[0].Groups[1].Value
}

# The layout Install-Module uses (<name>/<version>/), so the folder can be published or copied as it is.
$ModuleOut = Join-Path $Out $ModuleName (Get-WorkspaceVersion)
$BindingsDir = Join-Path $Root 'target' 'bindings'

function Invoke-Native {
    # Runs a native command and throws when it fails. A plain function (no param block), so that
    # arguments like -p and -c pass through untouched; quote the ones with a colon ("-p:X=y").
    $command, $arguments = $args
    Write-Verbose "> $command $arguments"
    & $command @arguments
    if ($LASTEXITCODE -ne 0) { throw "'$command $arguments' failed with exit code $LASTEXITCODE." }
}

function Assert-Tool([string] $Name, [string] $Hint) {
    if (-not (Get-Command $Name -ErrorAction Ignore)) { throw "'$Name' was not found on PATH. $Hint" }
}

function Get-RuntimeIdentifier {
    $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    "$os-$([Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant())"
}

function Get-NativeLibraryName {
    if ($IsWindows) { 'secretsmanager_native.dll' } elseif ($IsMacOS) { 'libsecretsmanager_native.dylib' } else { 'libsecretsmanager_native.so' }
}

function Invoke-Build {
    Assert-Tool cargo 'Install Rust (stable) from https://rustup.rs.'
    Assert-Tool dotnet 'Install the .NET SDK 8 or later from https://dot.net.'
    $version = Get-WorkspaceVersion

    Invoke-Native cargo build --release --locked -p secretsmanager-native
    Invoke-Native cargo run --locked --quiet -p secretsmanager-native-bindgen -- $BindingsDir
    $dotnetOut = Join-Path $Out 'dotnet'
    Invoke-Native dotnet build (Join-Path $Root 'pwsh' 'src' 'SecretsManager.Native.csproj') -c Release -o $dotnetOut `
        --nologo -v quiet "-p:Version=$version" "-p:InteropFile=$(Join-Path $BindingsDir 'Interop.g.cs')"

    # Assemble the importable module: manifest (stamped), assembly, native library per platform,
    # formats, help, license.
    $moduleRoot = Split-Path -Parent $ModuleOut
    if (Test-Path $moduleRoot) { Remove-Item -Recurse -Force $moduleRoot }
    $native = Join-Path $ModuleOut 'runtimes' (Get-RuntimeIdentifier) 'native'
    $null = New-Item -ItemType Directory -Force -Path $native
    Copy-Item (Join-Path $dotnetOut "$ModuleName.dll") $ModuleOut
    Copy-Item (Join-Path $Root 'target' 'release' (Get-NativeLibraryName)) $native
    $manifest = Get-Content -Raw (Join-Path $Root 'pwsh' $ModuleName "$ModuleName.psd1")
    $manifest = $manifest -replace "ModuleVersion(\s*)= '0\.0\.0'", "ModuleVersion`$1= '$version'"
    Set-Content -Path (Join-Path $ModuleOut "$ModuleName.psd1") -Value $manifest -NoNewline
    Copy-Item (Join-Path $Root 'pwsh' $ModuleName "$ModuleName.Format.ps1xml") $ModuleOut
    Copy-Item (Join-Path $Root 'LICENSE'), (Join-Path $Root 'CHANGELOG.md') $ModuleOut
    Invoke-HelpBuild
    Write-Host "Built $ModuleName $version into $ModuleOut"
}

function Invoke-HelpBuild {
    # MAML for the compiled cmdlets, written by a fresh pwsh that imports the just-built module.
    $helpSource = Join-Path $Root 'pwsh' 'help'
    $culture = Join-Path $ModuleOut 'en-US'
    $null = New-Item -ItemType Directory -Force -Path $culture
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    Invoke-Native $pwsh -NoProfile -NonInteractive -File (Join-Path $helpSource 'Build-MamlHelp.ps1') `
        -ModulePath (Join-Path $ModuleOut "$ModuleName.psd1") -OutFile (Join-Path $culture "$ModuleName.dll-Help.xml")
    Copy-Item (Join-Path $helpSource "about_$ModuleName.help.txt") $culture
}

function Invoke-Package {
    # Native libraries built on other machines (CI's per-OS jobs) are collected in out/runtimes/<rid>/native/,
    # the module's own layout, and join this platform's.
    $collected = Join-Path $Out 'runtimes'
    if (Test-Path $collected) {
        foreach ($library in Get-ChildItem -Recurse -File $collected) {
            $target = Join-Path $ModuleOut 'runtimes' ([IO.Path]::GetRelativePath($collected, $library.DirectoryName))
            $null = New-Item -ItemType Directory -Force -Path $target
            Copy-Item $library.FullName $target -Force
        }
    }
    $manifest = Test-ModuleManifest -Path (Join-Path $ModuleOut "$ModuleName.psd1")
    $expected = "$ModuleName.dll", "$ModuleName.Format.ps1xml", "en-US/$ModuleName.dll-Help.xml", "en-US/about_$ModuleName.help.txt", 'LICENSE'
    foreach ($file in $expected) {
        if (-not (Test-Path (Join-Path $ModuleOut $file))) { throw "The package lacks $file." }
    }
    $platforms = (Get-ChildItem -Directory (Join-Path $ModuleOut 'runtimes')).Name -join ', '
    Write-Host "Packaged $ModuleName $($manifest.Version) for $platforms in $ModuleOut"
    Write-Host "Publish with: Publish-Module -Path '$ModuleOut' -NuGetApiKey <key>"
}

function Invoke-RustTests {
    if (Get-Command cargo-nextest -ErrorAction Ignore) {
        Invoke-Native cargo nextest run --workspace --locked
    } else {
        Invoke-Native cargo test --workspace --locked
    }
}

function Invoke-PesterTests {
    # A fresh pwsh: the native library can't be unloaded from this one, and import timings stay honest.
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $exclude = @($ExcludeTag | Where-Object { $_ -notin $Tag })
    Invoke-Native $pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests' 'Invoke-PesterSuite.ps1') -ModulePath $ModuleOut `
        -Tag ($Tag -join ',') -ExcludeTag ($exclude -join ',')
}

function Invoke-Demo {
    Import-Module (Join-Path $Root 'tests' 'harness' 'MotoServer.psm1') -Force
    $server = Start-MotoServer
    try {
        $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        Invoke-Native $pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests' 'harness' 'Demo.ps1') `
            -ModulePath $ModuleOut -Endpoint $server.Endpoint
    } finally {
        Stop-MotoServer $server
    }
}

function Install-BenchTool {
    # nginx (the responder), GNU time (peak memory) and openssl (the test CA): installed with apt-get when this
    # runs as root on Debian/Ubuntu, otherwise asked for.
    $missing = [ordered]@{}
    if (-not (Get-Command nginx, /usr/sbin/nginx -CommandType Application -ErrorAction Ignore)) { $missing['nginx'] = 'nginx-light' }
    if (-not (Test-Path /usr/bin/time)) { $missing['GNU time'] = 'time' }
    if (-not (Get-Command openssl -CommandType Application -ErrorAction Ignore)) { $missing['openssl'] = 'openssl' }
    if (-not $missing.Count) { return }
    $install = "apt-get install -y $($missing.Values -join ' ')"
    if ((Get-Command apt-get -ErrorAction Ignore) -and (id -u) -eq '0') {
        Write-Host "Bench needs $($missing.Keys -join ', '): apt-get update; $install"
        $packages = @($missing.Values)
        Invoke-Native apt-get update
        Invoke-Native apt-get install -y @packages
    } else {
        throw "Bench needs $($missing.Keys -join ', '). On Debian/Ubuntu, as root: $install"
    }
}

function Invoke-Bench {
    Install-BenchTool
    Invoke-Native cargo build --release --locked -p secretsmanager-native-bench
    $binary = Join-Path $Root 'target' 'release' ($IsWindows ? 'secretsmanager-native-bench.exe' : 'secretsmanager-native-bench')
    & (Join-Path $Root 'bench' 'Invoke-Benchmarks.ps1') -ModulePath $ModuleOut -BenchBinary $binary -OutFile (Join-Path $Root 'BENCHMARKS.md')
}

foreach ($name in $Task) {
    switch ($name) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Build; if (-not $Tag) { Invoke-RustTests }; Invoke-PesterTests }
        'Demo' { Invoke-Build; Invoke-Demo }
        'Package' { Invoke-Build; Invoke-Package }
        'Bench' { Invoke-Build; Invoke-Bench }
        'Clean' {
            if (Test-Path $Out) { Remove-Item -Recurse -Force $Out }
            Invoke-Native cargo clean
        }
    }
}
