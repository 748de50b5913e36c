# The real AWS SDK for .NET for the suites that check the module against its objects (Credentials.AwsSdk.Tests.ps1):
# AWSSDK.Core and AWSSDK.SimpleSystemsManagement, restored and copied out by dotnet from AwsSdkCore/AwsSdkCore.csproj.
Set-StrictMode -Version Latest

function Get-AwsSdkAssemblyFolder {
    <#
    .SYNOPSIS
        Builds tests/harness/AwsSdkCore once (per version of its project) and returns the folder it copies
        AWSSDK.Core.dll and AWSSDK.SimpleSystemsManagement.dll to (under out/test-fixtures, which build.ps1
        Clean removes).
    #>
    $project = Join-Path $PSScriptRoot 'AwsSdkCore' 'AwsSdkCore.csproj'
    # Named after the project's contents, so that a changed package version builds again.
    $stamp = (Get-FileHash -Algorithm SHA256 -Path $project).Hash.Substring(0, 12).ToLowerInvariant()
    $folder = Join-Path $PSScriptRoot '..' '..' 'out' 'test-fixtures' "awssdk-core-$stamp"
    $assemblies = 'AWSSDK.Core.dll', 'AWSSDK.SimpleSystemsManagement.dll' | ForEach-Object { Join-Path $folder $_ }
    if (@($assemblies | Where-Object { -not (Test-Path $_) }).Count) {
        $output = & dotnet build $project -c Release -o $folder -nologo -v quiet 2>&1
        if ($LASTEXITCODE) { throw "dotnet build $project failed ($LASTEXITCODE):`n$($output -join "`n")" }
    }
    (Resolve-Path $folder).Path
}

Export-ModuleMember -Function Get-AwsSdkAssemblyFolder
