#Requires -Version 7.4
<#
.SYNOPSIS
    Installs (for the current user) the exact Pester version that tests/Invoke-PesterSuite.ps1 requires, read
    from that script's #Requires -Modules line, so that the version is written in one place. The GitHub
    workflow's jobs run it; on a developer machine, Install-Module Pester -RequiredVersion <that version> does
    the same.

.EXAMPLE
    pwsh -NoProfile -File .ci/Install-PinnedPester.ps1 -WhatIf
    Shows the version it would install.
#>
[CmdletBinding(SupportsShouldProcess)]
param()
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$runner = Join-Path $PSScriptRoot '..' 'tests' 'Invoke-PesterSuite.ps1'
$tokens = $errors = $null
$requirements = [System.Management.Automation.Language.Parser]::ParseFile($runner, [ref] $tokens, [ref] $errors).ScriptRequirements
$pester = @($requirements.RequiredModules | Where-Object Name -EQ 'Pester')
if ($pester.Count -ne 1 -or -not $pester[0].RequiredVersion) {
    throw "$runner has no '#Requires -Modules @{ ModuleName = 'Pester'; RequiredVersion = ... }' line."
}
$version = $pester[0].RequiredVersion
if ($PSCmdlet.ShouldProcess("Pester $version", 'Install-Module')) {
    Install-Module Pester -RequiredVersion $version -Scope CurrentUser -Force -SkipPublisherCheck
}
