Set-StrictMode -Version Latest

BeforeDiscovery {
    # One set of tests per exported cmdlet (aliases share their help), found from the built module.
    $module = Import-Module (Join-Path $env:SMN_TEST_MODULE 'SecretsManager.Native.psd1') -PassThru -Force
    $Commands = @($module.ExportedCmdlets.Values | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $env:SMN_TEST_MODULE 'SecretsManager.Native.psd1') -Force
    $CommonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

Describe 'Help of <Name>' -ForEach $Commands {
    BeforeAll {
        $Help = Get-Help $Name -Full
        $Command = Get-Command $Name
        # Get-Help leaves out the parameter list of a command that has none.
        $HelpParameters = @($Help.PSObject.Properties['parameters']?.Value?.PSObject.Properties['parameter']?.Value | Where-Object { $_ })
    }

    It 'has a synopsis of its own, not the generated syntax' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis | Should -Not -BeLike "*$Name *[<CommonParameters>]*"
    }

    It 'has a description' {
        ($Help.description.Text -join ' ').Length | Should -BeGreaterThan 100
    }

    It 'describes every parameter the command has' {
        $documented = @($HelpParameters | Where-Object { $_.description.Text -join '' } | ForEach-Object name)
        $parameters = @($Command.Parameters.Keys | Where-Object { $_ -notin $CommonParameters })
        foreach ($parameter in $parameters) {
            $documented | Should -Contain $parameter -Because "-$parameter needs help text in pwsh/help/$Name.help.psd1"
        }
    }

    It 'takes the parameter facts from the cmdlet itself' {
        foreach ($parameter in $HelpParameters) {
            $metadata = $Command.Parameters[$parameter.name]
            $parameter.type.name | Should -Be $metadata.ParameterType.FullName
            $aliases = $metadata.Aliases.Count ? ($metadata.Aliases -join ', ') : 'none'
            $parameter.aliases | Should -Be $aliases
        }
    }

    It 'has at least three examples with code and remarks' {
        $examples = @($Help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 3
        foreach ($example in $examples) {
            $example.code | Should -Match $Name
            ($example.remarks.Text -join '') | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'What the help of Write-SECSecretValue covers' {
    BeforeAll {
        $Full = Get-Help Write-SECSecretValue -Full | Out-String -Width 200
        $Code = (Get-Help Write-SECSecretValue).examples.example.code -join "`n"
    }

    It 'shows examples for <Topic>' -ForEach @(
        @{ Topic = 'a string secret from JSON'; Pattern = 'ConvertTo-Json[\s\S]*-SecretString' }
        @{ Topic = 'a binary secret from a file'; Pattern = 'ReadAllBytes[\s\S]*-SecretBinary' }
        @{ Topic = 'staged rotation'; Pattern = '-VersionStage AWSPENDING' }
        @{ Topic = '-Select'; Pattern = '-Select \w+' }
        @{ Topic = '-WhatIf'; Pattern = '-WhatIf' }
    ) {
        $Code | Should -Match $Pattern
    }

    It 'shows everything with -Full: synopsis, description, parameters, examples, links' {
        $Full | Should -Match 'SYNOPSIS\s+Stores a new value'
        $Full | Should -Match 'DESCRIPTION\s+Write-SECSecretValue adds a new version'
        $Full | Should -Match '-SecretId <String>\s+The name or the full ARN'
        $Full | Should -Match 'Position\?\s+1'
        $Full | Should -Match 'Accept pipeline input\?\s+True \(ByValue, ByPropertyName\)'
        $Full | Should -Match 'Example 3'
        $Full | Should -Match 'about_SecretsManager.Native'
        $Full | Should -Match 'Amazon.SecretsManager.Model.PutSecretValueResponse'
    }

    # The common parameters of AWS Tools' service cmdlets: docs/aws-tools-behaviour.md §2.1.
    It 'has help text for the common AWS parameters, ready for when the cmdlet has them' {
        $prose = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '..' '..' 'pwsh' 'help' 'Write-SECSecretValue.help.psd1')).Parameters
        $spec = 'AccessKey', 'SecretKey', 'SessionToken', 'ProfileName', 'ProfileLocation', 'Credential', 'NetworkCredential',
            'Region', 'EndpointUrl', 'ClientConfig', 'Select', 'PassThru', 'Force', 'RotationToken', 'ClientRequestToken',
            'VersionStage', 'SecretBinary', 'SecretString', 'SecretId'
        foreach ($name in $spec) { $prose[$name] | Should -Not -BeNullOrEmpty -Because "-$name is part of the cmdlet's surface" }
    }
}

Describe 'about_SecretsManager.Native' {
    It 'is found by Get-Help and gives the credential and region order' {
        $text = Get-Help about_SecretsManager.Native | Out-String
        $text | Should -Match 'CREDENTIAL ORDER'
        $text | Should -Match 'REGION ORDER'
        $text | Should -Match 'AWS_PROFILE'
        $text | Should -Match 'AWS_REGION'
    }
}
