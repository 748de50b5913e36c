Set-StrictMode -Version Latest

BeforeAll {
    $RepoRoot = Join-Path $PSScriptRoot '..' '..'
    $Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

    function Get-PowerShellBlock([string] $Path) {
        # The ```powershell fenced blocks of a Markdown page, in order.
        [regex]::Matches((Get-Content -Raw $Path), '(?ms)^```powershell\r?\n(.*?)^```').ForEach({ $_.Groups[1].Value })
    }
}

Describe 'docs/pester.md' {
    It 'has a mocking example that passes as written, with only this module on the module path' {
        $blocks = @(Get-PowerShellBlock (Join-Path $RepoRoot 'docs' 'pester.md'))
        $blocks.Count | Should -Be 2
        Set-Content (Join-Path $TestDrive 'Update-AppPassword.ps1') $blocks[0]
        Set-Content (Join-Path $TestDrive 'Update-AppPassword.Tests.ps1') $blocks[1]

        # <out>/SecretsManager.Native/<version>: the module path is <out>, as after Install-Module.
        $modules = Split-Path -Parent (Split-Path -Parent $env:SMN_TEST_MODULE)
        $saved = $env:PSModulePath
        try {
            $env:PSModulePath = $modules + [IO.Path]::PathSeparator + $saved
            $output = & $Pwsh -NoProfile -NonInteractive -Command @"
`$r = Invoke-Pester -Path '$(Join-Path $TestDrive 'Update-AppPassword.Tests.ps1')' -PassThru -Output None
"aws-modules=`$(@(Get-Module AWS.Tools.*).Count) passed=`$(`$r.PassedCount) failed=`$(`$r.FailedCount)"
"@ 2>&1 | Out-String
        } finally {
            $env:PSModulePath = $saved
        }
        $output | Should -Match 'aws-modules=0 passed=3 failed=0'
    }
}

Describe 'README.md' {
    BeforeAll { $Readme = Get-Content -Raw (Join-Path $RepoRoot 'README.md') }

    It 'gives the two commands' {
        $Readme | Should -Match 'pwsh ./build.ps1 Demo'
        $Readme | Should -Match 'pwsh ./build.ps1 Test'
    }

    It 'has the sections a newcomer looks for: <Section>' -ForEach @(
        @{ Section = 'Install' }, @{ Section = 'Use' }, @{ Section = 'Compatibility' },
        @{ Section = 'Where credentials and region come from' }, @{ Section = 'Performance' }, @{ Section = 'License' }
    ) {
        $Readme | Should -Match "(?m)^## $Section\s*$"
    }

    It 'links to <Page>, which exists' -ForEach @(
        @{ Page = 'docs/migration.md' }, @{ Page = 'docs/pester.md' }, @{ Page = 'docs/compatibility.md' },
        @{ Page = 'CHANGELOG.md' }, @{ Page = 'LICENSE' }
    ) {
        $Readme | Should -Match ([regex]::Escape("]($Page)"))
        Join-Path $RepoRoot $Page | Should -Exist
    }

    It 'links the performance section to BENCHMARKS.md' {
        $Readme | Should -Match '(?ms)^## Performance.*\]\(BENCHMARKS\.md\)'
    }
}

Describe 'docs/migration.md' {
    It 'says what changes and what is not supported, with an alternative for each' {
        $text = Get-Content -Raw (Join-Path $RepoRoot 'docs' 'migration.md')
        $text | Should -Match '(?m)^## What changes'
        $text | Should -Match '(?m)^## What is not supported, and what to use instead'
        $rows = [regex]::Matches(($text -split '## What is not supported')[1], '(?m)^\| (?!Not supported|---)(.+?) \| (.+?) \|$')
        $rows.Count | Should -BeGreaterOrEqual 4
        foreach ($row in $rows) { $row.Groups[2].Value.Trim() | Should -Not -BeNullOrEmpty }
    }
}

Describe 'References to documents' {
    BeforeDiscovery {
        $SamplesFile = Join-Path $PSScriptRoot 'DocReferences.Samples.psd1'
        $Broken = (Import-PowerShellDataFile $SamplesFile).Broken
    }
    BeforeAll {
        Import-Module (Join-Path $RepoRoot 'tests' 'harness' 'DocReferences.psm1') -Force
        $SamplesFile = 'tests/pwsh/DocReferences.Samples.psd1'
        $Samples = Import-PowerShellDataFile (Join-Path $RepoRoot $SamplesFile)

        # The sample repository, to show that each kind of broken reference is found.
        $Sample = Join-Path $TestDrive 'repository'
        New-Item -ItemType Directory (Join-Path $Sample 'docs'), (Join-Path $Sample 'src') | Out-Null
        foreach ($page in $Samples.Pages.GetEnumerator()) { Set-Content (Join-Path $Sample $page.Key) $page.Value }
        Set-Content (Join-Path $TestDrive $Samples.Outside) '# Outside the repository'
        function Find-InSample([string] $Text) {
            Set-Content (Join-Path $Sample 'src' 'code.rs') $Text
            Find-BrokenDocReference -Root $Sample -File ([string[]] $Samples.Pages.Keys + 'src/code.rs')
        }
    }

    It 'every docs/….md path, #anchor and § number in the repository resolves inside it' {
        $files = @(Get-RepositoryTextFile $RepoRoot)
        $files | Should -Contain 'docs/aws-tools-behaviour.md'
        $files | Should -Contain $SamplesFile
        $files.Count | Should -BeGreaterThan 100
        Find-BrokenDocReference -Root $RepoRoot -File ($files -ne $SamplesFile) | Should -BeNullOrEmpty
    }

    It 'the specifications the code cites are in docs/: <Page>' -ForEach @(
        @{ Page = 'aws-tools-behaviour.md' }, @{ Page = 'decisions.md' }, @{ Page = 'moto-fidelity.md' }
    ) {
        Join-Path $RepoRoot 'docs' $Page | Should -Exist
    }

    It 'accepts references that resolve' {
        Find-InSample $Samples.Resolving | Should -BeNullOrEmpty
    }

    It 'finds <Case>' -ForEach $Broken {
        $found = @(Find-InSample $Text)
        $found.Count | Should -Be 1 -Because ($found -join '; ')
        $found[0] | Should -BeLike "src/code.rs:1: $Why*"
    }
}
