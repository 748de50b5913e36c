Set-StrictMode -Version Latest

# A proxy password given as a PSCredential must not become a managed string on its way to the native library (the
# target document is built without one, and its characters are wiped), and the copy of -SecretBinary made from
# a stream, a file or text is wiped at the end of the pipeline: a fresh pwsh makes the password from random characters straight
# into a SecureString (no string of it ever exists) and the binary secret from random bytes, makes a call with both,
# disposes the SecureString (which zeroes it) and clears its own bytes, and then searches its own writable memory
# (managed and native heaps) for the password as UTF-16, the way .NET strings hold text, and for the bytes. A
# control password turned into a string on purpose must be found, so the search can fail.

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
}

Describe 'No copy of a proxy password or of SecretBinary bytes is left in memory' -Skip:(-not $IsLinux) {
    BeforeAll {
        $work = Join-Path ([IO.Path]::GetTempPath()) "smn-copies-$([guid]::NewGuid().ToString('N'))"
        $null = New-Item -ItemType Directory $work
        $scenario = Join-Path $work 'scenario.ps1'
        Set-Content $scenario @'
param($Module)
Set-StrictMode -Version Latest
Import-Module $Module
Add-Type -TypeDefinition @"
using System;
using System.IO;

public static class WritableMemory
{
    /// <summary>Random capital letters (as bytes, never as a string).</summary>
    public static byte[] RandomAscii(int length)
    {
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(length);
        for (var i = 0; i < length; i++) bytes[i] = (byte)('A' + bytes[i] % 26);
        return bytes;
    }

    public static byte[] Masked(byte[] bytes, byte mask)
    {
        var masked = new byte[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) masked[i] = (byte)(bytes[i] ^ mask);
        return masked;
    }

    /// <summary>
    /// How many times this process's anonymous writable memory (the managed and native heaps) holds the text whose
    /// ASCII bytes are <paramref name="masked"/> XOR <paramref name="mask"/>, as UTF-16 or as the bytes themselves.
    /// The key is masked so that it does not find itself.
    /// </summary>
    public static int Count(byte[] masked, byte mask, bool utf16)
    {
        var found = 0;
        var width = utf16 ? 2 : 1;
        var overlap = masked.Length * width;
        var block = new byte[(1 << 20) + overlap];
        using var memory = new FileStream("/proc/self/mem", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        foreach (var line in File.ReadAllLines("/proc/self/maps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!fields[1].StartsWith("rw") || (fields.Length > 5 && fields[5].StartsWith("/"))) continue;
            var range = fields[0].Split('-');
            long start = Convert.ToInt64(range[0], 16), end = Convert.ToInt64(range[1], 16);
            for (var at = start; at < end; at += 1 << 20)
            {
                var length = (int)Math.Min(block.Length, end - at);
                try { memory.Seek(at, SeekOrigin.Begin); length = memory.Read(block, 0, length); }
                catch (IOException) { break; }
                var last = Math.Min(length, 1 << 20);
                for (var i = 0; i < last && i + overlap <= length; i++)
                {
                    var j = 0;
                    while (j < masked.Length && block[i + width * j] == (byte)(masked[j] ^ mask) && (!utf16 || block[i + 2 * j + 1] == 0)) j++;
                    if (j == masked.Length) found++;
                }
            }
        }
        return found;
    }
}
"@
# Method calls, not functions: a function's output would be unrolled and converted back into new arrays.
$password = [WritableMemory]::RandomAscii(24)
$secure = [Security.SecureString]::new()
foreach ($byte in $password) { $secure.AppendChar([char]$byte) }
$password = [WritableMemory]::Masked($password, 0x5A)   # the plain bytes become garbage the GC may not have reused
$binary = [WritableMemory]::RandomAscii(24)
$binaryMasked = [WritableMemory]::Masked($binary, 0x5A)
$credential = [pscredential]::new('scanuser', $secure)
$listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0); $listener.Start()
$closedPort = $listener.LocalEndpoint.Port; $listener.Stop()
$failed = try {
    Write-SECSecretValue -SecretId 'copies' -SecretBinary ([IO.MemoryStream]::new($binary)) -Region us-east-1 -AccessKey test -SecretKey test -EndpointUrl "http://127.0.0.1:$closedPort" -ClientConfig @{ ProxyHost = '127.0.0.1'; ProxyPort = $closedPort; ProxyCredentials = $credential }
    $false
} catch { $_.FullyQualifiedErrorId -like 'System.Net.Http.HttpRequestException,*' }
$secure.Dispose()
[Array]::Clear($binary)   # the caller's own bytes (the MemoryStream's buffer)
# -SecretBinary from a file (FileInfo) and from text: the converter's bytes are the only 8-bit copy this process
# makes (the file is written from bytes that are then cleared; the text is a UTF-16 string, which the byte search
# below cannot match), so none may be left once the pipeline ends.
$fileBytes = [WritableMemory]::RandomAscii(24)
$file = Join-Path ([IO.Path]::GetTempPath()) "smn-copies-$PID.bin"
[IO.File]::WriteAllBytes($file, $fileBytes)
$fileMasked = [WritableMemory]::Masked($fileBytes, 0x5A)
[Array]::Clear($fileBytes)
$textBytes = [WritableMemory]::RandomAscii(24)
$text = [Text.Encoding]::ASCII.GetString($textBytes)
$textMasked = [WritableMemory]::Masked($textBytes, 0x5A)
[Array]::Clear($textBytes)
$sourcesFailed = 0
foreach ($source in (Get-Item $file), $text) {
    try {
        Write-SECSecretValue -SecretId 'copies' -SecretBinary $source -Region us-east-1 -AccessKey test -SecretKey test -EndpointUrl "http://127.0.0.1:$closedPort"
    } catch { if ($_.FullyQualifiedErrorId -like 'System.Net.Http.HttpRequestException,*') { $sourcesFailed++ } }
}
Remove-Item $file
$control = [WritableMemory]::RandomAscii(24)
$controlString = [Text.Encoding]::ASCII.GetString($control)
[Array]::Clear($control)
$control = [WritableMemory]::Masked([Text.Encoding]::ASCII.GetBytes($controlString), 0x5A)
"FAILED-AS-EXPECTED=$failed"
"PASSWORD-COPIES=$([WritableMemory]::Count($password, 0x5A, $true))"
"BINARY-COPIES=$([WritableMemory]::Count($binaryMasked, 0x5A, $false))"
"SOURCES-FAILED-AS-EXPECTED=$sourcesFailed"
"FILE-COPIES=$([WritableMemory]::Count($fileMasked, 0x5A, $false))"
"TEXT-COPIES=$([WritableMemory]::Count($textMasked, 0x5A, $false))"
"CONTROL-COPIES=$([WritableMemory]::Count($control, 0x5A, $true)) $($controlString.Length)"
'@
        $pwsh = Join-Path $PSHOME 'pwsh'
        $output = & $pwsh -NoProfile -NonInteractive -File $scenario -Module (Join-Path $env:SMN_TEST_MODULE 'SecretsManager.Native.psd1') 2>&1 | Out-String
    }
    AfterAll { Remove-Item -Recurse -Force $work -ErrorAction Ignore }

    It 'the call ran and failed at the proxy, and the search finds a string made on purpose' {
        $output | Should -Match 'FAILED-AS-EXPECTED=True'
        $output | Should -Match 'CONTROL-COPIES=[1-9]'
    }

    It 'finds no UTF-16 copy of the password once its SecureString is disposed' {
        $output | Should -Match 'PASSWORD-COPIES=0\b'
    }

    It 'finds no copy of -SecretBinary bytes read from a stream once the caller wiped its own' {
        $output | Should -Match 'BINARY-COPIES=0\b'
    }

    It 'finds no copy of -SecretBinary bytes read from a file or encoded from text' {
        $output | Should -Match 'SOURCES-FAILED-AS-EXPECTED=2\b' -Because 'both calls ran and failed at the closed port'
        $output | Should -Match 'FILE-COPIES=0\b'
        $output | Should -Match 'TEXT-COPIES=0\b'
    }
}
