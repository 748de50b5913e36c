#Requires -Version 7.4
<#
.SYNOPSIS
    Writes the MAML help file of the module's compiled cmdlets from the prose in pwsh/help/*.help.psd1.

.DESCRIPTION
    Compiled cmdlets can't carry comment-based help; PowerShell reads their help from
    <Assembly>.dll-Help.xml (MAML) in the module's culture folder. This script imports the built module,
    takes each exported cmdlet's parameter facts (names, types, positions, pipeline input, aliases,
    parameter sets) from its metadata, and the words from <Command-Name>.help.psd1:
        @{ Synopsis = '...'; Description = '...'; Parameters = @{ Name = '...' }
           Examples = @( @{ Title = '...'; Code = '...'; Remarks = '...' } ); Links = @('...') }
    Prose for a parameter the cmdlet doesn't have is skipped (help files may run ahead of the code);
    a parameter without prose gets a warning, and the Help tests fail on it.
    Run it in a fresh pwsh (build.ps1 does): the module's assembly can't be unloaded afterwards.

.EXAMPLE
    pwsh -NoProfile -File pwsh/help/Build-MamlHelp.ps1 -ModulePath out/SecretsManager.Native/0.1.0 -OutFile out/SecretsManager.Native/0.1.0/en-US/SecretsManager.Native.dll-Help.xml
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $OutFile,
    [string] $HelpSource = $PSScriptRoot
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Write-MamlParagraph([System.Xml.XmlWriter] $Writer, [string] $Text) {
    # Blank lines separate paragraphs, as in comment-based help.
    foreach ($paragraph in ($Text -split '\r?\n\s*\r?\n')) {
        $Writer.WriteElementString('maml', 'para', $ns.maml, $paragraph.Trim())
    }
}

