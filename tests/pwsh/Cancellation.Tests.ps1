Set-StrictMode -Version Latest

# Ctrl+C: stopping a pipeline whose Write-SECSecretValue waits on an endpoint that never answers
# cancels the native call (sm_call_cancel on the call handle) and returns control within 1 s; the
# runspace and the native runtime stay usable for the next call.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    Import-Module (Join-Path $PSScriptRoot '..' 'harness' 'FaultServers.psm1')
    $modulePath = Join-Path $env:SMN_TEST_MODULE 'SecretsManager.Native.psd1'

    function New-ModuleRunspace {
        $shell = [PowerShell]::Create()
        $null = $shell.AddCommand('Import-Module').AddParameter('Name', $modulePath).Invoke()
        $shell.Commands.Clear()
        $shell
    }

    function Add-Write([PowerShell] $Shell, [string] $Through, [string] $Value) {
        $splat = $Connection.Clone()
        $splat.EndpointUrl = $Through
        $null = $Shell.AddCommand('Write-SECSecretValue').AddParameter('SecretId', 'cancel/target').AddParameter('SecretString', $Value)
        foreach ($key in $splat.Keys) { $null = $Shell.AddParameter($key, $splat[$key]) }
    }
}

Describe 'Stopping a pipeline during an in-flight call' {
    BeforeEach {
        Reset-MotoServer $Endpoint
        $null = New-TestSecret 'cancel/target'
        $script:proxy = Start-FaultProxy -Upstream $Endpoint -Mode stall-before
    }
    AfterEach { Stop-FaultServer $script:proxy }

    It 'returns within 1 s, cancels the call, and the same runspace writes next' {
        $shell = New-ModuleRunspace
        try {
            Add-Write $shell $proxy.Endpoint 'stalled'
            $pending = $shell.BeginInvoke()
            $null = Wait-FaultLog $proxy '^request 1 '   # the request is on the wire, the call is blocked

            $clock = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 1
            $pending.IsCompleted | Should -BeTrue
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'

            $shell.Commands.Clear()
            Add-Write $shell $Endpoint 'after the stop'
            $response = $shell.Invoke()
            $response.VersionId | Should -Not -BeNullOrEmpty
            (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'cancel/target' }).SecretString | Should -Be 'after the stop'
        } finally {
            $shell.Dispose()
        }
    }

    It 'a call stopped after its request went out leaves its token in $AWSHistory, for a retry that writes no second version' {
        Stop-FaultServer $script:proxy
        $script:proxy = Start-FaultProxy -Upstream $Endpoint -Mode stall   # forwards the write, never answers
        $shell = New-ModuleRunspace
        try {
            Add-Write $shell $proxy.Endpoint 'maybe written'
            $pending = $shell.BeginInvoke()
            $null = Wait-FaultLog $proxy '^answered 1 upstream'   # moto has written the version
            $shell.Stop()
            $pending.IsCompleted | Should -BeTrue

            $shell.Commands.Clear()
            $failure = $shell.AddScript('$AWSHistory.LastServiceResponse').Invoke()[0]
            $failure | Should -BeOfType ([OperationCanceledException])
            $failure.Data['MayHaveBeenWritten'] | Should -BeTrue
            $token = $failure.Data['ClientRequestToken']
            $failure.Message | Should -BeLike "*may have reached Secrets Manager*-ClientRequestToken '$token'*"
            @((Get-VersionStage 'cancel/target').PSObject.Properties.Name) | Should -Be @($token)

            $shell.Commands.Clear()
            Add-Write $shell $Endpoint 'maybe written'
            $null = $shell.AddParameter('ClientRequestToken', $token)
            $shell.Invoke().VersionId | Should -Be $token
            @((Get-VersionStage 'cancel/target').PSObject.Properties.Name).Count | Should -Be 1
        } finally {
            $shell.Dispose()
        }
    }

    It 'Stop-Job on a thread job returns within 1 s' {
        $splat = $Connection.Clone(); $splat.EndpointUrl = $proxy.Endpoint
        $job = Start-ThreadJob {
            Import-Module $using:modulePath
            $arguments = $using:splat
            Write-SECSecretValue -SecretId 'cancel/target' -SecretString 'stalled' @arguments
        }
        try {
            $null = Wait-FaultLog $proxy '^request 1 '
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $job | Stop-Job
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 1
            $job.State | Should -Be 'Stopped'
        } finally {
            $job | Remove-Job -Force
        }
        Get-VersionStage 'cancel/target' | Should -BeNullOrEmpty
    }

    It 'a cancelled call in one runspace does not disturb a call in another' {
        $stalled = New-ModuleRunspace
        $other = New-ModuleRunspace
        try {
            Add-Write $stalled $proxy.Endpoint 'stalled'
            $pending = $stalled.BeginInvoke()
            $null = Wait-FaultLog $proxy '^request 1 '
            Add-Write $other $Endpoint 'from the other runspace'
            $otherPending = $other.BeginInvoke()

            $stalled.Stop()
            $result = $other.EndInvoke($otherPending)

            $result.VersionId | Should -Not -BeNullOrEmpty
            $pending.IsCompleted | Should -BeTrue
        } finally {
            $stalled.Dispose(); $other.Dispose()
        }
    }
}

