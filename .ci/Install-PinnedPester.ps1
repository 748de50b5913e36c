#Requires -Version 7.4
<#
.SYNOPSIS
    Installs (for the current user) the exact Pester version that tests/Invoke-PesterSuite.ps1 imports, read
    from tests/PinnedPester.psd1, so that the version is written in one place. The GitHub
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

$version = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '..' 'tests' 'PinnedPester.psd1')).RequiredVersion
if ($PSCmdlet.ShouldProcess("Pester $version", 'Install-Module')) {
    Install-Module Pester -RequiredVersion $version -Scope CurrentUser -Force -SkipPublisherCheck
}