function Get-PipelineInputText([System.Management.Automation.ParameterMetadata] $Parameter) {
    $kinds = @(
        if ($Parameter.ParameterSets.Values.ValueFromPipeline -contains $true) { 'ByValue' }
        if ($Parameter.ParameterSets.Values.ValueFromPipelineByPropertyName -contains $true) { 'ByPropertyName' }
    )
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Get-PositionText([System.Management.Automation.ParameterMetadata] $Parameter) {
    $positions = @($Parameter.ParameterSets.Values.Position | Where-Object { $_ -ge 0 })
    if ($positions.Count) { [string]($positions[0] + 1) } else { 'named' }
}

function Write-ParameterElement([System.Xml.XmlWriter] $Writer, [System.Management.Automation.ParameterMetadata] $Parameter, [string] $Prose, [bool] $Required) {
    $Writer.WriteStartElement('command', 'parameter', $ns.command)
    $Writer.WriteAttributeString('required', $Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', 'true')
    $Writer.WriteAttributeString('globbing', 'false')
    $Writer.WriteAttributeString('pipelineInput', (Get-PipelineInputText $Parameter))
    $Writer.WriteAttributeString('position', (Get-PositionText $Parameter))
    $Writer.WriteAttributeString('aliases', ($Parameter.Aliases.Count ? ($Parameter.Aliases -join ', ') : 'none'))
    $Writer.WriteElementString('maml', 'name', $ns.maml, $Parameter.Name)
    $Writer.WriteStartElement('maml', 'description', $ns.maml)
    if ($Prose) { Write-MamlParagraph $Writer $Prose }
    $Writer.WriteEndElement()
    $typeName = $Parameter.SwitchParameter ? 'SwitchParameter' : $Parameter.ParameterType.Name
    $Writer.WriteStartElement('command', 'parameterValue', $ns.command)
    $Writer.WriteAttributeString('required', (-not $Parameter.SwitchParameter).ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', 'false')
    $Writer.WriteString($typeName)
    $Writer.WriteEndElement()
    $Writer.WriteStartElement('dev', 'type', $ns.dev)
    $Writer.WriteElementString('maml', 'name', $ns.maml, $Parameter.ParameterType.FullName)
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()
}

function Write-CommandHelp([System.Xml.XmlWriter] $Writer, [System.Management.Automation.CmdletInfo] $Command, [hashtable] $Help) {
    $prose = $Help['Parameters'] ?? @{}
    $parameters = @($Command.Parameters.Values | Where-Object { $_.Name -notin $commonParameters })
    foreach ($parameter in $parameters) {
        if (-not $prose[$parameter.Name]) { Write-Warning "$($Command.Name): no help text for -$($parameter.Name)." }
    }

    $Writer.WriteStartElement('command', 'command', $ns.command)
    $Writer.WriteStartElement('command', 'details', $ns.command)
    $Writer.WriteElementString('command', 'name', $ns.command, $Command.Name)
    $Writer.WriteStartElement('maml', 'description', $ns.maml)
    Write-MamlParagraph $Writer $Help.Synopsis
    $Writer.WriteEndElement()
    $Writer.WriteElementString('command', 'verb', $ns.command, $Command.Verb)
    $Writer.WriteElementString('command', 'noun', $ns.command, $Command.Noun)
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('maml', 'description', $ns.maml)
    Write-MamlParagraph $Writer $Help.Description
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $Command.ParameterSets) {
        $Writer.WriteStartElement('command', 'syntaxItem', $ns.command)
        $Writer.WriteElementString('maml', 'name', $ns.maml, $Command.Name)
        foreach ($setParameter in ($set.Parameters | Where-Object { $_.Name -notin $commonParameters })) {
            $metadata = $Command.Parameters[$setParameter.Name]
            Write-ParameterElement $Writer $metadata $prose[$setParameter.Name] $setParameter.IsMandatory
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($parameter in ($parameters | Sort-Object Name)) {
        $required = $parameter.ParameterSets.Values.IsMandatory -contains $true
        Write-ParameterElement $Writer $parameter $prose[$parameter.Name] $required
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'returnValues', $ns.command)
    foreach ($output in $Command.OutputType) {
        $Writer.WriteStartElement('command', 'returnValue', $ns.command)
        $Writer.WriteStartElement('dev', 'type', $ns.dev)
        $Writer.WriteElementString('maml', 'name', $ns.maml, $output.Name)
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'examples', $ns.command)
    $number = 0
    foreach ($example in @($Help['Examples'])) {
        $number++
        $Writer.WriteStartElement('command', 'example', $ns.command)
        $Writer.WriteElementString('maml', 'title', $ns.maml, "-------------------------- Example $number`: $($example.Title) --------------------------")
        $Writer.WriteElementString('dev', 'code', $ns.dev, $example.Code.Trim())
        $Writer.WriteStartElement('dev', 'remarks', $ns.dev)
        Write-MamlParagraph $Writer ($example['Remarks'] ?? '')
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'relatedLinks', $ns.command)
    foreach ($link in @($Help['Links'])) {
        if (-not $link) { continue }
        $Writer.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $isUri = $link -match '^https?://'
        $Writer.WriteElementString('maml', 'linkText', $ns.maml, $isUri ? 'Online version:' : $link)
        $Writer.WriteElementString('maml', 'uri', $ns.maml, $isUri ? $link : '')
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

$module = Import-Module (Resolve-Path $ModulePath).Path -PassThru -Force
$cmdlets = @($module.ExportedCmdlets.Values | Sort-Object Name)
$null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $OutFile)

$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$writer = [System.Xml.XmlWriter]::Create($OutFile, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($cmdlet in $cmdlets) {
        $source = Join-Path $HelpSource "$($cmdlet.Name).help.psd1"
        if (-not (Test-Path $source)) {
            Write-Warning "$($cmdlet.Name): no help file at $source."
            continue
        }
        Write-CommandHelp $writer $cmdlet (Import-PowerShellDataFile -Path $source)
    }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
} finally {
    $writer.Dispose()
}
Write-Verbose "Wrote help for $($cmdlets.Count) command(s) to $OutFile"
