# Finds references to documents that do not resolve inside the repository, so that none can go stale:
# a path to a Markdown file (`docs/decisions.md`, a path relative to the referring file, or a bare name such as
# `moto-fidelity.md`, found in docs/), its `#anchor`, and a section number (`§2.3`). Used by
# tests/pwsh/Docs.Tests.ps1.
Set-StrictMode -Version Latest

# The page that a bare `§` number points into (docs/aws-tools-behaviour.md says so too).
$script:SectionPage = 'docs/aws-tools-behaviour.md'

# Each pattern starts at a rare character, so that a whole file is scanned quickly; the name before `.md` and the
# page named before a `§` are then read backwards from the match.
# The end of a path to a Markdown file, with an optional #anchor.
$script:MarkdownEnd = [regex] '\.md(?:#([\w-]+))?(?![\w.-])'
# A link to an anchor of the same page: a Markdown link whose target starts with `#`.
$script:OwnAnchorPattern = [regex] '\]\(#([\w-]+)\)'
# A section number.
$script:SectionPattern = [regex] '§ ?(\d+(?:\.\d+)*)'
# The page named just before a section number (`docs/compatibility.md §4`), at the end of the text before it.
$script:PageBefore = [regex] '([\w./-]+\.md)\)?[ \t]+$'

$script:TextExtensions = '.md', '.rs', '.ps1', '.psm1', '.psd1', '.cs', '.py', '.txt', '.toml', '.yml', '.yaml', '.json', '.ps1xml', '.csproj', '.sh'

function Get-RepositoryTextFile {
    <#
    .SYNOPSIS
        The text files of the repository at Root (tracked, or new and not ignored), as paths relative to it.
    #>
    param([Parameter(Mandatory)] [string] $Root)
    $files = @(git -C $Root ls-files --cached --others --exclude-standard)
    if ($LASTEXITCODE -ne 0) { throw "git ls-files failed in $Root" }
    $files | Where-Object { [IO.Path]::GetExtension($_) -in $script:TextExtensions -or $_ -eq '.ci/run' }
}

function Get-MarkdownTarget {
    <#
    .SYNOPSIS
        The anchors of a Markdown page (GitHub's heading slugs) and the section numbers of its headings.
    #>
    param([Parameter(Mandatory)] [string] $Path)
    $anchors = [System.Collections.Generic.HashSet[string]]::new()
    $sections = [System.Collections.Generic.HashSet[string]]::new()
    $inFence = $false
    foreach ($line in [IO.File]::ReadLines($Path)) {
        if ($line -match '^\s*```') { $inFence = -not $inFence; continue }
        if ($inFence -or $line -notmatch '^#{1,6}\s+(.+?)\s*#*\s*$') { continue }
        $heading = $Matches[1]
        # GitHub: lower case, punctuation (backticks too) dropped, spaces to hyphens; repeats get -1, -2, ...
        $slug = ($heading.ToLowerInvariant() -replace '[^\p{L}\p{N}\s_-]', '') -replace '\s', '-'
        $unique = $slug
        for ($n = 1; -not $anchors.Add($unique); $n++) { $unique = "$slug-$n" }
        # "## 2. Title", "### 2.3 Title" and "### §1.8 / §1.9 Title" number sections.
        if ($heading -match '^§?(\d+(?:\.\d+)*)\.?\s') { [void] $sections.Add($Matches[1]) }
        foreach ($number in [regex]::Matches($heading, '§(\d+(?:\.\d+)*)')) { [void] $sections.Add($number.Groups[1].Value) }
    }
    [pscustomobject]@{ Anchors = $anchors; Sections = $sections }
}

function Resolve-DocumentPath {
    <#
    .SYNOPSIS
        The full path a reference names, tried next to the referring file, at the root, then in docs/;
        $null when none exists inside the repository.
    #>
    param([string] $Root, [string] $FromFolder, [string] $Reference)
    $rootFull = [IO.Path]::GetFullPath($Root).TrimEnd([IO.Path]::DirectorySeparatorChar) + [IO.Path]::DirectorySeparatorChar
    foreach ($base in $FromFolder, $Root, (Join-Path $Root 'docs')) {
        $full = [IO.Path]::GetFullPath([IO.Path]::Combine($base, $Reference))
        $exists = [IO.File]::Exists($full) -or [IO.Directory]::Exists($full)
        if ($exists -and $full.StartsWith($rootFull, [StringComparison]::Ordinal)) { return $full }
    }
    $null
}

function Find-BrokenDocReference {
    <#
    .SYNOPSIS
        Every reference in the given files that does not resolve inside the repository at Root, as
        "<file>:<line>: <reference>: <why>".
    #>
    param([Parameter(Mandatory)] [string] $Root, [Parameter(Mandatory)] [string[]] $File)
    $targets = @{}
    $targetOf = { param($path) if (-not $targets.ContainsKey($path)) { $targets[$path] = Get-MarkdownTarget $path }; $targets[$path] }
    $sectionPage = Join-Path $Root $script:SectionPage
    foreach ($relative in $File) {
        $path = Join-Path $Root $relative
        $folder = Split-Path -Parent $path
        $text = [IO.File]::ReadAllText($path)
        # The line of a match, counted only for the few matches there are.
        $lineOf = { param($match) "${relative}:$(1 + [regex]::Matches($text.Substring(0, $match.Index), "`n").Count)" }
        foreach ($match in $script:MarkdownEnd.Matches($text)) {
            # The path: the run of name and path characters before `.md`.
            $start = $match.Index
            while ($start -gt 0 -and ([char]::IsLetterOrDigit($text[$start - 1]) -or $text[$start - 1] -in '_', '.', '/', '-')) { $start-- }
            # None (a bare `.md`), or part of a glob, a URL or an address: not a reference.
            if ($start -eq $match.Index -or ($start -gt 0 -and $text[$start - 1] -in '*', '@', ':')) { continue }
            $reference = $text.Substring($start, $match.Index + 3 - $start)
            $shown = $text.Substring($start, $match.Index + $match.Length - $start)
            $anchor = $match.Groups[1].Value
            $full = Resolve-DocumentPath $Root $folder $reference
            if (-not $full) { "$(& $lineOf $match): ${shown}: no such file in the repository"; continue }
            if ($anchor -and -not (& $targetOf $full).Anchors.Contains($anchor)) {
                "$(& $lineOf $match): ${shown}: no heading with that anchor"
            }
        }
        foreach ($match in $script:OwnAnchorPattern.Matches($text)) {
            if (-not (& $targetOf $path).Anchors.Contains($match.Groups[1].Value)) {
                "$(& $lineOf $match): $($match.Value): no heading with that anchor here"
            }
        }
        foreach ($match in $script:SectionPattern.Matches($text)) {
            $lineStart = $text.LastIndexOf("`n", [Math]::Max(0, $match.Index - 1)) + 1
            $before = $script:PageBefore.Match($text.Substring($lineStart, $match.Index - $lineStart))
            $page = $before.Success ? (Resolve-DocumentPath $Root $folder $before.Groups[1].Value) : $sectionPage
            $shown = $before.Success ? "$($before.Groups[1].Value) $($match.Value)" : $match.Value
            if (-not $page -or -not [IO.File]::Exists($page)) { "$(& $lineOf $match): ${shown}: the page it points into is missing"; continue }
            if (-not (& $targetOf $page).Sections.Contains($match.Groups[1].Value)) {
                "$(& $lineOf $match): ${shown}: no section $($match.Groups[1].Value) in $(Split-Path -Leaf $page)"
            }
        }
    }
}

Export-ModuleMember -Function Get-RepositoryTextFile, Find-BrokenDocReference
