# The Pester version the suites are written and checked against (the toolchain's). tests/Invoke-PesterSuite.ps1
# imports exactly this version; .ci/Install-PinnedPester.ps1 (the GitHub workflow) installs it.
@{
    RequiredVersion = '5.7.1'
}
