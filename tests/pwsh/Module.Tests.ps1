Set-StrictMode -Version Latest

BeforeAll {
    $ModulePath = $env:SMN_TEST_MODULE
    $Manifest = Join-Path $ModulePath 'SecretsManager.Native.psd1'
    $CargoToml = Join-Path $PSScriptRoot '..' '..' 'Cargo.toml'
}

Describe 'The built module' {
    It 'has a valid manifest whose version is the workspace version' {
        $module = Test-ModuleManifest -Path $Manifest
        $workspaceVersion = (Select-String -Path $CargoToml -Pattern '^version\s*=\s*"([^"]+)"').Matches[0].Groups[1].Value
        $module.Version | Should -Be ([version]$workspaceVersion)
        $module.CompatiblePSEditions | Should -Be @('Core')
    }

    It 'exports exactly its commands' {
        $module = Import-Module $Manifest -PassThru -Force
        $module.ExportedCommands.Keys | Sort-Object | Should -Be @('Clear-AWSCredential', 'Clear-AWSCredentials', 'Clear-AWSHistory', 'Clear-AWSProxy',
            'Clear-DefaultAWSRegion', 'Get-AWSCredential', 'Get-AWSCredentials', 'Get-DefaultAWSRegion', 'New-AWSCredential', 'New-AWSCredentials',
            'Remove-AWSCredentialProfile', 'Set-AWSCredential', 'Set-AWSCredentials', 'Set-AWSHistoryConfiguration', 'Set-AWSProxy', 'Set-DefaultAWSRegion',
            'Write-SECSecretValue')
    }

    It 'keeps the native library in the per-platform runtimes folder' {
        $rid = '{0}-{1}' -f ($IsWindows ? 'win' : $IsMacOS ? 'osx' : 'linux'), [Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLower()
        Get-ChildItem (Join-Path $ModulePath 'runtimes' $rid 'native') | Should -HaveCount 1
    }
}
