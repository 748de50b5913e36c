Set-StrictMode -Version Latest

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    $Command = Get-Command Write-SECSecretValue
}

Describe 'Write-SECSecretValue parameters are those of AWS Tools V4' {
    Context 'Declarations' {
        It '<Name> is <Type>, position <Position>, aliases <Aliases>' -ForEach @(
            @{ Name = 'SecretString'; Type = 'SecretsManager.Native.Cmdlets.StringOrSecureString'; Position = 0; Aliases = @(); ByValue = $true }
            @{ Name = 'SecretId'; Type = [string]; Position = [int]::MinValue; Aliases = @(); ByValue = $false }
            @{ Name = 'SecretBinary'; Type = [byte[]]; Position = [int]::MinValue; Aliases = @(); ByValue = $false }
            @{ Name = 'ClientRequestToken'; Type = [string]; Position = [int]::MinValue; Aliases = @(); ByValue = $false }
            @{ Name = 'VersionStage'; Type = [string[]]; Position = [int]::MinValue; Aliases = @('VersionStages'); ByValue = $false }
            @{ Name = 'RotationToken'; Type = [string]; Position = [int]::MinValue; Aliases = @(); ByValue = $false }
            @{ Name = 'Select'; Type = [string]; Position = [int]::MinValue; Aliases = @(); ByValue = $false }
            @{ Name = 'PassThru'; Type = [switch]; Position = [int]::MinValue; Aliases = @(); ByValue = $false }
            @{ Name = 'Force'; Type = [switch]; Position = [int]::MinValue; Aliases = @(); ByValue = $false }
            @{ Name = 'Region'; Type = [object]; Position = [int]::MinValue; Aliases = @('RegionToCall'); ByValue = $false }
            @{ Name = 'AccessKey'; Type = [string]; Position = [int]::MinValue; Aliases = @('AK'); ByValue = $false }
            @{ Name = 'SecretKey'; Type = [string]; Position = [int]::MinValue; Aliases = @('SK', 'SecretAccessKey'); ByValue = $false }
            @{ Name = 'SessionToken'; Type = [string]; Position = [int]::MinValue; Aliases = @('ST'); ByValue = $false }
            @{ Name = 'EndpointUrl'; Type = [string]; Position = [int]::MinValue; Aliases = @(); ByValue = $false }
            @{ Name = 'ProfileName'; Type = [string]; Position = [int]::MinValue; Aliases = @('StoredCredentials', 'AWSProfileName'); ByValue = $false }
            @{ Name = 'ProfileLocation'; Type = [string]; Position = [int]::MinValue; Aliases = @('AWSProfilesLocation', 'ProfilesLocation'); ByValue = $false }
            # By value as in V4, typed so that only credential objects bind that way (docs/compatibility.md, §2.1).
            @{ Name = 'Credential'; Type = 'Amazon.Runtime.AWSCredentials'; Position = [int]::MinValue; Aliases = @(); ByValue = $true }
            # Not by value, unlike V4: a PSCredential converts from any piped object (docs/compatibility.md, §2.1).
            @{ Name = 'NetworkCredential'; Type = [pscredential]; Position = [int]::MinValue; Aliases = @(); ByValue = $false }
            @{ Name = 'ClientConfig'; Type = [object]; Position = [int]::MinValue; Aliases = @(); ByValue = $false }
        ) {
            $parameter = $Command.Parameters[$Name]
            # A type name for types the module defines (not loaded yet at discovery); see Surface.SecureString.
            $parameter.ParameterType | Should -Be ($Type -is [string] ? $Type -as [type] : $Type)
            @($parameter.Aliases) | Should -Be $Aliases
            $attribute = $parameter.Attributes | Where-Object { $_ -is [Management.Automation.ParameterAttribute] }
            $attribute.Position | Should -Be $Position
            $attribute.ValueFromPipeline | Should -Be $ByValue
            $attribute.ValueFromPipelineByPropertyName | Should -BeTrue
            $attribute.ParameterSetName | Should -Be '__AllParameterSets'
        }

        It 'has only SecretString as a positional parameter' {
            $positional = $Command.Parameters.Values | Where-Object {
                $_.Attributes | Where-Object { $_ -is [Management.Automation.ParameterAttribute] -and $_.Position -ge 0 }
            }
            $positional.Name | Should -Be @('SecretString')
        }

        It 'makes SecretId mandatory but allows $null and an empty string' {
            $attributes = $Command.Parameters['SecretId'].Attributes
            ($attributes | Where-Object { $_ -is [Management.Automation.ParameterAttribute] }).Mandatory | Should -BeTrue
            $attributes.TypeId.Name | Should -Contain 'AllowNullAttribute'
            $attributes.TypeId.Name | Should -Contain 'AllowEmptyStringAttribute'
            $mandatory = $Command.Parameters.Values | Where-Object {
                $_.Attributes | Where-Object { $_ -is [Management.Automation.ParameterAttribute] -and $_.Mandatory }
            }
            $mandatory.Name | Should -Be @('SecretId')
        }

        It 'is a compiled cmdlet with ShouldProcess at Medium impact and the AWS Tools class name' {
            $Command.ImplementingType.FullName | Should -Be 'Amazon.PowerShell.Cmdlets.SEC.WriteSECSecretValueCmdlet'
            $Command.Parameters.Keys | Should -Contain 'WhatIf'
            $Command.Parameters.Keys | Should -Contain 'Confirm'
            $cmdletAttribute = $Command.ImplementingType.GetCustomAttributes([Management.Automation.CmdletAttribute], $false)[0]
            $cmdletAttribute.ConfirmImpact | Should -Be 'Medium'
            $Command.OutputType.Name | Should -Be 'Amazon.SecretsManager.Model.PutSecretValueResponse'
        }

        It 'marks -PassThru obsolete with the AWS Tools text' {
            $obsolete = $Command.ImplementingType.GetProperty('PassThru').GetCustomAttributes([ObsoleteAttribute], $false)[0]
            $obsolete.Message | Should -Be "The -PassThru parameter is deprecated, use -Select '^SecretString' instead. This parameter will be removed in a future version."
        }
    }

    Context 'Binding' {
        BeforeEach { Reset-MotoServer $Endpoint }

        It 'binds the first positional argument to SecretString' {
            $null = New-TestSecret 'pos/one'
            $null = Write-SECSecretValue 'positional value' -SecretId 'pos/one' @Connection
            (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'pos/one' }).SecretString | Should -BeExactly 'positional value'
        }

        It 'writes one version per piped CSV row with SecretId and SecretString columns' {
            $null = New-TestSecret 'csv/a'; $null = New-TestSecret 'csv/b'
            $rows = "SecretId,SecretString`ncsv/a,alpha`ncsv/b,beta" | ConvertFrom-Csv

            $responses = $rows | Write-SECSecretValue @Connection

            $responses | Should -HaveCount 2
            $responses.Name | Should -Be @('csv/a', 'csv/b')
            (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'csv/a' }).SecretString | Should -BeExactly 'alpha'
            (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'csv/b' }).SecretString | Should -BeExactly 'beta'
        }

        It 'binds VersionStages and ClientRequestToken from piped object properties' {
            $null = New-TestSecret 'obj/a'
            $null = Write-SECSecretValue -SecretId 'obj/a' -SecretString 'current' @Connection
            $token = [guid]::NewGuid().ToString()
            $row = [pscustomobject]@{ SecretId = 'obj/a'; SecretString = 'v'; VersionStages = @('AWSPENDING'); ClientRequestToken = $token }

            $response = $row | Write-SECSecretValue @Connection

            $response.VersionId | Should -Be $token
            $response.VersionStages | Should -Be @('AWSPENDING')
        }

        It 'accepts the common parameter aliases AK, SK, RegionToCall' {
            $null = New-TestSecret 'alias/a'
            $response = Write-SECSecretValue -SecretId 'alias/a' -SecretString 'x' -AK test -SK test -RegionToCall us-east-1 -EndpointUrl $Endpoint
            $response.Name | Should -Be 'alias/a'
        }

        It 'accepts -RotationToken and still writes the value' {
            $null = New-TestSecret 'rot/a'
            $response = Write-SECSecretValue -SecretId 'rot/a' -SecretString 'rotated' -RotationToken ('t' * 40) @Connection
            $response.Name | Should -Be 'rot/a'
            (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'rot/a' }).SecretString | Should -BeExactly 'rotated'
        }

        It 'warns with the AWS Tools text for -SecretId $null and sends the request without it' {
            $warnings = $null; $err = $null
            try { Write-SECSecretValue -SecretId $null -SecretString 'x' -WarningVariable warnings -WarningAction SilentlyContinue @Connection }
            catch { $err = $_ }
            $warnings | Should -HaveCount 1
            "$($warnings[0])" | Should -BeExactly 'You are passing $null as a value for parameter SecretId which is marked as required. In case you believe this parameter was incorrectly marked as required, report this by opening an issue at https://github.com/aws/aws-tools-for-powershell/issues.'
            # The service, not the cmdlet, rejects the missing id, as with AWS Tools.
            $err.FullyQualifiedErrorId | Should -BeLike 'Amazon.SecretsManager.Model.*Exception,Amazon.PowerShell.Cmdlets.SEC.WriteSECSecretValueCmdlet'
        }

        It 'fails to bind without -SecretId in a non-interactive session' {
            $pwsh = Join-Path $PSHOME 'pwsh'
            $module = Join-Path $env:SMN_TEST_MODULE 'SecretsManager.Native.psd1'
            $output = & $pwsh -NoProfile -NonInteractive -Command "Import-Module '$module'; try { Write-SECSecretValue -SecretString x } catch { `$_.FullyQualifiedErrorId }"
            "$output" | Should -BeLike '*MissingMandatoryParameter*'
        }
    }
}
