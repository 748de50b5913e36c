Set-StrictMode -Version Latest

BeforeAll {
    $ModulePath = $env:SMN_TEST_MODULE
    $ManifestPath = Join-Path $ModulePath 'SecretsManager.Native.psd1'
    $Manifest = Test-ModuleManifest -Path $ManifestPath
    $Data = Import-PowerShellDataFile -Path $ManifestPath
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest with the module''s own GUID and a semantic version' {
        $Manifest.Guid | Should -Be '6f0958b6-39bf-49e0-8abd-cb6686de46fb'
        $Manifest.Version.ToString() | Should -Match '^\d+\.\d+\.\d+$'
        $Manifest.Author | Should -Not -BeNullOrEmpty
        $Manifest.Description | Should -Match 'Write-SECSecretValue'
    }

    It 'runs on PowerShell 7.4 or later, Core edition only' {
        $Manifest.PowerShellVersion | Should -Be ([version]'7.4')
        $Manifest.CompatiblePSEditions | Should -Be @('Core')
    }

    It 'lists its exports explicitly, without wildcards' {
        foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'AliasesToExport', 'VariablesToExport') {
            $Data.ContainsKey($key) | Should -BeTrue -Because "$key must be explicit for fast auto-loading"
            @($Data[$key]) -join ',' | Should -Not -Match '\*'
        }
        $Data.CmdletsToExport | Should -Contain 'Write-SECSecretValue'
    }

    It 'processes a format file that exists in the module folder' {
        $Data.FormatsToProcess | Should -Be @('SecretsManager.Native.Format.ps1xml')
        Join-Path $ModulePath $Data.FormatsToProcess[0] | Should -Exist
    }

    It 'carries the Gallery metadata: tags, license, project and release notes' {
        $psData = $Data.PrivateData.PSData
        $psData.Tags | Should -Contain 'SecretsManager'
        $psData.Tags | Should -Contain 'PSEdition_Core'
        $psData.Tags | Where-Object { $_ -match '\s' } | Should -BeNullOrEmpty -Because 'Gallery tags can''t contain spaces'
        [uri]$psData.LicenseUri | Should -Not -BeNullOrEmpty
        ([uri]$psData.LicenseUri).IsAbsoluteUri | Should -BeTrue
        ([uri]$psData.ProjectUri).IsAbsoluteUri | Should -BeTrue
        $psData.ReleaseNotes | Should -Not -BeNullOrEmpty
        $Manifest.LicenseUri | Should -Be $psData.LicenseUri
    }

    It 'ships the license and the changelog with the module' {
        Join-Path $ModulePath 'LICENSE' | Should -FileContentMatch 'Apache License'
        Join-Path $ModulePath 'CHANGELOG.md' | Should -FileContentMatch ([regex]::Escape("[$($Manifest.Version)]"))
    }
}
