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
             Build, then builds the native library of every other platform in platforms.csv whose
             toolchain this machine has (on Linux: linux-arm64 with cargo-zigbuild, win-x64 with mingw-w64;
             on macOS: the other osx-*), says which are missing and how to install them, adds the
             libraries CI's macOS jobs left in out/runtimes/<rid>/native/, and checks the folder is ready
             for Publish-Module (manifest, help, formats, license).
      TestPlatforms
             The Rust tests (core and ffi) of the other platforms this machine can run: win-x64 under
             Wine, linux-arm64 under qemu-user. .ci/run installs what they need (.ci/install-toolchains.sh).
      Test   Rust tests of this platform (cargo nextest when installed, else cargo test), then the Pester suites in a fresh
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
    pwsh ./build.ps1 Package TestPlatforms Test -RequirePlatform linux-x64, linux-arm64, win-x64
    What .ci/run does: one build (the tasks of one run share it), all three libraries packaged (or a
    failure naming the one that could not be built), their Rust tests run under Wine and qemu, then the
    tests of this platform, whose Pester run checks every library in the package.

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
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'TestPlatforms', 'Bench', 'Clean')]
    [string[]] $Task = 'Build',

    # Pester tags to run (Test only); when given, only those tests run and the Rust tests are skipped.
    [string[]] $Tag = @(),

    # Pester tags to leave out (Test only), e.g. Soak for a quick run.
    [string[]] $ExcludeTag = @(),

    # Runtime identifiers (platforms.csv) that Package must build and TestPlatforms must test (besides
    # this machine's); without it, a platform whose toolchain is missing is reported and left out.
    [string[]] $RequirePlatform = @()
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

# platforms.csv decides, for every platform the module is made for, its runtime identifier, the Rust target
# its library is built for, the library's file name and (Linux) the oldest glibc it runs on. The module's
# resolver (embedded in the assembly) and the packaging tests read the same file.
$Platforms = @(Import-Csv (Join-Path $Root 'platforms.csv'))
Import-Module (Join-Path $Root 'build' 'NativeToolchains.psm1') -Force
foreach ($rid in $RequirePlatform | Where-Object { $_ -notin $Platforms.Rid }) {
    throw "-RequirePlatform $rid is not a platform of platforms.csv ($($Platforms.Rid -join ', '))."
}

