Set-StrictMode -Version Latest

BeforeDiscovery {
    # Every platform the module is made for (as hashtables, which -ForEach turns into variables), and
    # every native library this build carries.
    $Platforms = @(Import-Csv (Join-Path $PSScriptRoot '..' '..' 'platforms.csv') | ForEach-Object {
            $row = @{}
            foreach ($property in $_.PSObject.Properties) { $row[$property.Name] = $property.Value }
            $row
        })
    $Libraries = @(Get-ChildItem (Join-Path $env:SMN_TEST_MODULE 'runtimes') -Recurse -File | ForEach-Object {
            $rid = Split-Path -Leaf (Split-Path -Parent $_.DirectoryName)
            @{ Rid = $rid; Path = $_.FullName; Name = $_.Name; Platform = $Platforms | Where-Object { $_.Rid -eq $rid } }
        })
}

BeforeAll {
    $ModulePath = $env:SMN_TEST_MODULE
    $Version = (Import-PowerShellDataFile (Join-Path $ModulePath 'SecretsManager.Native.psd1')).ModuleVersion
    $Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $Platforms = @(Import-Csv (Join-Path $PSScriptRoot '..' '..' 'platforms.csv'))
    $Os = $IsWindows ? 'Windows' : $IsMacOS ? 'OSX' : 'Linux'
    $Rid = ($Platforms | Where-Object { $_.Os -eq $Os -and $_.Architecture -eq [Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString() }).Rid
    Import-Module (Join-Path $PSScriptRoot '..' 'harness' 'NativeLibraryFacts.psm1')

    function Install-ModuleCopy([string] $ModulesRoot) {
        # What Install-Module leaves behind: <modules>/<Name>/<Version>/.
        $target = Join-Path $ModulesRoot 'SecretsManager.Native' $Version
        $null = New-Item -ItemType Directory -Force -Path $target
        Copy-Item (Join-Path $ModulePath '*') $target -Recurse
        $target
    }

    function Invoke-FreshPwsh([string] $ModulesRoot, [string] $Script) {
        # A new process whose module path starts with $ModulesRoot; the lines it prints come back.
        $saved = $env:PSModulePath
        try {
            $env:PSModulePath = $ModulesRoot + [IO.Path]::PathSeparator + $saved
            $output = & $Pwsh -NoProfile -NonInteractive -Command $Script 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = ($output | Out-String) }
        } finally {
            $env:PSModulePath = $saved
        }
    }
}

Describe 'The built module folder' {
    It 'is laid out as Name/Version/ for Publish-Module and Install-Module' {
        Split-Path -Leaf $ModulePath | Should -Be $Version
        Split-Path -Leaf (Split-Path -Parent $ModulePath) | Should -Be 'SecretsManager.Native'
    }

    It 'holds <File>' -ForEach @(
        @{ File = 'SecretsManager.Native.psd1' }
        @{ File = 'SecretsManager.Native.dll' }
        @{ File = 'SecretsManager.Native.Format.ps1xml' }
        @{ File = 'en-US/SecretsManager.Native.dll-Help.xml' }
        @{ File = 'en-US/about_SecretsManager.Native.help.txt' }
        @{ File = 'LICENSE' }
        @{ File = 'CHANGELOG.md' }
    ) {
        Join-Path $ModulePath $File | Should -Exist
    }

    It 'keeps each native library under runtimes/RID/native/ and none at the top' {
        $rids = (Get-ChildItem -Directory (Join-Path $ModulePath 'runtimes')).Name
        $rids | Should -Contain $Rid
        foreach ($rid in $rids) {
            $rid | Should -BeIn $Platforms.Rid
            Get-ChildItem (Join-Path $ModulePath 'runtimes' $rid 'native') -File | Should -HaveCount 1
        }
        Get-ChildItem $ModulePath -File -Filter '*secretsmanager_native*' | Should -BeNullOrEmpty
    }
}

