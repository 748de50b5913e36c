using System;
using System.Collections.Generic;
using System.Management.Automation;
using Amazon.PowerShell.Common;
using Amazon.SecretsManager.Model;

namespace SecretsManager.Native.Cmdlets;

/// <summary>What one pipeline invocation of Write-SECSecretValue leaves in <c>$AWSHistory</c>.</summary>
internal sealed class HistoryRecorder
{
    private readonly AWSCmdletHistoryBuffer _buffer = AWSCmdletHistoryBuffer.Instance;
    private readonly AWSCmdletHistory _entry;
    private bool _pushed;

    /// <summary>Makes <c>$AWSHistory</c> visible (as AWS Tools V4 does on first use) and starts this invocation's entry.</summary>
    public HistoryRecorder(PSCmdlet cmdlet)
    {
        HistoryVariable.Ensure(cmdlet.SessionState.PSVariable);
        _entry = _buffer.StartCommand(cmdlet.MyInvocation.MyCommand.Name);
    }

    public void Emitted(int count) => _entry.EmittedObjectsCount += count;

    public void Response(PutSecretValueResponse response) => _entry.AddResponse(response.CopyForHistory());

    /// <summary>A failed call: the error goes where the response would, and the entry is kept before the error ends the pipeline.</summary>
    public void Failure(Exception error)
    {
        _entry.AddResponse(error);
        Push();
    }

    /// <summary>The request, only when requests are recorded; the secret parts only with -IncludeSensitiveData.</summary>
    /// <remarks>
    /// <paramref name="request"/> is given whether to include the secret parts. Without them, the invocation line
    /// loses the secrets typed on it too (see InvocationLineRedaction), <paramref name="knownSecrets"/> included.
    /// </remarks>
    public void Request(Func<bool, PutSecretValueRequest> request, InvocationInfo invocation, Func<IEnumerable<string?>> knownSecrets)
    {
        if (!_buffer.RecordServiceRequests) return;
        var include = _buffer.IncludeSensitiveData;
        _entry.AddRequest(request(include), include ? invocation.Line : InvocationLineRedaction.Redact(invocation.Line, invocation, knownSecrets()));
    }

    public void Push()
    {
        if (_pushed) return;
        _pushed = true;
        _buffer.PushCommand(_entry);
    }
}