function Get-HostPlatform {
    $os = if ($IsWindows) { 'Windows' } elseif ($IsMacOS) { 'OSX' } else { 'Linux' }
    $architecture = [Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString()
    $platform = $Platforms | Where-Object { $_.Os -eq $os -and $_.Architecture -eq $architecture }
    if (-not $platform) { throw "platforms.csv has no row for this machine ($os $architecture): the module is not made for it." }
    $platform
}

function Build-NativeLibrary($Platform) {
    # Returns the built library's path. Linux libraries are linked by zig against the glibc floor of
    # platforms.csv (cargo-zigbuild's "<target>.<glibc>"); the machine's own glibc would set the floor.
    $started = [Diagnostics.Stopwatch]::StartNew()
    if ($Platform.GlibcFloor -and (Test-ZigBuild)) {
        Invoke-Native cargo zigbuild --release --locked -p secretsmanager-native --target "$($Platform.RustTarget).$($Platform.GlibcFloor)"
    } else {
        if ($Platform.GlibcFloor) {
            Write-Warning "cargo-zigbuild or zig is missing: $($Platform.Rid) is linked against this machine's glibc, not $($Platform.GlibcFloor). $(Get-ZigBuildHint)"
        }
        Invoke-Native cargo build --release --locked -p secretsmanager-native --target $Platform.RustTarget
    }
    $library = Get-Item (Join-Path $Root 'target' $Platform.RustTarget 'release' $Platform.FileName)
    Write-Host ("Built {0} ({1}) in {2:n0} s: {3:n0} bytes" -f $Platform.Rid, $library.Name, $started.Elapsed.TotalSeconds, $library.Length)
    $library.FullName
}

$script:ModuleBuilt = $false

function Build-ImportableModule {
    # Once per run of this script: 'Package TestPlatforms Test' tests the package it just made.
    if ($script:ModuleBuilt) { return }
    Assert-Tool cargo 'Install Rust (stable) from https://rustup.rs.'
    Assert-Tool dotnet 'Install the .NET SDK 8 or later from https://dot.net.'
    $version = Get-WorkspaceVersion
    $platform = Get-HostPlatform
    $missing = @(Get-MissingToolchain $platform -BuildingHostLibrary)
    if ($missing) { throw "This machine's library ($($platform.Rid)) cannot be built: $($missing -join '; ')" }

    $library = Build-NativeLibrary $platform
    Invoke-Native cargo run --locked --quiet -p secretsmanager-native-bindgen -- $BindingsDir
    $dotnetOut = Join-Path $Out 'dotnet'
    Invoke-Native dotnet build (Join-Path $Root 'pwsh' 'src' 'SecretsManager.Native.csproj') -c Release -o $dotnetOut `
        --nologo -v quiet "-p:Version=$version" "-p:InteropFile=$(Join-Path $BindingsDir 'Interop.g.cs')"

    # Assemble the importable module: manifest (stamped), assembly, native library per platform,
    # formats, help, license.
    $moduleRoot = Split-Path -Parent $ModuleOut
    if (Test-Path $moduleRoot) { Remove-Item -Recurse -Force $moduleRoot }
    Copy-NativeLibrary $platform $library
    Copy-Item (Join-Path $dotnetOut "$ModuleName.dll") $ModuleOut
    $manifest = Get-Content -Raw (Join-Path $Root 'pwsh' $ModuleName "$ModuleName.psd1")
    $manifest = $manifest -replace "ModuleVersion(\s*)= '0\.0\.0'", "ModuleVersion`$1= '$version'"
    Set-Content -Path (Join-Path $ModuleOut "$ModuleName.psd1") -Value $manifest -NoNewline
    Copy-Item (Join-Path $Root 'pwsh' $ModuleName "$ModuleName.Format.ps1xml") $ModuleOut
    Copy-Item (Join-Path $Root 'LICENSE'), (Join-Path $Root 'CHANGELOG.md') $ModuleOut
    Invoke-HelpBuild
    $script:ModuleBuilt = $true
    Write-Host "Built $ModuleName $version into $ModuleOut"
}

function Copy-NativeLibrary($Platform, [string] $Library) {
    $native = Join-Path $ModuleOut 'runtimes' $Platform.Rid 'native'
    $null = New-Item -ItemType Directory -Force -Path $native
    Copy-Item $Library (Join-Path $native $Platform.FileName) -Force
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
    $hostPlatform = Get-HostPlatform
    $built = @($hostPlatform.Rid)
    $notBuilt = [ordered]@{}
    foreach ($platform in $Platforms | Where-Object Rid -NE $hostPlatform.Rid) {
        $missing = @(Get-MissingToolchain $platform)
        if ($missing) {
            $notBuilt[$platform.Rid] = $missing -join '; '
            continue
        }
        Copy-NativeLibrary $platform (Build-NativeLibrary $platform)
        $built += $platform.Rid
    }
    # Libraries built on other machines (the GitHub workflow's macOS jobs) are collected in
    # out/runtimes/<rid>/native/, the module's own layout; a platform built here keeps its own build.
    $collected = Join-Path $Out 'runtimes'
    if (Test-Path $collected) {
        foreach ($library in Get-ChildItem -Recurse -File $collected) {
            $rid = Split-Path -Leaf (Split-Path -Parent $library.DirectoryName)
            $platform = $Platforms | Where-Object Rid -EQ $rid
            if (-not $platform) { throw "out/runtimes holds $($library.FullName), for a platform platforms.csv does not list." }
            if ($rid -in $built) { continue }
            Copy-NativeLibrary $platform $library.FullName
            $built += $rid
            $notBuilt.Remove($rid)
        }
    }
    foreach ($rid in $notBuilt.Keys) { Write-Warning "Not built here: $rid. $($notBuilt[$rid])" }
    $required = @($RequirePlatform | Where-Object { $_ -notin $built })
    if ($required) { throw "Package was asked for $($required -join ', ') and could not build them (see the warnings above)." }

    $manifest = Test-ModuleManifest -Path (Join-Path $ModuleOut "$ModuleName.psd1")
    $expected = "$ModuleName.dll", "$ModuleName.Format.ps1xml", "en-US/$ModuleName.dll-Help.xml", "en-US/about_$ModuleName.help.txt", 'LICENSE'
    foreach ($file in $expected) {
        if (-not (Test-Path (Join-Path $ModuleOut $file))) { throw "The package lacks $file." }
    }
    $platforms = (Get-ChildItem -Directory (Join-Path $ModuleOut 'runtimes')).Name -join ', '
    Write-Host "Packaged $ModuleName $($manifest.Version) for $platforms in $ModuleOut"
    Write-Host "Publish with: Publish-Module -Path '$ModuleOut' -NuGetApiKey <key>"
}

function Invoke-PlatformTest {
    # The core and ffi suites, built for another platform and run by its runner (Wine, qemu-user).
    $hostPlatform = Get-HostPlatform
    $tested = @()
    foreach ($platform in $Platforms | Where-Object Rid -NE $hostPlatform.Rid) {
        $runner = Get-TestRunner $platform
        $missing = @(Get-MissingToolchain $platform) + @($runner.Missing)
        if ($missing) {
            if ($platform.Rid -in $RequirePlatform) { throw "The tests of $($platform.Rid) cannot run here: $($missing -join '; ')" }
            Write-Warning "The Rust tests of $($platform.Rid) do not run here: $($missing -join '; ')"
            continue
        }
        Write-Host "Rust tests for $($platform.Rid), run by $($runner.Description)"
        $started = [Diagnostics.Stopwatch]::StartNew()
        $saved = @{}
        foreach ($name in $runner.Environment.Keys) {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $runner.Environment[$name])
        }
        try {
            Initialize-TestRunner $runner -Root $Root
            # --tests: unit and integration tests, as nextest runs on this platform (no doctests); the cdylib's
            # test loads the library by path through the platform's own loader.
            # Cargo builds no cdylib for a package's integration tests (see Invoke-RustTest): build it first.
            $suites = '-p', 'secretsmanager-native-core', '-p', 'secretsmanager-native-ffi', '-p', 'secretsmanager-native', '--tests'
            if ($platform.GlibcFloor) {
                $target = "$($platform.RustTarget).$($platform.GlibcFloor)"
                Invoke-Native cargo-zigbuild build --locked --target $target -p secretsmanager-native
                Invoke-Native cargo-zigbuild test --locked --target $target @suites
            } else {
                Invoke-Native cargo build --locked --target $platform.RustTarget -p secretsmanager-native
                Invoke-Native cargo test --locked --target $platform.RustTarget @suites
            }
        } finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
        Write-Host ("Rust tests for {0} built and passed in {1:n0} s" -f $platform.Rid, $started.Elapsed.TotalSeconds)
        $tested += $platform.Rid
    }
    $required = @($RequirePlatform | Where-Object { $_ -ne $hostPlatform.Rid -and $_ -notin $tested })
    if ($required) { throw "TestPlatforms was asked for $($required -join ', '), which no runner here tests." }
}

function Invoke-RustTest {
    # Cargo builds no cdylib for a package's integration tests, yet rust/cdylib/tests/loads_by_path.rs loads the
    # library from next to its executable (target/debug/deps): on a fresh target folder it would find none.
    Invoke-Native cargo build --locked -p secretsmanager-native
    if (Get-Command cargo-nextest -ErrorAction Ignore) {
        Invoke-Native cargo nextest run --workspace --locked
    } else {
        Invoke-Native cargo test --workspace --locked
    }
}

function Invoke-PesterTest {
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
        'Build' { Build-ImportableModule }
        'Test' { Build-ImportableModule; if (-not $Tag) { Invoke-RustTest }; Invoke-PesterTest }
        'Demo' { Build-ImportableModule; Invoke-Demo }
        'Package' { Build-ImportableModule; Invoke-Package }
        'TestPlatforms' { Invoke-PlatformTest }
        'Bench' { Build-ImportableModule; Invoke-Bench }
        'Clean' {
            if (Test-Path $Out) { Remove-Item -Recurse -Force $Out }
            Invoke-Native cargo clean
        }
    }
}
