# PSScriptAnalyzer settings for every script of the repository (build, harness, tests, bench, help).
# The GitHub workflow's style job runs them: Invoke-ScriptAnalyzer -Path . -Recurse -Settings ./PSScriptAnalyzerSettings.psd1
# (the development machine cannot install PSScriptAnalyzer; tests/Test-PowerShellStyle.ps1 is the local gate).
# The default rules at Error and Warning severity, less the few below, each left out for a reason that holds
# for this code base; anything else they report is a finding to fix, not to silence.
@{
    Severity     = @('Error', 'Warning')
    ExcludeRules = @(
        # build.ps1, the test runner, the harness and the benchmarks report progress to the console on purpose:
        # their pipeline output is data (the test runner's "N passed, N failed" line, measurements).
        'PSAvoidUsingWriteHost'
        # The tests make SecureStrings from test values, as a user of -SecretString does; the module itself is
        # compiled, with no script of its own.
        'PSAvoidUsingConvertToSecureStringWithPlainText'
        # The tests check AWS Tools' shell variables ($StoredAWSCredentials, $StoredAWSRegion, $AWSProxy), which
        # live in the global scope by contract.
        'PSAvoidGlobalVars'
        # Pester 5 sets variables in BeforeAll / BeforeEach and reads them in It blocks, and the harness's
        # TestSetup.ps1 is dot-sourced for the variables it sets: the rule sees neither use.
        'PSUseDeclaredVarsMoreThanAssignments'
        # The Start-/Stop-/New- helpers of the harness and the benchmarks start and stop local test servers
        # and make temporary files; -WhatIf would mean nothing there.
        'PSUseShouldProcessForStateChangingFunctions'
        # The scripts are UTF-8 without a byte order mark, which PowerShell 7.4 (the floor, #Requires -Version 7.4)
        # reads as UTF-8; the rule is for Windows PowerShell 5.1, which reads them as ANSI.
        'PSUseBOMForUnicodeEncodedFile'
    )
}
