#Requires -Version 7.4
<#
.SYNOPSIS
    Facts about a built native library read from the file itself, with binutils (readelf for ELF, objdump
    for PE) or macOS's nm: its exported functions, the newest glibc symbol version it needs, the DLLs it
    imports. The packaging tests assert on them; build.ps1 Package prints them.
#>
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Get-NativeLibraryFormat([string] $Path) {
    $magic = [byte[]]::new(4)
    $stream = [IO.File]::OpenRead($Path)
    try { $null = $stream.Read($magic, 0, 4) } finally { $stream.Dispose() }
    if ($magic[0] -eq 0x7F -and $magic[1] -eq 0x45 -and $magic[2] -eq 0x4C -and $magic[3] -eq 0x46) { return 'ELF' }
    if ($magic[0] -eq 0x4D -and $magic[1] -eq 0x5A) { return 'PE' }
    if ([BitConverter]::ToUInt32($magic, 0) -in 0xFEEDFACF, 0xCFFAEDFE) { return 'MachO' }
    throw "$Path is not an ELF, PE or Mach-O file."
}

function Invoke-Inspector([string] $Tool, [string[]] $Arguments) {
    if (-not (Get-Command $Tool -ErrorAction Ignore)) {
        throw "'$Tool' was not found: it reads native libraries (binutils on Linux and in mingw-w64, Xcode's tools on macOS)."
    }
    $output = & $Tool @Arguments 2>&1
    if ($LASTEXITCODE -ne 0) { throw "'$Tool $Arguments' failed: $output" }
    $output
}

function Get-NativeLibraryExport {
    <# .SYNOPSIS The names of the functions a library exports, sorted. #>
    param([Parameter(Mandatory)] [string] $Path)
    $names = switch (Get-NativeLibraryFormat $Path) {
        'ELF' {
            # Num: Value Size Type Bind Vis Ndx Name; defined (Ndx not UND) global functions.
            foreach ($line in Invoke-Inspector readelf '--dyn-syms', '--wide', $Path) {
                $fields = -split $line
                if ($fields.Count -ge 8 -and $fields[3] -eq 'FUNC' -and $fields[4] -in 'GLOBAL', 'WEAK' -and $fields[6] -ne 'UND') {
                    $fields[7] -replace '@.*$'
                }
            }
        }
        'PE' {
            # The name table of objdump -p: "[   0] sm_call_new" (the address table's lines say "+base").
            $inTable = $false
            foreach ($line in Invoke-Inspector objdump '-p', $Path) {
                if ($line -match '^\[Ordinal/Name Pointer\] Table|^\s*\[Name Pointer/Ordinal\] Table') { $inTable = $true; continue }
                if ($inTable -and $line -match '^\s*\[\s*\d+\]\s+(?<name>[A-Za-z_]\w*)\s*$') { $Matches.name }
                elseif ($inTable -and $line.Trim() -eq '') { $inTable = $false }
            }
        }
        'MachO' {
            foreach ($line in Invoke-Inspector nm '-gU', $Path) {
                if ($line -match '^\S+\s+T\s+_(?<name>\S+)$') { $Matches.name }
            }
        }
    }
    @($names | Sort-Object -Unique)
}

function Get-GlibcVersionNeeded {
    <# .SYNOPSIS The newest GLIBC_x.y symbol version an ELF library needs (readelf's version-needs section). #>
    param([Parameter(Mandatory)] [string] $Path)
    $versions = foreach ($line in Invoke-Inspector readelf '--version-info', '--wide', $Path) {
        if ($line -match 'Name: GLIBC_(?<version>\d+(\.\d+)+)') { [version] $Matches.version }
    }
    if (-not $versions) { throw "$Path needs no GLIBC_ symbol version: is it a glibc library?" }
    $versions | Sort-Object -Descending | Select-Object -First 1
}

function Get-DllImport {
    <# .SYNOPSIS The DLLs a PE library imports, as its import table names them (objdump -p). #>
    param([Parameter(Mandatory)] [string] $Path)
    foreach ($line in Invoke-Inspector objdump '-p', $Path) {
        if ($line -match '^\s*DLL Name:\s*(?<name>\S+)') { $Matches.name }
    }
}

Export-ModuleMember -Function Get-NativeLibraryFormat, Get-NativeLibraryExport, Get-GlibcVersionNeeded, Get-DllImport
