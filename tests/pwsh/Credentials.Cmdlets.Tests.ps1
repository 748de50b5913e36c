# The credential companion cmdlets: Set-/Get-/Clear-/New-AWSCredential, their scope behaviour, and the
# profile files they list and write (through the native library, which owns the files).
Set-StrictMode -Version Latest

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    $ModuleManifest = Join-Path $env:SMN_TEST_MODULE 'SecretsManager.Native.psd1'
    function Get-UnixMode([string] $Path) { (Get-Item -Force $Path).UnixFileMode }
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
        $details[0].GetType().FullName | Should -Be 'Amazon.PowerShell.Common.ProfileInfo'
        $details[0].StoreTypeName | Should -Be 'SharedCredentialsFile'
    }

    It 'profiles are listed as aws-config reads them: credentials file first, no [sso-session] or [services] section' {
        $credentials = Join-Path $env:HOME '.aws' 'credentials'
        $config = Join-Path $env:HOME '.aws' 'config'
        Set-Content $credentials "[one]`naws_access_key_id = a`naws_secret_access_key = s`n[AWS PS Default]`nregion = eu-west-1"
        Set-Content $config ("[default]`nregion = eu-west-1`n[profile sso-user]`nsso_session = corp`nsso_account_id = 123456789012`nsso_role_name = r`n" +
            "[sso-session corp]`nsso_start_url = https://corp.awsapps.com/start`nsso_region = eu-west-1`n" +
            "[services local]`nsecrets_manager =`n  endpoint_url = http://127.0.0.1:1`n[profile one]`nregion = us-east-1")
        $details = Get-AWSCredential -ListProfileDetail
        $details.ProfileName | Should -Be @('one', 'AWS PS Default', 'default', 'sso-user')
        $details.ProfileLocation | Should -Be @($credentials, $credentials, $config, $config)
        Get-AWSCredential -ProfileName 'corp' | Should -BeNullOrEmpty
    }

    It '-ListProfile and its aliases -ListProfiles and -ListStoredCredentials give the names with AWS Tools'' warning' {
        Set-Content (Join-Path $env:HOME '.aws' 'credentials') "[one]`naws_access_key_id = a`naws_secret_access_key = s`n[two]`nregion = x"
        foreach ($switch in 'ListProfile', 'ListProfiles', 'ListStoredCredentials') {
            $splat = @{ $switch = $true }
            $names = Get-AWSCredential @splat -WarningVariable warnings 3>$null
            $names | Should -Be @('one', 'two')
            $names[0] | Should -BeOfType [string]
            $warnings.Message | Should -Be 'The ListProfile switch is deprecated and will be removed from a future release.  Please use ListProfileDetail instead.'
        }
        $file = Join-Path $env:HOME 'other.ini'
        Set-Content $file "[elsewhere]`naws_access_key_id = a`naws_secret_access_key = s"
        Get-AWSCredential -ListProfile -ProfileLocation $file 3>$null | Should -Be 'elsewhere'
    }

    It 'Get-AWSCredential -ProfileName with no such profile returns nothing and writes no error, as in V4' {
        Set-Content (Join-Path $env:HOME '.aws' 'credentials') "[present]`naws_access_key_id = a`naws_secret_access_key = s"
        $result = Get-AWSCredential -ProfileName 'missing' -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors | Should -BeNullOrEmpty
        Get-AWSCredential 'present' | Should -Not -BeNullOrEmpty
    }

    It 'Set-AWSCredential -StoreAs on a fresh home creates ~/.aws readable by its owner only (0700) and the file 0600' -Skip:$IsWindows {
        Remove-Item -Recurse -Force (Join-Path $env:HOME '.aws')
        Set-AWSCredential -AccessKey 'AKIDFRESH' -SecretKey 'fresh-secret' -StoreAs 'fresh'
        Get-UnixMode (Join-Path $env:HOME '.aws') | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
        Get-UnixMode (Join-Path $env:HOME '.aws' 'credentials') | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
        (Get-ChildItem -Force (Join-Path $env:HOME '.aws')).Name | Should -Be @('.credentials.lock', 'credentials')
    }

    It '-StoreAs replaces a profile in place and keeps the other profiles, comments and settings' {
        $file = Join-Path $env:HOME '.aws' 'credentials'
        $before = "# team accounts`n[a]`naws_access_key_id = AKIDA`naws_secret_access_key = sa`n`n[p]`n# deploy user`nregion = eu-west-1`naws_access_key_id = OLD`naws_secret_access_key = old`naws_session_token = old-token`n`n[b]`nregion = us-east-1`n"
        Set-Content $file $before -NoNewline
        Set-AWSCredential -AccessKey 'AKIDNEW' -SecretKey 'new-secret' -StoreAs 'p' -Verbose 4>&1 |
            Should -Be "Updated shared credentials file at $file"
        Get-Content -Raw $file | Should -BeExactly ($before -replace 'aws_access_key_id = OLD\naws_secret_access_key = old\naws_session_token = old-token', "aws_access_key_id = AKIDNEW`naws_secret_access_key = new-secret")
    }

    It 'a ~ in AWS_SHARED_CREDENTIALS_FILE is the home directory for Set-AWSCredential -StoreAs and for the call' {
        $secret = New-TestSecret "profile-tilde-$([guid]::NewGuid())"
        $env:AWS_SHARED_CREDENTIALS_FILE = '~/team/creds'
        # A path left relative would land in the current folder (.NET's or pwsh's): make both the home.
        $processFolder = [Environment]::CurrentDirectory
        Push-Location $env:HOME
        [Environment]::CurrentDirectory = $env:HOME
        try {
            Set-AWSCredential -AccessKey 'AKIDTILDE' -SecretKey 'tilde-secret' -StoreAs 'tilde'
            Test-Path -LiteralPath (Join-Path $env:HOME '~') | Should -BeFalse
        } finally {
            [Environment]::CurrentDirectory = $processFolder
            Pop-Location
        }
        $file = Join-Path $env:HOME 'team' 'creds'
        (Get-AWSCredential -ListProfileDetail).ProfileLocation | Should -Be $file
        (Get-AWSCredential -ProfileName 'tilde').GetCredentials().AccessKey | Should -Be 'AKIDTILDE'
        $debug = Write-SECSecretValue -SecretId $secret -SecretString 'v' -ProfileName 'tilde' -Region 'us-east-1' -EndpointUrl $Endpoint -Debug 5>&1
        ($debug | Where-Object { $_ -is [Management.Automation.DebugRecord] }).Message | Should -Contain "Credentials obtained from stored profile named 'tilde'"
    }

    It 'a writer killed while writing (file size limit, SIGXFSZ) leaves the credentials file whole' -Skip:(-not $IsLinux -or -not (Get-Command prlimit -ErrorAction Ignore)) {
        $file = Join-Path $env:HOME '.aws' 'credentials'
        $before = "[keep]`naws_access_key_id = AKIDKEEP`naws_secret_access_key = keep-secret`n" + ("# padding`n" * 40)
        Set-Content $file $before -NoNewline
        # The new file is larger than the 4 KiB the child may write to any file, so its write dies half way.
        $script = "Import-Module '$ModuleManifest'; prlimit --pid `$PID --fsize=4096:; " +
            "Set-AWSCredential -AccessKey AKIDBIG -SecretKey s -SessionToken ('t' * 8192) -StoreAs big"
        $pwsh = Join-Path $PSHOME 'pwsh'
        $output = & $pwsh -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
        $LASTEXITCODE | Should -Be (128 + 25) -Because "the child was killed by SIGXFSZ: $output"
        Get-Content -Raw $file | Should -BeExactly $before
        # The half-written temporary file is what the crash left; the next writer removes it.
        @(Get-ChildItem -Force (Split-Path $file) -Filter '.credentials.*.tmp').Count | Should -Be 1
        Set-AWSCredential -AccessKey 'AKIDAFTER' -SecretKey 'after' -StoreAs 'after'
        @(Get-ChildItem -Force (Split-Path $file) -Filter '.credentials.*.tmp').Count | Should -Be 0
        (Get-AWSCredential -ListProfile 3>$null) | Should -Be @('keep', 'after')
    }

    It '-StoreAs refuses a name that would break the file, naming the parameter' {
        $thrown = { Set-AWSCredential -AccessKey 'a' -SecretKey 's' -StoreAs "bad]`n[name" } | Should -Throw -PassThru
        $thrown.Exception | Should -BeOfType [ArgumentException]
        $thrown.Exception.ParamName | Should -Be 'StoreAs'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Test-Path (Join-Path $env:HOME '.aws' 'credentials') | Should -BeFalse
    }

    It 'Remove-AWSCredentialProfile removes every section of the profile from both files and keeps the rest' {
        $credentials = Join-Path $env:HOME '.aws' 'credentials'
        $config = Join-Path $env:HOME '.aws' 'config'
        Set-Content $credentials "# team`n[keep]`naws_access_key_id = k`naws_secret_access_key = s`n[gone]`naws_access_key_id = g`naws_secret_access_key = s`n" -NoNewline
        Set-Content $config "[profile gone]`nregion = eu-west-1`n[sso-session gone]`nsso_region = eu-west-1`n" -NoNewline
        Remove-AWSCredentialProfile -ProfileName 'gone' -WhatIf
        Get-AWSCredential -ProfileName 'gone' | Should -Not -BeNullOrEmpty
        Remove-AWSCredentialProfile 'gone' -Force
        Get-Content -Raw $credentials | Should -BeExactly "# team`n[keep]`naws_access_key_id = k`naws_secret_access_key = s`n"
        Get-Content -Raw $config | Should -BeExactly "[sso-session gone]`nsso_region = eu-west-1`n"
        $thrown = { Remove-AWSCredentialProfile -ProfileName 'gone' -Force } | Should -Throw -PassThru
        $thrown.Exception.Message | Should -BeExactly "The CredentialProfile 'gone' does not exist."
        $thrown.FullyQualifiedErrorId | Should -Be 'ArgumentException,SecretsManager.Native.Cmdlets.RemoveAWSCredentialProfileCmdlet'
    }

    It 'Remove-AWSCredentialProfile -ProfileLocation warns when the default files still hold the name' {
        Set-Content (Join-Path $env:HOME '.aws' 'credentials') "[twin]`naws_access_key_id = a`naws_secret_access_key = s"
        $file = Join-Path $env:HOME 'other.ini'
        Set-Content $file "[twin]`naws_access_key_id = b`naws_secret_access_key = s"
        Remove-AWSCredentialProfile -ProfileName 'twin' -ProfileLocation $file -Force -WarningVariable warnings 3>$null
        Get-AWSCredential -ListProfile -ProfileLocation $file 3>$null | Should -BeNullOrEmpty
        $warnings.Message | Should -Be "Remove succeeded, but there is still a profile named 'twin' in the shared credentials file at $(Join-Path $env:HOME '.aws' 'credentials')."
    }

    It 'Set-AWSCredential with nothing usable fails with the AWS Tools message' {
        { Set-AWSCredential -AccessKey 'only-one-half' } | Should -Throw 'Cannot determine credentials from supplied parameters'
    }

    It 'New-AWSCredential never shows the secret key' {
        $credential = New-AWSCredential -AccessKey 'AKIDNEW' -SecretKey 'hidden-secret'
        ($credential | Format-List * | Out-String) | Should -Not -Match 'hidden-secret'
    }

    It 'New-AWSCredential -ProfileName reads static keys at once, keeps a role profile for each call, and fails for a missing profile' {
        $file = Join-Path $env:HOME '.aws' 'credentials'
        $role = "[role]`nrole_arn = arn:aws:iam::123456789012:role/r`nsource_profile = keys"
        Set-Content $file "[keys]`naws_access_key_id = AKIDPROFILE`naws_secret_access_key = s`n$role"
        $keys = New-AWSCredential -ProfileName 'keys'
        $roleCredential = New-AWSCredential -ProfileName 'role'
        Set-Content $file "[keys]`naws_access_key_id = AKIDCHANGED`naws_secret_access_key = s`n$role"
        $keys.GetCredentials().AccessKey | Should -Be 'AKIDPROFILE' -Because 'the keys were copied when the object was made'
        $roleCredential.GetCredentials() | Should -BeNullOrEmpty -Because 'a role profile is resolved by each call that uses it'
        { New-AWSCredential -ProfileName 'missing' } | Should -Throw 'Cannot determine credentials from supplied parameters'
    }
}
