using System;
using System.Collections.Generic;
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
        _responses = new HistoryBuffer<PSObject>(maxServiceCalls);
    }

    private readonly HistoryBuffer<PSObject> _responses;

    /// <summary>
    /// Responses recorded but not yet wrapped: a PSObject with a note costs more than the rest of the
    /// recording (PowerShell keeps notes of wrapped objects in a weak table), so it is built when read.
    /// </summary>
    private readonly List<(object Value, DateTime At)> _unwrapped = new(1);

    public string CmdletName { get; }
    public DateTime CmdletStart { get; }
    public DateTime CmdletEnd { get; internal set; }
    public int EmittedObjectsCount { get; internal set; }
    public HistoryBuffer<PSObject> Requests { get; }
    public HistoryBuffer<PSObject> Responses
    {
        get
        {
            lock (_unwrapped)
            {
                foreach (var (value, at) in _unwrapped) _responses.Add(Logged(value, at));
                _unwrapped.Clear();
            }
            return _responses;
        }
    }
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

    internal void AddResponse(object response)
    {
        lock (_unwrapped)
        {
            _unwrapped.Add((response, DateTime.Now));
            // Kept as bounded as the buffer itself, for a pipeline of many writes that nobody reads.
            if (_unwrapped.Count > _responses.Capacity) _unwrapped.RemoveAt(0);
        }
    }

    internal void AddRequest(object request, string invocationLine)
    {
        var record = Logged(request, DateTime.Now);
        record.Properties.Add(new PSNoteProperty("InvocationLine", invocationLine));
        Requests.Add(record);
    }

    /// <summary>
    /// The object wrapped with a LoggedAt note. Callers pass a copy of anything they also emit: notes on a
    /// PSObject stick to the wrapped object, and emitted objects must stay undecorated.
    /// </summary>
    private static PSObject Logged(object value, DateTime at)
    {
        var record = new PSObject(value);
        record.Properties.Add(new PSNoteProperty("LoggedAt", at));
        return record;
    }
}
