Set-StrictMode -Version Latest

# -SecretString takes a SecureString as well as text: the secret reaches the service intact (read back
# from moto), and the ways scripts bind the parameter (position, pipeline by value and by property name,
# splatting, mocks) keep working as they do with a [string] parameter.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')

    function Read-Secret([string] $SecretId) {
        (Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = $SecretId }).SecretString
    }
}

Describe '-SecretString with a SecureString' {
    BeforeEach {
        Reset-MotoServer $Endpoint
        $null = New-TestSecret 'secure/a'
        $null = New-TestSecret 'secure/b'
    }

    It 'writes the text of a SecureString from ConvertTo-SecureString -AsPlainText: <Text>' -ForEach @(
        @{ Text = 'plain ascii' }
        @{ Text = 'pässwörd € 𝄞 😀' }
        @{ Text = '{"user":"app","password":"p\"w"}' }
        @{ Text = "multi`nline`ttext" }
    ) {
        $secure = ConvertTo-SecureString $Text -AsPlainText -Force

        $response = Write-SECSecretValue -SecretId 'secure/a' -SecretString $secure @Connection

        $response.VersionId | Should -Not -BeNullOrEmpty
        Read-Secret 'secure/a' | Should -BeExactly $Text
    }

    It 'writes a SecureString built character by character (as Read-Host -AsSecureString does)' {
        $secure = [securestring]::new()
        foreach ($c in 'typed-secret'.ToCharArray()) { $secure.AppendChar($c) }
        $secure.MakeReadOnly()

        $null = Write-SECSecretValue -SecretId 'secure/a' -SecretString $secure @Connection

        Read-Secret 'secure/a' | Should -BeExactly 'typed-secret'
        $secure.Length | Should -Be 12 -Because 'the caller''s SecureString is left as it was'
    }

    It 'writes a PSCredential''s password' {
        $credential = [pscredential]::new('app', (ConvertTo-SecureString 'cred-pw' -AsPlainText -Force))

        $null = Write-SECSecretValue -SecretId 'secure/a' -SecretString $credential.Password @Connection

        Read-Secret 'secure/a' | Should -BeExactly 'cred-pw'
    }

    It 'binds a SecureString by position and from the pipeline by value' {
        $null = Write-SECSecretValue (ConvertTo-SecureString 'positional' -AsPlainText -Force) -SecretId 'secure/a' @Connection
        $null = ConvertTo-SecureString 'piped' -AsPlainText -Force | Write-SECSecretValue -SecretId 'secure/b' @Connection

        Read-Secret 'secure/a' | Should -BeExactly 'positional'
        Read-Secret 'secure/b' | Should -BeExactly 'piped'
    }

    It 'binds a SecureString from the pipeline by property name and from a splat' {
        $row = [pscustomobject]@{ SecretId = 'secure/a'; SecretString = (ConvertTo-SecureString 'by-property' -AsPlainText -Force) }
        $splat = @{ SecretId = 'secure/b'; SecretString = (ConvertTo-SecureString 'splatted' -AsPlainText -Force) }

        $null = $row | Write-SECSecretValue @Connection
        $null = Write-SECSecretValue @splat @Connection

        Read-Secret 'secure/a' | Should -BeExactly 'by-property'
        Read-Secret 'secure/b' | Should -BeExactly 'splatted'
    }

    It 'writes an empty SecureString as an empty SecretString, which the service refuses as it does ''''' {
        $err = { Write-SECSecretValue -SecretId 'secure/a' -SecretString ([securestring]::new()) @Connection -WarningAction SilentlyContinue } |
            Should -Throw -PassThru
        $err.Exception.InnerException.ErrorCode | Should -Be 'InvalidRequestException'
    }

    It 'emits the SecureString itself, never its text, for -PassThru and -Select ^SecretString' {
        $secure = ConvertTo-SecureString 'not-as-text' -AsPlainText -Force

        $selected = Write-SECSecretValue -SecretId 'secure/a' -SecretString $secure -Select '^SecretString' @Connection
        $passThru = Write-SECSecretValue -SecretId 'secure/a' -SecretString $secure -PassThru @Connection -WarningAction SilentlyContinue

        $selected | Should -BeOfType [securestring]
        [object]::ReferenceEquals($selected, $secure) | Should -BeTrue
        [object]::ReferenceEquals($passThru, $secure) | Should -BeTrue
    }

    It 'keeps a SecureString out of $AWSHistory even with -IncludeSensitiveData, while text is recorded' {
        Clear-AWSHistory
        Set-AWSHistoryConfiguration -RecordServiceRequests -IncludeSensitiveData
        try {
            $null = Write-SECSecretValue -SecretId 'secure/a' -SecretString (ConvertTo-SecureString 'secure-text' -AsPlainText -Force) @Connection
            $null = Write-SECSecretValue -SecretId 'secure/b' -SecretString 'plain-text' @Connection
        }
        finally { Set-AWSHistoryConfiguration -RecordServiceRequests:$false -IncludeSensitiveData:$false }

        $requests = @($AWSHistory.Commands | ForEach-Object { $_.Requests } | Where-Object { $_ })
        ($requests | Where-Object SecretId -EQ 'secure/a').SecretString | Should -BeNullOrEmpty
        ($requests | Where-Object SecretId -EQ 'secure/b').SecretString | Should -BeExactly 'plain-text'
    }
}

Describe '-SecretString binds the way a [string] parameter does' {
    BeforeEach {
        Reset-MotoServer $Endpoint
        $null = New-TestSecret 'text/a'
    }

    It 'tells Get-Command that it takes a string or a SecureString' {
        $parameter = (Get-Command Write-SECSecretValue).Parameters['SecretString']
        $parameter.ParameterType.Name | Should -Be 'StringOrSecureString'
        (Get-Command Write-SECSecretValue -Syntax) | Should -Match '\[\[-SecretString\] <StringOrSecureString>\]'
    }

    It 'converts <Case> to text as PowerShell does for a [string] parameter' -ForEach @(
        @{ Case = 'a number'; Value = 42; Expected = '42' }
        @{ Case = 'a date'; Value = [datetime]::new(2000, 1, 2, 3, 4, 5); Expected = '01/02/2000 03:04:05' }
        @{ Case = 'a PSObject-wrapped string'; Value = [psobject]'wrapped'; Expected = 'wrapped' }
    ) {
        $null = Write-SECSecretValue -SecretId 'text/a' -SecretString $Value @Connection
        Read-Secret 'text/a' | Should -BeExactly $Expected
    }

    It 'binds rows with a SecretString property by property name, not the whole row by value' {
        $rows = @(
            [pscustomobject]@{ SecretId = 'text/a'; SecretString = 'row-text' }
            [pscustomobject]@{ SecretId = 'text/a'; SecretString = 7 }
        )
        $null = $rows[0] | Write-SECSecretValue @Connection
        Read-Secret 'text/a' | Should -BeExactly 'row-text'
        $null = $rows[1] | Write-SECSecretValue @Connection -WarningAction SilentlyContinue
        Read-Secret 'text/a' | Should -BeExactly '7'
    }

    It 'is seen as text by a mock''s parameter filter, including for piped CSV rows' {
        Mock Write-SECSecretValue { 'mocked' }

        "SecretId,SecretString`ntext/a,alpha" | ConvertFrom-Csv | Write-SECSecretValue | Should -Be 'mocked'
        Write-SECSecretValue -SecretId 'text/a' -SecretString (ConvertTo-SecureString 'x' -AsPlainText -Force) | Should -Be 'mocked'

        Should -Invoke Write-SECSecretValue -Times 1 -Exactly -ParameterFilter { $SecretId -eq 'text/a' -and $SecretString -eq 'alpha' }
        Should -Invoke Write-SECSecretValue -Times 1 -Exactly -ParameterFilter { $SecretString.ToString() -eq 'System.Security.SecureString' }
    }

    It 'converts to text in a mock''s parameter filter as docs/pester.md says' {
        Mock Write-SECSecretValue { }

        Write-SECSecretValue -SecretId 'text/a' -SecretString '{"password":"n3w"}'

        Should -Invoke Write-SECSecretValue -Times 1 -Exactly -ParameterFilter {
            ($SecretString | ConvertFrom-Json).password -eq 'n3w' -and $SecretString -match 'n3w' -and $SecretString.Text.Length -eq 18
        }
    }
}
