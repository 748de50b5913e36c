using System;
using System.Management.Automation;

namespace Amazon.PowerShell.Common;

/// <summary>One invocation of a cmdlet in <c>$AWSHistory</c>: its service requests and responses.</summary>
public class AWSCmdletHistory
{
    internal AWSCmdletHistory(string cmdletName, int maxServiceCalls)
    {
        CmdletName = cmdletName;
        CmdletStart = DateTime.Now;
        Requests = new HistoryBuffer<PSObject>(maxServiceCalls);
        Responses = new HistoryBuffer<PSObject>(maxServiceCalls);
    }

    public string CmdletName { get; }
    public DateTime CmdletStart { get; }
    public DateTime CmdletEnd { get; internal set; }
    public int EmittedObjectsCount { get; internal set; }
    public HistoryBuffer<PSObject> Requests { get; }
    public HistoryBuffer<PSObject> Responses { get; }
    public PSObject? LastServiceResponse => Responses.Last;
    public PSObject? LastServiceRequest => Requests.Last;

    /// <summary>The request and response at one position, as note properties Request and Response.</summary>
    public PSObject this[int index]
    {
        get
        {
            var pair = new PSObject();
            pair.Properties.Add(new PSNoteProperty("Request", index < Requests.Count ? Requests[index] : null));
            pair.Properties.Add(new PSNoteProperty("Response", index < Responses.Count ? Responses[index] : null));
            return pair;
        }
    }

    public override string ToString() => CmdletName;

    internal void AddResponse(object response) => Responses.Add(Logged(response));

    internal void AddRequest(object request, string invocationLine)
    {
        var record = Logged(request);
        record.Properties.Add(new PSNoteProperty("InvocationLine", invocationLine));
        Requests.Add(record);
    }

    /// <summary>
    /// The object wrapped with a LoggedAt note. Callers pass a copy of anything they also emit: notes on a
    /// PSObject stick to the wrapped object, and emitted objects must stay undecorated.
    /// </summary>
    private static PSObject Logged(object value)
    {
        var record = new PSObject(value);
        record.Properties.Add(new PSNoteProperty("LoggedAt", DateTime.Now));
        return record;
    }
}
