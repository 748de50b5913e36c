using System;
using System.Management.Automation;
using SecretsManager.Native.Cmdlets;

namespace Amazon.PowerShell.Common;

/// <summary>Sets how much <c>$AWSHistory</c> keeps and whether it records requests.</summary>
[Cmdlet(VerbsCommon.Set, "AWSHistoryConfiguration")]
[OutputType("None")]
public sealed class SetAWSHistoryConfigurationCmdlet : PSCmdlet
{
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? MaxCmdletHistory { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? MaxServiceCallHistory { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SwitchParameter RecordServiceRequests { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SwitchParameter IncludeSensitiveData { get; set; }

    protected override void ProcessRecord()
    {
        var history = AWSCmdletHistoryBuffer.Instance;
        if (MaxCmdletHistory is int commands)
        {
            if (commands < 0) Fail("Negative values are not valid.", nameof(MaxCmdletHistory));
            history.MaxCmdletHistory = commands;
        }
        if (MaxServiceCallHistory is int calls)
        {
            if (calls <= 0) Fail("Value must be greater than 0.", nameof(MaxServiceCallHistory));
            history.MaxServiceCallHistory = calls;
        }
        // As AWS Tools: the switches are set on every call, so leaving one out turns it off.
        history.RecordServiceRequests = RecordServiceRequests.IsPresent;
        history.IncludeSensitiveData = IncludeSensitiveData.IsPresent;
    }

    private void Fail(string message, string parameter) =>
        ThrowTerminatingError(FailureRecords.BadParameter(message, parameter));
}
