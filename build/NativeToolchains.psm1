#Requires -Version 7.4
<#
.SYNOPSIS
    What build.ps1 needs to build the native library for a platform of platforms.csv, and to run that
    platform's Rust tests on this machine (Wine for win-x64, qemu-user for linux-arm64): found, or named
    with the command that installs it. .ci/install-toolchains.sh installs all of it on Debian.
#>
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Test-ZigBuild {
    # cargo-zigbuild finds zig on PATH or, as pip's ziglang package installs it, as `python3 -m ziglang`.
    if (-not (Get-Command cargo-zigbuild -ErrorAction Ignore)) { return $false }
    if (Get-Command zig -ErrorAction Ignore) { return $true }
    $python = Get-Command python3, python -ErrorAction Ignore | Select-Object -First 1
    if (-not $python) { return $false }
    $null = & $python.Source -m ziglang version 2>&1
    $LASTEXITCODE -eq 0
}

function Get-ZigBuildHint { 'Install them with: pip install ziglang cargo-zigbuild' }

function Test-RustTarget([string] $Target) {
    $sysroot = (& rustc --print sysroot).Trim()
    Test-Path (Join-Path $sysroot 'lib' 'rustlib' $Target 'lib')
}

function Get-MissingToolchain {
    <#
    .SYNOPSIS
        What this machine lacks to build the library of one platform (a row of platforms.csv), each with
        the command that installs it; nothing when it can be built here.
    #>
    param(
        [Parameter(Mandatory)] $Platform,
        # The machine's own library: on Linux it is built even without zig (against this glibc, with a warning).
        [switch] $BuildingHostLibrary
    )
    $architecture = $Platform.RustTarget.Split('-')[0]
    switch ($Platform.Os) {
        'OSX' {
            if (-not $IsMacOS) { return 'macOS libraries are built on macOS only (the GitHub workflow''s macOS job)' }
        }
        'Linux' {
            if (-not $BuildingHostLibrary -and -not (Test-ZigBuild)) { "cargo-zigbuild and zig (linker for $($Platform.RustTarget) with glibc $($Platform.GlibcFloor)). $(Get-ZigBuildHint)" }
        }
        'Windows' {
            # windows-gnu: mingw-w64 links, and compiles ring's C code.
            $gcc = $IsWindows ? 'gcc' : "$architecture-w64-mingw32-gcc"
            if (-not (Get-Command $gcc -ErrorAction Ignore)) {
                "$gcc (mingw-w64). Install it with: apt-get install gcc-mingw-w64-$($architecture -replace '_', '-') (Debian/Ubuntu), or MSYS2's mingw-w64 on Windows"
            }
        }
    }
    if (-not (Test-RustTarget $Platform.RustTarget)) { "the Rust standard library for $($Platform.RustTarget). Install it with: rustup target add $($Platform.RustTarget)" }
}

function Get-TestRunner {
    <#
    .SYNOPSIS
        How this machine runs another platform's test binaries: what is missing, and the environment cargo
        needs (its target runner). Initialize-TestRunner prepares it before the first test.
    #>
    param(
        [Parameter(Mandatory)] $Platform
    )
    $runner = [ordered]@{ Missing = @(); Description = ''; Environment = @{}; WinePrefix = $null }
    if (-not ($IsLinux -and [Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -eq 'X64')) {
        $runner.Missing = @("this machine has no runner for $($Platform.Rid) (Wine and qemu-user are set up for Linux x64 only)")
        return [pscustomobject] $runner
    }
    $runnerVariable = 'CARGO_TARGET_{0}_RUNNER' -f $Platform.RustTarget.ToUpperInvariant().Replace('-', '_')
    switch ($Platform.Rid) {
        'win-x64' {
            $wine = @(Get-Command wine64, /usr/lib/wine/wine64 -ErrorAction Ignore | Select-Object -First 1)
            if (-not $wine) { $runner.Missing += 'Wine (64-bit). Install it with: apt-get install wine64' }
            if (-not (Get-Command x86_64-w64-mingw32-gcc -ErrorAction Ignore)) {
                $runner.Missing += 'x86_64-w64-mingw32-gcc, for Wine''s bcryptprimitives.dll. Install it with: apt-get install gcc-mingw-w64-x86-64'
            }
            if ($runner.Missing) { break }
            # Outside the repository: a prefix links z: to / , which a recursive walk of the tree would follow.
            $prefix = Join-Path ($env:XDG_CACHE_HOME ?? (Join-Path $HOME '.cache')) 'secretsmanager-native' 'wine-prefix'
            $runner.Description = "Wine ($((& $wine[0].Source --version) -join ''))"
            $runner.Environment = @{
                $runnerVariable = $wine[0].Source
                WINEPREFIX = $prefix
                WINEDEBUG = '-all'
                # No Mono or Gecko install prompt: the tests are console programs.
                WINEDLLOVERRIDES = 'mscoree,mshtml='
            }
            $runner.WinePrefix = $prefix
        }
        'linux-arm64' {
            $qemu = @(Get-Command qemu-aarch64-static, qemu-aarch64 -ErrorAction Ignore | Select-Object -First 1)
            $sysroot = '/usr/aarch64-linux-gnu'
            if (-not $qemu) { $runner.Missing += 'qemu-user. Install it with: apt-get install qemu-user-static' }
            if (-not (Test-Path (Join-Path $sysroot 'lib' 'ld-linux-aarch64.so.1'))) {
                $runner.Missing += "an arm64 glibc for qemu in $sysroot. Install it with: apt-get install libc6-arm64-cross"
            }
            if ($runner.Missing) { break }
            $runner.Description = "qemu-user ($((& $qemu[0].Source --version | Select-Object -First 1)))"
            $runner.Environment = @{ $runnerVariable = "$($qemu[0].Source) -L $sysroot" }
        }
        default { $runner.Missing = @("this machine has no runner for $($Platform.Rid)") }
    }
    [pscustomobject] $runner
}

function Initialize-TestRunner {
    <#
    .SYNOPSIS
        Prepares a runner from Get-TestRunner before its first test: for Wine, a prefix for the tests only
        (under ~/.cache), with the ProcessPrng shim Rust's std needs (build/wine/bcryptprimitives.c) in its
        system32.
    #>
    param(
        [Parameter(Mandatory)] $Runner,
        [Parameter(Mandatory)] [string] $Root
    )
    $Prefix = $Runner.WinePrefix
    if (-not $Prefix) { return }
    $Wine = $Runner.Environment['CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER']
    $system32 = Join-Path $Prefix 'drive_c' 'windows' 'system32'
    if (-not (Test-Path $system32)) {
        $null = New-Item -ItemType Directory -Force -Path $Prefix
        & $Wine wineboot --init 2>&1 | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "wineboot --init failed for $Prefix (exit code $LASTEXITCODE)." }
        $wineserver = Join-Path (Split-Path -Parent $Wine) 'wineserver'
        if (Test-Path $wineserver) { & $wineserver --wait }
    }
    $shim = Join-Path $system32 'bcryptprimitives.dll'
    & x86_64-w64-mingw32-gcc -shared -O2 -s -o $shim (Join-Path $Root 'build' 'wine' 'bcryptprimitives.c') -ladvapi32
    if ($LASTEXITCODE -ne 0) { throw "Building $shim failed (exit code $LASTEXITCODE)." }
}

Export-ModuleMember -Function Test-ZigBuild, Get-ZigBuildHint, Get-MissingToolchain, Get-TestRunner, Initialize-TestRunner