Describe 'Stopping a pipeline before or during a credential lookup' {
    BeforeAll {
        # A region object whose Region property blocks until the test lets it go: the cmdlet reads it
        # after opening the native call's handle and before the native call, while building the document.
        Add-Type -TypeDefinition @'
public sealed class BlockingRegion
{
    public static readonly System.Threading.ManualResetEventSlim Reading = new(false);
    public static readonly System.Threading.ManualResetEventSlim Release = new(false);
    public string Region { get { Reading.Set(); Release.Wait(); return "us-east-1"; } }
}
'@
    }
    BeforeEach {
        $State = Enter-CleanAwsEnvironment
        $Slow = New-SlowCredentialProcess -Folder $env:HOME
        Set-Content (Join-Path $env:HOME '.aws' 'credentials') "[slow]`ncredential_process = $($Slow.Command)"
    }
    AfterEach { Exit-CleanAwsEnvironment $State }

    It 'a Stop during a credential_process lookup returns within 1 s and kills the process and its child' {
        $shell = New-ModuleRunspace
        try {
            $null = $shell.AddCommand('Write-SECSecretValue').AddParameter('SecretId', 'cancel/target').AddParameter('SecretString', 'v').
                AddParameter('Region', 'us-east-1').AddParameter('EndpointUrl', $Endpoint).AddParameter('ProfileName', 'slow')
            $pending = $shell.BeginInvoke()
            $ids = Get-CredentialProcessId $Slow   # the lookup is running

            $clock = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 1
            $pending.IsCompleted | Should -BeTrue
            Wait-ProcessExit $ids | Should -BeNullOrEmpty -Because 'the script and its child must be gone'
        } finally {
            $shell.Dispose()
        }
    }

    It 'a Stop after the call''s handle is opened and before the native call cancels that call: no lookup runs' {
        [BlockingRegion]::Reading.Reset(); [BlockingRegion]::Release.Reset()
        $shell = New-ModuleRunspace
        try {
            $null = $shell.AddCommand('Write-SECSecretValue').AddParameter('SecretId', 'cancel/target').AddParameter('SecretString', 'v').
                AddParameter('Region', [BlockingRegion]::new()).AddParameter('EndpointUrl', $Endpoint).AddParameter('ProfileName', 'slow')
            $pending = $shell.BeginInvoke()
            [BlockingRegion]::Reading.Wait(30000) | Should -BeTrue

            $stopping = $shell.BeginStop($null, $null)   # Stop waits for the pipeline, which is held in Region
            # PowerShell enters Stopping, then calls StopProcessing at once; give it ample time to have done so.
            while ($shell.InvocationStateInfo.State -ne 'Stopping' -and -not $stopping.IsCompleted) { Start-Sleep -Milliseconds 10 }
            Start-Sleep -Milliseconds 500
            [BlockingRegion]::Release.Set()
            $shell.EndStop($stopping)

            $pending.IsCompleted | Should -BeTrue
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            # A credential process started by mistake records its ids once pwsh has started (well under 3 s).
            { Get-CredentialProcessId $Slow -TimeoutSeconds 3 } | Should -Throw -Because 'the cancelled call must not start the credential process'
        } finally {
            [BlockingRegion]::Release.Set()
            $shell.Dispose()
        }
    }
}
