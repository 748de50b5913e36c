using System.Management.Automation;

namespace Amazon.PowerShell.Common;

/// <summary>Empties <c>$AWSHistory</c>.</summary>
[Cmdlet(VerbsCommon.Clear, "AWSHistory")]
[OutputType("None")]
public sealed class ClearAWSHistoryCmdlet : PSCmdlet
{
    protected override void ProcessRecord() => AWSCmdletHistoryBuffer.Instance.Clear();
}
