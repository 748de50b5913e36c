Set-StrictMode -Version Latest

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    $null = New-TestSecret 'format/app'
    $Response = Write-SECSecretValue -SecretId 'format/app' -SecretString 'shown-nowhere' -VersionStage AWSPENDING, blue @Connection

    function Complete([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
}

Describe 'How a PutSecretValueResponse prints' {
    It 'is a table of Name, VersionId, VersionStages and ARN by default' {
        $lines = ($Response | Out-String -Width 400) -split '\r?\n' | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^Name\s+VersionId\s+VersionStages\s+ARN\s*$'
        $lines[2] | Should -Match ([regex]::Escape('format/app'))
        $lines[2] | Should -Match ([regex]::Escape($Response.VersionId))
        $lines[2] | Should -Match 'AWSPENDING, blue'
        $lines[2] | Should -Match ([regex]::Escape($Response.ARN))
    }

    It 'lists the same four properties with Format-List' {
        $text = $Response | Format-List | Out-String -Width 400
        $text | Should -Match "ARN\s+: $([regex]::Escape($Response.ARN))"
        $text | Should -Match 'Name\s+: format/app'
        $text | Should -Match "VersionId\s+: $([regex]::Escape($Response.VersionId))"
        $text | Should -Match 'VersionStages\s+: AWSPENDING, blue'
        $text | Should -Not -Match 'shown-nowhere'
    }

    It 'keeps the other properties reachable' {
        $Response.HttpStatusCode | Should -Be 'OK'
        $Response.ResponseMetadata.RequestId | Should -Not -BeNullOrEmpty
    }
}

Describe 'Tab completion' {
    It 'offers region names for -Region, filtered by what is typed' {
        $completions = @(Complete 'Write-SECSecretValue -Region eu-w')
        $completions.CompletionText | Should -Contain 'eu-west-1'
        $completions.CompletionText | Should -Contain 'eu-west-3'
        $completions.CompletionText | Where-Object { $_ -notlike 'eu-w*' } | Should -BeNullOrEmpty
        ($completions | Where-Object CompletionText -EQ 'eu-west-1').ToolTip | Should -Be 'Europe (Ireland)'
    }

    It 'offers every region for an empty -Region, and also through the RegionToCall alias' {
        @(Complete 'Write-SECSecretValue -Region ').CompletionText | Should -Contain 'us-east-1'
        @(Complete 'Write-SECSecretValue -RegionToCall ap-northeast-').CompletionText | Should -Be @('ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3')
    }

    It 'offers the response properties and ^parameters for -Select' {
        $values = @(Complete 'Write-SECSecretValue -Select ').CompletionText.Trim("'")
        $values | Should -Contain 'VersionId'
        $values | Should -Contain '^SecretId'
    }
}
