using System.Collections.Generic;
using System.Net;

namespace Amazon.PowerShell.Common;

/// <summary>
/// The shell's proxy, as AWS Tools keeps it in <c>$AWSProxy</c> (set with Set-AWSProxy, cleared with Clear-AWSProxy):
/// every later call goes through it, whatever <c>-ClientConfig</c> or the proxy environment variables say.
/// </summary>
public class ProxySettings
{
    public string? Hostname { get; set; }
    public int Port { get; set; }
    public ICredentials? Credentials { get; set; }

    /// <summary>Regular expressions of hosts that bypass the proxy in AWS Tools; not supported here (use NO_PROXY).</summary>
    public List<string>? BypassList { get; set; }

    /// <summary>Whether calls to local hosts (no dot in the name, localhost, loopback addresses) bypass the proxy.</summary>
    public bool? BypassOnLocal { get; set; }

    /// <summary>As AWS Tools: a proxy is used only with a host name and a port.</summary>
    internal bool UseProxy => !string.IsNullOrEmpty(Hostname) && Port != 0;
}
