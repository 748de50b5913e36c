using System;
using System.Linq;
using System.Management.Automation;

namespace Amazon.PowerShell.Common;

/// <summary>
/// The process-wide <c>$AWSHistory</c> (AWS Tools V4): the last few cmdlet invocations, with their
/// service responses and, when asked for, requests.
/// </summary>
public class AWSCmdletHistoryBuffer
{
    public const int DefaultMaxCmdletHistory = 5;
    public const int DefaultMaxServiceCallHistory = 5;

    public static AWSCmdletHistoryBuffer Instance { get; } = new();

    private readonly HistoryBuffer<AWSCmdletHistory> _commands = new(DefaultMaxCmdletHistory);

    private AWSCmdletHistoryBuffer() { }

    internal int MaxCmdletHistory
    {
        get => _commands.Capacity;
        set
        {
            _commands.Capacity = value;
            if (value == 0) _commands.Clear();
        }
    }

    internal int MaxServiceCallHistory { get; set; } = DefaultMaxServiceCallHistory;
    internal bool RecordServiceRequests { get; set; }
    internal bool IncludeSensitiveData { get; set; }
    internal bool Enabled => MaxCmdletHistory > 0;

    public System.Collections.Generic.IEnumerable<AWSCmdletHistory> Commands => _commands;
    public AWSCmdletHistory? LastCommand => _commands.Last;
    public PSObject? LastServiceResponse => LastCommand?.LastServiceResponse;
    public PSObject? LastServiceRequest => LastCommand?.LastServiceRequest;

    public AWSCmdletHistory? this[int index] => Enabled ? _commands[index] : null;

    public override string ToString()
    {
        if (!Enabled) return "AWS History Disabled";
        var last = LastCommand;
        var count = _commands.Count;
        return last is null ? $"{count} command(s) recorded." : $"{count} command(s) recorded, last  = {last.CmdletName}.";
    }

    internal AWSCmdletHistory StartCommand(string cmdletName) => new(cmdletName, MaxServiceCallHistory);

    internal void PushCommand(AWSCmdletHistory command)
    {
        if (!Enabled) return;
        command.CmdletEnd = DateTime.Now;
        _commands.Add(command);
    }

    internal void Clear() => _commands.Clear();
}
