using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using Amazon.PowerShell.Common;

namespace SecretsManager.Native.Cmdlets;

/// <summary>Set-AWSProxy: the proxy of every later call, kept in $AWSProxy (current scope or -Scope), as in AWS Tools.</summary>
[Cmdlet(VerbsCommon.Set, "AWSProxy")]
[OutputType("None")]
public sealed class SetAWSProxyCmdlet : PSCmdlet
{
    [Parameter(Position = 0, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public string Hostname { get; set; } = "";

    [Parameter(Position = 1, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public int Port { get; set; }

    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    public string? Username { get; set; }

    [Parameter(Position = 3, ValueFromPipelineByPropertyName = true)]
    public string? Password { get; set; }

    /// <summary>A NetworkCredential; a PSCredential (Get-Credential) converts to one, as in AWS Tools.</summary>
    [Parameter(Position = 4, ValueFromPipelineByPropertyName = true)]
    [Alias("Credentials")]
    public ICredentials? Credential { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? BypassList { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SwitchParameter BypassOnLocal { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("Global", "Local", "Script", "Private")]
    public string? Scope { get; set; }

    protected override void ProcessRecord()
    {
        if (BypassList is { Length: > 0 })
        {
            // .NET's bypass entries are regular expressions; NO_PROXY's host rules are not the same thing.
            ThrowTerminatingError(FailureRecords.BadParameter(
                "BypassList is not supported; list the hosts in the NO_PROXY environment variable instead.", nameof(BypassList)));
        }
        // As AWS Tools: the settings object already in $AWSProxy is updated, else a new one is made.
        var settings = SessionState.PSVariable.GetValue(ShellProxy.VariableName) is ProxySettings existing ? existing : new ProxySettings();
        settings.Hostname = Hostname;
        settings.Port = Port;
        settings.Credentials = Credential
            ?? (string.IsNullOrEmpty(Username) && string.IsNullOrEmpty(Password) ? null : new NetworkCredential(Username, Password ?? ""));
        settings.BypassList = BypassList?.ToList();
        settings.BypassOnLocal = BypassOnLocal.IsPresent ? true : null;
        ShellScope.Set(this, ShellProxy.VariableName, settings, Scope);
    }
}
