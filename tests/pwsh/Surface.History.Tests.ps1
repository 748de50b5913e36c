Set-StrictMode -Version Latest

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    function Get-ClosedPort {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }
    function Reset-History {
        Set-AWSHistoryConfiguration -MaxCmdletHistory 5 -MaxServiceCallHistory 5
        Clear-AWSHistory
    }
}

AfterAll { Reset-History }

Describe '$AWSHistory behaves as in AWS Tools V4' {
    BeforeEach {
        Reset-MotoServer $Endpoint
        Reset-History
        $null = New-TestSecret 'hist/a'
    }

    It 'records the invocation and its response with LoggedAt, leaving the emitted object undecorated' {
        $response = Write-SECSecretValue -SecretId 'hist/a' -SecretString 'x' @Connection

        $AWSHistory.ToString() | Should -BeExactly '1 command(s) recorded, last  = Write-SECSecretValue.'
        $last = $AWSHistory.LastCommand
        $last.CmdletName | Should -Be 'Write-SECSecretValue'
        "$last" | Should -Be 'Write-SECSecretValue'
        $last.EmittedObjectsCount | Should -Be 1
        $last.CmdletEnd | Should -BeGreaterOrEqual $last.CmdletStart
        $AWSHistory.LastServiceResponse.VersionId | Should -Be $response.VersionId
        $AWSHistory.LastServiceResponse.ResponseMetadata.RequestId | Should -Be $response.ResponseMetadata.RequestId
        $AWSHistory.LastServiceResponse.LoggedAt | Should -BeOfType ([datetime])
        $response.PSObject.Properties.Name | Should -Not -Contain 'LoggedAt'
        $AWSHistory[0].CmdletName | Should -Be 'Write-SECSecretValue'
        $AWSHistory.LastCommand[0].Response.VersionId | Should -Be $response.VersionId
        $AWSHistory.LastServiceRequest | Should -BeNullOrEmpty
    }

    It 'is the same process-wide buffer in another runspace' {
        $null = Write-SECSecretValue -SecretId 'hist/a' -SecretString 'x' @Connection
        $shell = [powershell]::Create()
        try {
            $module = Join-Path $env:SMN_TEST_MODULE 'SecretsManager.Native.psd1'
            $count = $shell.AddScript("Import-Module '$module'; [Amazon.PowerShell.Common.AWSCmdletHistoryBuffer]::Instance.Commands.Count; Clear-AWSHistory").Invoke()
            $count | Should -Be 1
        } finally { $shell.Dispose() }
        @($AWSHistory.Commands) | Should -HaveCount 0
    }

    It 'keeps 5 commands and 5 service calls per command by default' {
        1..7 | ForEach-Object { $null = Write-SECSecretValue -SecretId 'hist/a' -SecretString "v$_" @Connection }
        @($AWSHistory.Commands) | Should -HaveCount 5
        $AWSHistory.ToString() | Should -BeExactly '5 command(s) recorded, last  = Write-SECSecretValue.'

        $rows = 1..7 | ForEach-Object { [pscustomobject]@{ SecretId = 'hist/a'; SecretString = "p$_" } }
        $emitted = $rows | Write-SECSecretValue @Connection
        @($AWSHistory.LastCommand.Responses) | Should -HaveCount 5
        $AWSHistory.LastCommand.EmittedObjectsCount | Should -Be 7
        $AWSHistory.LastServiceResponse.VersionId | Should -Be $emitted[-1].VersionId
    }

    It 'records a service error as the response, before the error ends the pipeline' {
        { Write-SECSecretValue -SecretId 'hist/missing' -SecretString 'x' @Connection } | Should -Throw
        $AWSHistory.LastCommand.CmdletName | Should -Be 'Write-SECSecretValue'
        $AWSHistory.LastServiceResponse | Should -BeOfType ([Amazon.SecretsManager.Model.ResourceNotFoundException])
        $AWSHistory.LastServiceResponse.LoggedAt | Should -BeOfType ([datetime])
    }

    It 'records requests only with -RecordServiceRequests, without the secret' {
        Set-AWSHistoryConfiguration -RecordServiceRequests
        $token = [guid]::NewGuid().ToString()
        $null = Write-SECSecretValue -SecretId 'hist/a' -SecretString 'hidden' -ClientRequestToken $token -RotationToken ('r' * 40) -VersionStage 'S1' @Connection

        $request = $AWSHistory.LastServiceRequest
        $request | Should -BeOfType ([Amazon.SecretsManager.Model.PutSecretValueRequest])
        $request.SecretId | Should -Be 'hist/a'
        $request.ClientRequestToken | Should -Be $token
        $request.VersionStages | Should -Be @('S1')
        $request.SecretString | Should -BeNullOrEmpty
        $request.SecretBinary | Should -BeNullOrEmpty
        $request.RotationToken | Should -BeNullOrEmpty
        $request.LoggedAt | Should -BeOfType ([datetime])
        $request.InvocationLine | Should -BeLike '*Write-SECSecretValue*'

        # The switch is set on every call: leaving it out turns recording off.
        Set-AWSHistoryConfiguration
        $null = Write-SECSecretValue -SecretId 'hist/a' -SecretString 'next' @Connection
        $AWSHistory.LastServiceRequest | Should -BeNullOrEmpty
    }

    It 'masks what was typed for sensitive parameters on the recorded invocation line, unless -IncludeSensitiveData' {
        Set-AWSHistoryConfiguration -RecordServiceRequests
        # A dead port: moto's signature check would see a host signed with user info. The request is recorded first.
        $dead = Get-ClosedPort
        { Write-SECSecretValue 'positional-secret' -SecretId 'hist/a' -RotationToken:('r' * 40) -AccessKey test -SK 'test' -Region us-east-1 -EndpointUrl "http://someone:url-password@127.0.0.1:$dead" -Force } | Should -Throw
        $AWSHistory.LastServiceRequest.InvocationLine.Trim() | Should -BeExactly (
            '{ Write-SECSecretValue *** -SecretId ''hist/a'' -RotationToken:*** -AccessKey *** -SK *** -Region us-east-1 -EndpointUrl "http://***@127.0.0.1:$dead" -Force } | Should -Throw')

        Set-AWSHistoryConfiguration -RecordServiceRequests -IncludeSensitiveData
        $null = Write-SECSecretValue -SecretString 'shown-secret' -SecretId 'hist/a' @Connection
        $AWSHistory.LastServiceRequest.InvocationLine.Trim() | Should -BeExactly '$null = Write-SECSecretValue -SecretString ''shown-secret'' -SecretId ''hist/a'' @Connection'
    }

    It 'keeps the secret in recorded requests only with -IncludeSensitiveData' {
        Set-AWSHistoryConfiguration -RecordServiceRequests -IncludeSensitiveData
        $null = Write-SECSecretValue -SecretId 'hist/a' -SecretBinary ([byte[]](1, 2)) -RotationToken ('r' * 40) @Connection
        $AWSHistory.LastServiceRequest.SecretBinary.ToArray() | Should -Be @(1, 2)
        $AWSHistory.LastServiceRequest.RotationToken | Should -Be ('r' * 40)
        $null = Write-SECSecretValue -SecretId 'hist/a' -SecretString 'shown' @Connection
        $AWSHistory.LastServiceRequest.SecretString | Should -Be 'shown'
    }

    Context 'Set-AWSHistoryConfiguration and Clear-AWSHistory' {
        It 'disables and clears the history with -MaxCmdletHistory 0' {
            $null = Write-SECSecretValue -SecretId 'hist/a' -SecretString 'x' @Connection
            Set-AWSHistoryConfiguration -MaxCmdletHistory 0
            $AWSHistory.ToString() | Should -BeExactly 'AWS History Disabled'
            $AWSHistory[0] | Should -BeNullOrEmpty
            $null = Write-SECSecretValue -SecretId 'hist/a' -SecretString 'y' @Connection
            @($AWSHistory.Commands) | Should -HaveCount 0
        }

        It 'keeps the newest commands when shrinking' {
            1..3 | ForEach-Object { $null = Write-SECSecretValue -SecretId 'hist/a' -SecretString "v$_" -ClientRequestToken "$_$('0' * 35)" @Connection }
            Set-AWSHistoryConfiguration -MaxCmdletHistory 1
            @($AWSHistory.Commands) | Should -HaveCount 1
            $AWSHistory.LastServiceResponse.VersionId | Should -Be "3$('0' * 35)"
        }

        It 'applies -MaxServiceCallHistory to later invocations' {
            Set-AWSHistoryConfiguration -MaxServiceCallHistory 2
            1..3 | ForEach-Object { [pscustomobject]@{ SecretId = 'hist/a'; SecretString = "p$_" } } | Write-SECSecretValue @Connection | Out-Null
            @($AWSHistory.LastCommand.Responses) | Should -HaveCount 2
        }

        It 'throws for out-of-range positions' {
            { $AWSHistory[3] } | Should -Throw -ExpectedMessage '*out of the range of valid values*'
        }

        It 'rejects <Case> with "<Message>"' -ForEach @(
            @{ Case = 'a negative command count'; Arguments = @{ MaxCmdletHistory = -1 }; Message = 'Negative values are not valid.' }
            @{ Case = 'a zero call count'; Arguments = @{ MaxServiceCallHistory = 0 }; Message = 'Value must be greater than 0.' }
        ) {
            { Set-AWSHistoryConfiguration @Arguments } | Should -Throw -ExpectedMessage "$Message*" -ErrorId 'ArgumentException,*'
        }

        It 'empties the history and writes nothing' {
            $null = Write-SECSecretValue -SecretId 'hist/a' -SecretString 'x' @Connection
            $output = Clear-AWSHistory
            $output | Should -BeNullOrEmpty
            $AWSHistory.ToString() | Should -BeExactly '0 command(s) recorded.'
        }

        It 'keeps the configuration when it empties the history' {
            Set-AWSHistoryConfiguration -MaxCmdletHistory 1
            Clear-AWSHistory
            1..2 | ForEach-Object { $null = Write-SECSecretValue -SecretId 'hist/a' -SecretString "k$_" @Connection }
            @($AWSHistory.Commands) | Should -HaveCount 1 -Because 'the limit of 1 set before Clear-AWSHistory still holds'
        }

        It 'declares no output' {
            (Get-Command Set-AWSHistoryConfiguration).OutputType.Name | Should -Be 'None'
            (Get-Command Clear-AWSHistory).OutputType.Name | Should -Be 'None'
        }
    }
}

Describe '$AWSHistory right after import' {
    It 'exists before any call, so that a script under Set-StrictMode can read it (fresh pwsh)' {
        $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        $module = Join-Path $env:SMN_TEST_MODULE 'SecretsManager.Native.psd1'
        $output = & $pwsh -NoProfile -NonInteractive -Command "Set-StrictMode -Version Latest; Import-Module '$module'; `$AWSHistory.GetType().FullName; `$AWSHistory.ToString(); `$AWSHistory.Commands.Count" 2>&1

        $output | Should -Be @('Amazon.PowerShell.Common.AWSCmdletHistoryBuffer', '0 command(s) recorded.', '0')
    }
}
