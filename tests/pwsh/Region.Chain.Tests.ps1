# The region chain, step by step and in both directions. The region used is read from the credential
# scope of the Authorization header that the recording proxy in front of moto received.
Set-StrictMode -Version Latest

BeforeAll {
    . (Join-Path $PSScriptRoot '..' 'harness' 'TestSetup.ps1')
    $StandIn = Start-StandIn -Upstream $Endpoint -ImdsKey 'AKIDIMDS' -ImdsRegion 'eu-north-1'
    $SecretArn = New-TestSecret "region-chain-$([guid]::NewGuid())"

    function Get-UsedRegion([hashtable] $Parameters = @{}) {
        try {
            $null = Write-SECSecretValue -SecretId $SecretArn -SecretString 'value' -EndpointUrl $StandIn.Endpoint `
                -AccessKey 'AKIDREGION' -SecretKey 's' @Parameters
        } catch {
            # The secret lives in us-east-1; in another region moto answering "not found" proves the call was sent.
            if ($_.Exception.InnerException -isnot [Amazon.SecretsManager.Model.ResourceNotFoundException]) { throw }
        }
        (Get-LastSignature $StandIn).Region
    }
}

AfterAll { Stop-StandIn $StandIn }

Describe 'Region chain' {
    BeforeEach {
        $State = Enter-CleanAwsEnvironment
        $Config = Join-Path $env:HOME '.aws' 'config'
    }
    AfterEach { Exit-CleanAwsEnvironment $State }

    It '-Region (a string or a region object) wins over $StoredAWSRegion' {
        Set-DefaultAWSRegion -Region 'eu-west-3' -Scope Global
        Get-UsedRegion @{ Region = 'ap-south-1' } | Should -Be 'ap-south-1'
        Get-UsedRegion @{ Region = [pscustomobject]@{ Region = 'ca-central-1' } } | Should -Be 'ca-central-1'
        Get-UsedRegion | Should -Be 'eu-west-3'
    }

    It '-ClientConfig RegionEndpoint stands for -Region when -Region is absent (over $StoredAWSRegion), and -Region wins over it' {
        Set-DefaultAWSRegion -Region 'eu-west-3' -Scope Global
        Get-UsedRegion @{ ClientConfig = @{ RegionEndpoint = 'ap-south-1' } } | Should -Be 'ap-south-1'
        Get-UsedRegion @{ ClientConfig = @{ RegionEndpoint = 'ap-south-1' }; Region = 'ca-central-1' } | Should -Be 'ca-central-1'
    }

    It '$StoredAWSRegion wins over the named profile''s region, and is read through the caller''s scope' {
        Set-Content $Config "[profile named]`nregion = sa-east-1"
        & { Set-DefaultAWSRegion 'eu-west-3'; Get-UsedRegion @{ ProfileName = 'named' } | Should -Be 'eu-west-3' }
        Get-UsedRegion @{ ProfileName = 'named' } | Should -Be 'sa-east-1'
    }

    It 'the region of -ProfileName or AWS_PROFILE wins over the default profile''s region' {
        Set-Content $Config "[default]`nregion = us-west-2`n[profile named]`nregion = sa-east-1"
        Get-UsedRegion @{ ProfileName = 'named' } | Should -Be 'sa-east-1'
        $env:AWS_PROFILE = 'named'
        Get-UsedRegion | Should -Be 'sa-east-1'
        Remove-Item env:AWS_PROFILE
        Get-UsedRegion | Should -Be 'us-west-2'
    }

    It 'the default profile''s region wins over AWS PS Default''s region' {
        Set-Content $Config "[default]`nregion = us-west-2`n[profile AWS PS Default]`nregion = ap-southeast-2"
        Get-UsedRegion | Should -Be 'us-west-2'
        Set-Content $Config "[profile AWS PS Default]`nregion = ap-southeast-2"
        Get-UsedRegion | Should -Be 'ap-southeast-2'
    }

    It 'AWS PS Default''s region (config or credentials file) wins over AWS_REGION' {
        $env:AWS_REGION = 'eu-central-1'
        $credentials = Join-Path $env:HOME '.aws' 'credentials'
        Set-Content $credentials "[AWS PS Default]`nregion = ap-southeast-2"
        Get-UsedRegion | Should -Be 'ap-southeast-2'
        Remove-Item $credentials
        Get-UsedRegion | Should -Be 'eu-central-1'
    }

    It 'the default profile''s region wins over AWS_REGION' {
        $env:AWS_REGION = 'eu-central-1'
        Set-Content $Config "[default]`nregion = us-west-2"
        Get-UsedRegion | Should -Be 'us-west-2'
        Remove-Item $Config
        Get-UsedRegion | Should -Be 'eu-central-1'
    }

    It 'AWS_REGION wins over AWS_DEFAULT_REGION' {
        $env:AWS_DEFAULT_REGION = 'ap-northeast-1'
        $env:AWS_REGION = 'eu-central-1'
        Get-UsedRegion | Should -Be 'eu-central-1'
        Remove-Item env:AWS_REGION
        Get-UsedRegion | Should -Be 'ap-northeast-1'
    }

    It 'AWS_DEFAULT_REGION wins over instance metadata, which comes last' {
        Remove-Item env:AWS_EC2_METADATA_DISABLED
        $env:AWS_EC2_METADATA_SERVICE_ENDPOINT = $StandIn.Endpoint
        $env:AWS_DEFAULT_REGION = 'ap-northeast-1'
        Get-UsedRegion | Should -Be 'ap-northeast-1'
        Remove-Item env:AWS_DEFAULT_REGION
        Get-UsedRegion | Should -Be 'eu-north-1'
    }

    It 'with no region fails fast with the exact message, even with -EndpointUrl' {
        Remove-Item env:AWS_EC2_METADATA_DISABLED
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $err = { Get-UsedRegion } | Should -Throw -PassThru
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        $err.Exception.Message | Should -BeExactly 'No region specified or obtained from persisted/shell defaults.'
        $err.Exception | Should -BeOfType [System.InvalidOperationException]
    }

    It 'with a metadata endpoint that never answers, no region and no credentials still fail within 2 s' {
        $silent = Enable-SilentMetadataEndpoint
        try {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            { Write-SECSecretValue -SecretId $SecretArn -SecretString 'v' -EndpointUrl $StandIn.Endpoint } |
                Should -Throw 'No credentials specified or obtained from persisted/shell defaults.'
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
            # One call, one probe: once the region's probe found no metadata service, the credential chain does not dial again.
            Receive-SilentMetadataConnection $silent | Should -Be 1 -Because 'instance metadata is dialled once per call'
            $watch.Restart()
            { Get-UsedRegion } | Should -Throw 'No region specified or obtained from persisted/shell defaults.'
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
            Receive-SilentMetadataConnection $silent | Should -BeGreaterThan 0 -Because 'instance metadata must have been dialled for the region'
        } finally { $silent.Stop() }
    }

    It '-Debug says "Region obtained from <Text>" for <Step>' -ForEach @(
        @{ Step = '-Region'; Text = 'region parameter'; Region = 'ap-south-1' }
        @{ Step = '$StoredAWSRegion'; Text = 'shell variable $StoredAWSRegion'; Region = 'eu-west-3' }
        @{ Step = 'profile region'; Text = 'stored region'; Region = 'us-west-2' }
        @{ Step = 'AWS_DEFAULT_REGION'; Text = 'Environment'; Region = 'ap-northeast-1' }
        @{ Step = 'instance metadata'; Text = 'InstanceMetadata'; Region = 'eu-north-1' }
    ) {
        $parameters = @{}
        switch ($Step) {
            '-Region' { $parameters = @{ Region = $Region } }
            '$StoredAWSRegion' { Set-DefaultAWSRegion -Region $Region -Scope Global }
            'profile region' { Set-Content $Config "[default]`nregion = $Region" }
            'AWS_DEFAULT_REGION' { $env:AWS_DEFAULT_REGION = $Region }
            'instance metadata' {
                Remove-Item env:AWS_EC2_METADATA_DISABLED
                $env:AWS_EC2_METADATA_SERVICE_ENDPOINT = $StandIn.Endpoint
            }
        }
        $DebugPreference = 'Continue'
        $debug = Get-UsedRegion $parameters 5>&1 | Where-Object { $_ -is [Management.Automation.DebugRecord] }
        $debug.Message | Should -Contain "Region obtained from $Text with value '$Region'"
    }

    It '-Debug says where the region came from' {
        $env:AWS_REGION = 'eu-central-1'
        $DebugPreference = 'Continue'
        $debug = Get-UsedRegion 5>&1 | Where-Object { $_ -is [Management.Automation.DebugRecord] }
        $debug.Message | Should -Contain "Region obtained from Environment with value 'eu-central-1'"
    }
}

Describe 'Region companion cmdlets' {
    BeforeEach { $State = Enter-CleanAwsEnvironment }
    AfterEach { Exit-CleanAwsEnvironment $State }

    It 'Set-, Get- and Clear-DefaultAWSRegion work on $StoredAWSRegion in the caller''s scope' {
        Set-DefaultAWSRegion -Region 'eu-west-1'
        $StoredAWSRegion | Should -Be 'eu-west-1'
        $region = Get-DefaultAWSRegion
        $region.Region | Should -Be 'eu-west-1'
        $region.IsShellDefault | Should -BeTrue
        Clear-DefaultAWSRegion
        Get-DefaultAWSRegion | Should -BeNullOrEmpty
    }

    It '-Scope Global reaches the global scope from a child scope' {
        & { Set-DefaultAWSRegion 'us-east-2' -Scope Global }
        $global:StoredAWSRegion | Should -Be 'us-east-2'
        & { Set-DefaultAWSRegion 'us-west-1' }
        $global:StoredAWSRegion | Should -Be 'us-east-2'
    }
}
