@{
    Synopsis    = 'Sets the HTTP proxy of every later call in the shell.'
    Description = 'Stores the proxy in $AWSProxy (an Amazon.PowerShell.Common.ProxySettings object with Hostname, Port, Credentials, BypassList and BypassOnLocal), in the caller''s current scope or the scope named by -Scope, as AWS Tools does; when $AWSProxy already holds a proxy object (one set in an outer scope included), that object is updated in place, as in AWS Tools (Clear-AWSProxy first to leave an outer one alone). Write-SECSecretValue reads it through the caller''s scope and sends through it, whatever -ClientConfig''s ProxyHost/ProxyPort or the HTTPS_PROXY/HTTP_PROXY variables say. Only http:// proxies are supported; credentials are sent as Basic. A port of 0 or less means no proxy, as in AWS Tools. Clear-AWSProxy removes it.'
    Parameters  = @{
        Hostname      = 'The proxy''s host name or address (an http:// prefix is allowed).'
        Port          = 'The proxy''s port. 0 or less means no proxy; a port above 65535 is accepted here and refused by the next call, naming AWSProxy.'
        Username      = 'The user name sent to the proxy (Basic).'
        Password      = 'The password sent to the proxy. Prefer -Credential, which keeps it out of the command line.'
        Credential    = 'The proxy''s credentials as a NetworkCredential; a PSCredential from Get-Credential converts to one. Wins over -Username/-Password.'
        BypassList    = 'Not supported: AWS Tools takes .NET regular expressions here. A non-empty list is an error; use the NO_PROXY environment variable instead.'
        BypassOnLocal = 'Calls to a local endpoint (a host name without a dot, localhost, or a loopback address) do not use the proxy.'
        Scope         = 'Global, Local, Script or Private: the scope of $AWSProxy.'
    }
    Examples    = @(
        @{
            Title   = 'A proxy for the session'
            Code    = 'Set-AWSProxy -Hostname proxy.example.com -Port 3128 -Scope Global'
            Remarks = 'Later calls in any scope go through proxy.example.com:3128.'
        }
        @{
            Title   = 'A proxy that asks for credentials'
            Code    = 'Set-AWSProxy proxy.example.com 3128 -Credential (Get-Credential)'
            Remarks = 'The user name and password are sent to the proxy as Basic credentials.'
        }
        @{
            Title   = 'Leave local test endpoints alone'
            Code    = 'Set-AWSProxy proxy.example.com 3128 -BypassOnLocal
Write-SECSecretValue -SecretId demo -SecretString hi -Region us-east-1 -EndpointUrl http://127.0.0.1:5000 -AccessKey a -SecretKey b'
            Remarks = 'The call to the loopback endpoint does not go through the proxy.'
        }
    )
    Links       = @('Clear-AWSProxy', 'Write-SECSecretValue')
}
