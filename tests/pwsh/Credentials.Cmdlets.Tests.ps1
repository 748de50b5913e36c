# The credential companion cmdlets: Set-/Get-/Clear-/New-AWSCredential and their scope behaviour.
Set-StrictMode -Version Latest

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
}

Describe 'Credential companion cmdlets' {
    BeforeEach { $State = Enter-CleanAwsEnvironment }
    AfterEach { Exit-CleanAwsEnvironment $State }

    It 'Set-AWSCredential stores an AWSPSCredentials in the current scope; Clear-AWSCredential clears it' {
        Set-AWSCredential -AccessKey 'AKIDSET' -SecretKey 'secret'
        $StoredAWSCredentials.GetType().FullName | Should -Be 'Amazon.PowerShell.Common.AWSPSCredentials'
        (Get-AWSCredential).GetCredentials().AccessKey | Should -Be 'AKIDSET'
        Clear-AWSCredential
        Get-AWSCredential | Should -BeNullOrEmpty
    }

    It 'the legacy alias Set-AWSCredentials works, and -Scope Global reaches the global scope' {
        & { Set-AWSCredentials -AccessKey 'AKIDGLOBAL' -SecretKey 's' -Scope Global }
        $global:StoredAWSCredentials.GetCredentials().AccessKey | Should -Be 'AKIDGLOBAL'
        & { Set-AWSCredential -AccessKey 'AKIDCHILD' -SecretKey 's' }
        $global:StoredAWSCredentials.GetCredentials().AccessKey | Should -Be 'AKIDGLOBAL'
    }

    It '-StoreAs writes a profile to the ini file, and -Scope with -StoreAs is refused' {
        $file = Join-Path $env:HOME 'stored.ini'
        Set-AWSCredential -AccessKey 'AKIDSTOREAS' -SecretKey 's' -StoreAs 'saved' -ProfileLocation $file
        Get-Content $file | Should -Contain 'aws_access_key_id = AKIDSTOREAS'
        (Get-AWSCredential -ProfileName 'saved' -ProfileLocation $file).GetCredentials().AccessKey | Should -Be 'AKIDSTOREAS'
        { Set-AWSCredential -AccessKey 'a' -SecretKey 's' -StoreAs 'x' -Scope Global } |
            Should -Throw 'Parameters Scope and StoreAs cannot be used together.'
    }

    It 'Get-AWSCredential -ListProfileDetail lists the profiles with their location' {
        $file = Join-Path $env:HOME '.aws' 'credentials'
        Set-Content $file "[one]`naws_access_key_id = a`naws_secret_access_key = s`n[two]`naws_access_key_id = b`naws_secret_access_key = s"
        $details = Get-AWSCredential -ListProfileDetail
        $details.ProfileName | Should -Be @('one', 'two')
        $details[0].ProfileLocation | Should -Be $file
    }

    It 'Set-AWSCredential with nothing usable fails with the AWS Tools message' {
        { Set-AWSCredential -AccessKey 'only-one-half' } | Should -Throw 'Cannot determine credentials from supplied parameters'
    }

    It 'New-AWSCredential never shows the secret key' {
        $credential = New-AWSCredential -AccessKey 'AKIDNEW' -SecretKey 'hidden-secret'
        ($credential | Format-List * | Out-String) | Should -Not -Match 'hidden-secret'
    }
}
