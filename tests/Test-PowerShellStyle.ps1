#Requires -Version 7.4
<#
.SYNOPSIS
    The PowerShell style gate CI runs: every script parses, and every Verb-Noun name uses an approved verb.

.DESCRIPTION
    Parses each .ps1, .psm1 and .psd1 file of the repository with the PowerShell parser and reports its
    syntax errors, then checks the verb of every function defined in them, and of every cmdlet the
    module exports (from the C# [Cmdlet] attributes), against Get-Verb. Prints one line per problem and
    exits with 1 when there is any.

.EXAMPLE
    pwsh -NoProfile -File tests/Test-PowerShellStyle.ps1
#>
[CmdletBinding()]
param(
    [string] $Root = (Join-Path $PSScriptRoot '..')
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$approved = (Get-Verb).Verb
$skipped = [regex] '[\\/](out|target|\.git|\.venv|node_modules)[\\/]'
$problems = [System.Collections.Generic.List[string]]::new()

$scripts = @(Get-ChildItem -Path $Root -Recurse -File -Include '*.ps1', '*.psm1', '*.psd1' |
    Where-Object { -not $skipped.IsMatch($_.FullName) })
foreach ($script in $scripts) {
    $tokens = $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($script.FullName, [ref] $tokens, [ref] $errors)
    foreach ($parseError in $errors) {
        $problems.Add("$($script.FullName):$($parseError.Extent.StartLineNumber): $($parseError.Message)")
    }
    $functions = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true)
    foreach ($function in $functions) {
        # Private helpers may go without a hyphen; a Verb-Noun name promises an approved verb.
        if ($function.Name -match '^(?<verb>[A-Za-z]+)-\w' -and $Matches.verb -notin $approved) {
            $problems.Add("$($script.FullName):$($function.Extent.StartLineNumber): function $($function.Name) uses the unapproved verb '$($Matches.verb)'")
        }
    }
}

$cmdletSources = Get-ChildItem -Path (Join-Path $Root 'pwsh' 'src') -Recurse -File -Filter '*.cs'
foreach ($match in ($cmdletSources | Select-String -Pattern '\[Cmdlet\((Verbs\w+\.)?(?<verb>\w+|"[^"]+"),\s*"(?<noun>[^"]+)"')) {
    $verb = $match.Matches[0].Groups['verb'].Value.Trim('"')
    if ($verb -notin $approved) {
        $problems.Add("$($match.Path):$($match.LineNumber): cmdlet $verb-$($match.Matches[0].Groups['noun'].Value) uses the unapproved verb '$verb'")
    }
}

$problems | ForEach-Object { Write-Host $_ }
Write-Host "$($scripts.Count) PowerShell files parsed, $($problems.Count) problem(s)."
exit ([int]($problems.Count -gt 0))
