Set-StrictMode -Version Latest

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')

    # Writes with -SecretBinary and returns the bytes the server stored.
    function Save-Binary($Value) {
        $null = Write-SECSecretValue -SecretId 'bin/a' -SecretBinary $Value @Connection
        [Convert]::FromBase64String((Invoke-MotoApi $Endpoint GetSecretValue @{ SecretId = 'bin/a' }).SecretBinary)
    }
    $Utf8 = [Text.UTF8Encoding]::new($false)
    $NL = [Environment]::NewLine
}

Describe 'Write-SECSecretValue -SecretBinary converts its argument as AWS Tools V4' {
    BeforeEach {
        Reset-MotoServer $Endpoint
        $null = New-TestSecret 'bin/a'
    }

    It 'stores a string as UTF-8 without BOM, never as a file path' {
        $path = Join-Path $TestDrive 'exists.bin'
        [IO.File]::WriteAllBytes($path, [byte[]](9, 9, 9))
        Save-Binary $path | Should -Be $Utf8.GetBytes($path)
        Save-Binary 'é€' | Should -Be ([byte[]](0xc3, 0xa9, 0xe2, 0x82, 0xac))
    }

    It 'stores a byte array unchanged' {
        Save-Binary ([byte[]](0, 255, 128)) | Should -Be ([byte[]](0, 255, 128))
    }

    It 'never wipes a byte array the caller gave (only its own copies, see ManagedCopies.Tests.ps1)' {
        $mine = [byte[]](7, 8, 9)
        Save-Binary $mine | Should -Be ([byte[]](7, 8, 9))
        $mine | Should -Be ([byte[]](7, 8, 9))
    }

    It 'stores the whole buffer of a MemoryStream, whatever its position' {
        $stream = [IO.MemoryStream]::new([byte[]](1, 2, 3, 4))
        $stream.Position = 3
        Save-Binary $stream | Should -Be ([byte[]](1, 2, 3, 4))
    }

    It 'reads another stream from its position to the end, then disposes it' {
        $path = Join-Path $TestDrive 'stream.bin'
        [IO.File]::WriteAllBytes($path, [byte[]](10, 20, 30, 40, 50))
        $stream = [IO.File]::OpenRead($path)
        $stream.Position = 2
        Save-Binary $stream | Should -Be ([byte[]](30, 40, 50))
        $stream.CanRead | Should -BeFalse
    }

    It 'stores a string array as lines, each followed by the platform newline' {
        Save-Binary ([string[]]('a', 'bé')) | Should -Be $Utf8.GetBytes("a${NL}bé${NL}")
    }

    It 'stores other all-string collections as lines: <Case>' -ForEach @(
        @{ Case = 'List[string]'; Make = { [Collections.Generic.List[string]]@('x', 'y') } }
        @{ Case = 'object[] of strings'; Make = { , @('x', 'y') } }
        @{ Case = 'Get-Content output'; Make = { $p = Join-Path $TestDrive 'lines.txt'; Set-Content $p 'x', 'y'; , @(Get-Content $p) } }
    ) {
        Save-Binary (& $Make) | Should -Be $Utf8.GetBytes("x${NL}y${NL}")
    }

    It 'stores the bytes of a FileInfo' {
        $path = Join-Path $TestDrive 'key.bin'
        [IO.File]::WriteAllBytes($path, [byte[]](0, 1, 2, 0xfe))
        Save-Binary (Get-Item $path) | Should -Be ([byte[]](0, 1, 2, 0xfe))
    }

    It "leaves numbers to PowerShell's conversion" {
        Save-Binary @(1, 2, 255) | Should -Be ([byte[]](1, 2, 255))
    }

    It 'fails binding with an error naming SecretBinary for other objects' {
        $err = { Write-SECSecretValue -SecretId 'bin/a' -SecretBinary @{ a = 1 } @Connection } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CannotConvertArgument*,Amazon.PowerShell.Cmdlets.SEC.WriteSECSecretValueCmdlet'
        $err.Exception.Message | Should -BeLike "*'SecretBinary'*"
        Get-VersionStage 'bin/a' | Should -BeNullOrEmpty
    }

    It 'binds a piped object to SecretString as well, as PowerShell does for AWS Tools, so SecretBinary by property is refused' {
        # PowerShell binds the object's text to -SecretString (ValueFromPipeline with coercion) and the
        # SecretBinary property to -SecretBinary: both values, which AWS rejects; here it fails before sending.
        $err = { [pscustomobject]@{ SecretId = 'bin/a'; SecretBinary = [byte[]](1) } | Write-SECSecretValue @Connection } | Should -Throw -PassThru
        $err.Exception.ParamName | Should -Be 'SecretString'
        Get-VersionStage 'bin/a' | Should -BeNullOrEmpty
    }
}
