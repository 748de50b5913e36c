Set-StrictMode -Version Latest

BeforeAll {
    $ModulePath = $env:SMN_TEST_MODULE
    $Version = (Import-PowerShellDataFile (Join-Path $ModulePath 'SecretsManager.Native.psd1')).ModuleVersion
    $Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $Rid = '{0}-{1}' -f ($IsWindows ? 'win' : $IsMacOS ? 'osx' : 'linux'), [Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant()

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
            $rid | Should -BeIn 'linux-x64', 'linux-arm64', 'osx-x64', 'osx-arm64', 'win-x64', 'win-arm64'
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
        Move-Item (Join-Path $installed 'runtimes' $Rid) (Join-Path $installed 'runtimes' $other)
        $result = Invoke-FreshPwsh $modulesRoot @'
Import-Module SecretsManager.Native
try { Write-SECSecretValue -SecretId x -SecretString y -Region us-east-1 -AccessKey a -SecretKey b; 'no-error' }
catch { "error=$($_.Exception.GetBaseException().Message)" }
'@
        $result.Text | Should -Not -Match 'no-error'
        $result.Text | Should -Match ([regex]::Escape("no native library for this platform ($Rid)"))
        $result.Text | Should -Match "carries native libraries for $other;"
        $result.Text | Should -Match 'linux-x64, linux-arm64, osx-x64, osx-arm64, win-x64, win-arm64'
    }
}