Describe 'Installed into a fresh module path' {
    BeforeAll {
        $ModulesRoot = Join-Path $TestDrive 'Modules'
        $null = Install-ModuleCopy $ModulesRoot
    }

    It 'is found by name, and Get-Command finds the cmdlet before any import' {
        $result = Invoke-FreshPwsh $ModulesRoot @'
$available = Get-Module -ListAvailable SecretsManager.Native
"available=$($available.ModuleBase)"
"loaded-before=$([bool](Get-Module SecretsManager.Native))"
"command-module=$((Get-Command Write-SECSecretValue).Source)"
"completion=$((TabExpansion2 -inputScript 'Write-SECSecretV' -cursorColumn 16).CompletionMatches.CompletionText -join ',')"
'@
        $result.ExitCode | Should -Be 0 -Because $result.Text
        $result.Text | Should -Match ([regex]::Escape("available=$(Join-Path $ModulesRoot 'SecretsManager.Native' $Version)"))
        $result.Text | Should -Match 'loaded-before=False'
        $result.Text | Should -Match 'command-module=SecretsManager.Native'
        $result.Text | Should -Match 'completion=Write-SECSecretValue'
    }

    It 'imports by name and writes a secret with the installed copy' {
        Import-Module (Join-Path $PSScriptRoot '..' 'harness' 'MotoServer.psm1')
        $null = Invoke-MotoApi $env:SMN_TEST_ENDPOINT CreateSecret @{ Name = 'installed/app' }
        $result = Invoke-FreshPwsh $ModulesRoot @"
`$ErrorActionPreference = 'Stop'
Import-Module SecretsManager.Native
"base=`$((Get-Module SecretsManager.Native).ModuleBase)"
`$r = Write-SECSecretValue -SecretId installed/app -SecretString from-installed -Region us-east-1 -EndpointUrl '$env:SMN_TEST_ENDPOINT' -AccessKey test -SecretKey test
"name=`$(`$r.Name)"
"@
        $result.ExitCode | Should -Be 0 -Because $result.Text
        $result.Text | Should -Match ([regex]::Escape("base=$(Join-Path $ModulesRoot 'SecretsManager.Native' $Version)"))
        $result.Text | Should -Match 'name=installed/app'
        (Invoke-MotoApi $env:SMN_TEST_ENDPOINT GetSecretValue @{ SecretId = 'installed/app' }).SecretString | Should -Be 'from-installed'
    }
}

Describe 'A module folder without this platform''s native library' {
    It 'fails with an error naming the platform, the ones it carries and the supported ones' {
        $modulesRoot = Join-Path $TestDrive 'Incomplete'
        $installed = Install-ModuleCopy $modulesRoot
        # Only another platform's folder is left (a copy of this one's library stands in for its file).
        $other = $Rid -eq 'win-arm64' ? 'linux-arm64' : 'win-arm64'
        Get-ChildItem -Directory (Join-Path $installed 'runtimes') | Where-Object Name -NE $Rid | Remove-Item -Recurse -Force
        Move-Item (Join-Path $installed 'runtimes' $Rid) (Join-Path $installed 'runtimes' $other)
        $result = Invoke-FreshPwsh $modulesRoot @'
Import-Module SecretsManager.Native
try { Write-SECSecretValue -SecretId x -SecretString y -Region us-east-1 -AccessKey a -SecretKey b; 'no-error' }
catch { "error=$($_.Exception.GetBaseException().Message)" }
'@
        $result.Text | Should -Not -Match 'no-error'
        $result.Text | Should -Match ([regex]::Escape("no native library for this platform ($Rid)"))
        $result.Text | Should -Match "carries native libraries for $other;"
        $result.Text | Should -Match ([regex]::Escape("the module is made for $($Platforms.Rid -join ', ')."))
    }
}

Describe 'platforms.csv, the one table of platforms' {
    # The table decides names for build.ps1, the resolver and these tests; here it is held to the
    # conventions it must follow: .NET's runtime identifiers and the file names cargo gives a cdylib.
    It '<Rid> is .NET''s runtime identifier for <Os> <Architecture>, and <FileName> the cdylib name there' -ForEach $Platforms {
        $prefix = @{ Windows = 'win'; OSX = 'osx'; Linux = 'linux' }[$Os]
        $Rid | Should -BeExactly "$prefix-$($Architecture.ToLowerInvariant())"
        $expected = @{ Windows = 'secretsmanager_native.dll'; OSX = 'libsecretsmanager_native.dylib'; Linux = 'libsecretsmanager_native.so' }[$Os]
        $FileName | Should -BeExactly $expected
        $RustTarget | Should -Match ('^{0}-' -f @{ X64 = 'x86_64'; Arm64 = 'aarch64' }[$Architecture])
    }
}

Describe 'The native-library resolver' {
    BeforeAll {
        # Its test hooks take the platform, so every one is asked for on this machine.
        $assembly = [Reflection.Assembly]::LoadFrom((Join-Path $ModulePath 'SecretsManager.Native.dll'))
        $static = [Reflection.BindingFlags]'Static, NonPublic'
        $resolver = $assembly.GetType('SecretsManager.Native.Interop.NativeLibraryResolver', $true)
        $platformTable = $assembly.GetType('SecretsManager.Native.Interop.NativePlatforms', $true)
        function Get-ResolvedPath([string] $Os, [string] $Architecture) {
            $resolver.GetMethod('LibraryPath', $static).Invoke($null, @('/m', $Os, [Runtime.InteropServices.Architecture] $Architecture))
        }
        function Get-ResolvedRid([string] $Os, [string] $Architecture) {
            $platformTable.GetMethod('RuntimeIdentifier', $static).Invoke($null, @($Os, [Runtime.InteropServices.Architecture] $Architecture))
        }
    }

    It 'loads runtimes/<Rid>/native/<FileName> on <Os> <Architecture>' -ForEach $Platforms {
        Get-ResolvedPath $Os $Architecture | Should -Be ([IO.Path]::Combine('/m', 'runtimes', $Rid, 'native', $FileName))
        Get-ResolvedRid $Os $Architecture | Should -Be $Rid
    }

    It 'knows no library for a platform the table lacks, and names it' {
        Get-ResolvedPath 'FreeBSD' 'X64' | Should -BeNullOrEmpty
        Get-ResolvedRid 'FreeBSD' 'X64' | Should -Be 'freebsd-x64'
        if (-not ($Platforms | Where-Object Rid -EQ 'win-arm64')) {
            Get-ResolvedPath 'Windows' 'Arm64' | Should -BeNullOrEmpty
            Get-ResolvedRid 'Windows' 'Arm64' | Should -Be 'win-arm64'
        }
    }

    It 'finds the library build.ps1 put in the module for this machine' {
        Get-ResolvedPath $Os ([Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture) |
            ForEach-Object { $_.Replace('/m', $ModulePath) } | Should -Exist
    }
}

Describe 'Every native library in the module: <Rid>' -ForEach $Libraries {
    It 'is a platform of platforms.csv, under its file name' {
        $Platform | Should -Not -BeNullOrEmpty -Because "$Rid must be a row of platforms.csv"
        $Name | Should -BeExactly $Platform.FileName
    }

    It 'exports exactly the functions of the FFI inventory' {
        # bindgen writes the list from ffi_inventory() next to the C# bindings on every build.
        $inventory = Get-Content (Join-Path $PSScriptRoot '..' '..' 'target' 'bindings' 'exports.txt') | Where-Object { $_ }
        $inventory.Count | Should -BeGreaterThan 10 -Because 'the inventory list was read'
        Get-NativeLibraryExport $Path | Should -Be ($inventory | Sort-Object)
    }

    if ($Platform -and $Platform.Os -eq 'Linux') {
        It 'needs no newer glibc than its floor in platforms.csv, <Platform.GlibcFloor>' {
            # build.ps1 links with the machine's own glibc, with a warning, when zig is missing.
            Get-GlibcVersionNeeded $Path | Should -BeLessOrEqual ([version] $Platform.GlibcFloor) -Because 'build.ps1 links Linux libraries with cargo-zigbuild against the floor; without it (bash .ci/install-toolchains.sh installs it) the library needs this machine''s glibc'
        }
    }

    if ($Platform -and $Platform.Os -eq 'Windows') {
        It 'imports only DLLs of Windows itself, none that could be planted beside a script' {
            # Loaded by absolute path; its own imports are found in System32 (or are API sets, which the
            # loader maps itself). A mingw runtime DLL (libgcc_s_seh, libwinpthread) would be looked for
            # elsewhere too: +crt-static (.cargo/config.toml) links those in.
            $system = 'kernel32.dll', 'ntdll.dll', 'msvcrt.dll', 'advapi32.dll', 'bcrypt.dll', 'bcryptprimitives.dll', 'crypt32.dll', 'ws2_32.dll', 'userenv.dll', 'secur32.dll', 'ole32.dll', 'oleaut32.dll', 'shell32.dll', 'user32.dll'
            $imports = @(Get-DllImport $Path | ForEach-Object ToLowerInvariant | Sort-Object -Unique)
            $imports | Should -Contain 'kernel32.dll' -Because 'the import table was read'
            $imports | Where-Object { $_ -notin $system -and $_ -notmatch '^api-ms-win-' } | Should -BeNullOrEmpty
        }
    }
}
