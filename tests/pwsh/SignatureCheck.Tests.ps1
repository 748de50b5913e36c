# The harness's signature check (tests/harness/sigv4_verifier.py): moto checks no signature, so every moto the
# suites start recomputes each request's SigV4 signature with botocore's signer and the suite fails on a
# mismatch. These tests run the real module against a moto of their own that reports to a file of their own
# (a deliberate mismatch here must not fail the whole suite) and show that the check can fail.
Set-StrictMode -Version Latest

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    $Report = Join-Path ([IO.Path]::GetTempPath()) "smn-sigv4-check-$([guid]::NewGuid()).jsonl"
    $Checked = Start-MotoServer -SignatureReport $Report
    $null = Invoke-MotoApi $Checked.Endpoint CreateSecret @{ Name = 'signature/target' }

    function Write-Checked([string] $AccessKey, [string] $SecretKey) {
        Write-SECSecretValue -SecretId 'signature/target' -SecretString 'value' -Region 'us-east-1' `
            -EndpointUrl $Checked.Endpoint -AccessKey $AccessKey -SecretKey $SecretKey
    }
    function Get-LastOutcome { Get-Content $Report | Select-Object -Last 1 | ConvertFrom-Json }
}

AfterAll {
    Stop-MotoServer $Checked
    Remove-Item $Report -ErrorAction Ignore
}

Describe 'Signature check of the test harness' {
    It 'verifies a write signed with a registered key pair, and the summary passes' {
        (Write-Checked 'test' 'test').VersionId | Should -Not -BeNullOrEmpty

        $last = Get-LastOutcome
        ($last.outcome, $last.key, $last.target) | Should -Be @('verified', 'test', 'secretsmanager.PutSecretValue')
        $summary = Get-SignatureCheckSummary -ReportPath $Report
        $summary.Passed | Should -BeTrue
        $summary.Verified | Should -Be 1   # CreateSecret above was the harness's own call, not checked
    }

    It 'reports a key id with no known secret as unverifiable, which fails the summary' {
        (Write-Checked 'AKIDNOTREGISTERED' 's').VersionId | Should -Not -BeNullOrEmpty   # passed on to moto

        $summary = Get-SignatureCheckSummary -ReportPath $Report
        ($summary.Passed, $summary.Unverifiable) | Should -Be @($false, 1)
        $summary.Text | Should -Match 'no secret known for key ids .*: AKIDNOTREGISTERED'
    }

    It 'rejects a write signed with another secret than the one registered for its key id, as AWS would' {
        { Write-Checked 'test' 'not-the-registered-secret' } |
            Should -Throw '*signature we calculated does not match the signature you provided*'

        (Get-LastOutcome).outcome | Should -Be 'mismatch'
        $summary = Get-SignatureCheckSummary -ReportPath $Report
        $summary.Mismatched | Should -Be 1
        $summary.Text | Should -Match 'MISMATCH key test secretsmanager.PutSecretValue'
    }

    It 'fails the summary when the check never ran' {
        (Get-SignatureCheckSummary -ReportPath "$Report.absent").Passed | Should -BeFalse
    }
}
