using System;
using System.Management.Automation;
using Amazon.PowerShell.Common;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// Set-AWSCredential: makes keys, a profile or a credential object the shell's default
/// ($StoredAWSCredentials, current scope or -Scope), or with -StoreAs writes keys as a profile.
/// </summary>
[Cmdlet(VerbsCommon.Set, "AWSCredential")]
[Alias("Set-AWSCredentials")]
public sealed class SetAWSCredentialCmdlet : CredentialArgumentsCmdlet
{
    /// <summary>Positional here (first), unlike the other cmdlets' -ProfileName.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias(StoredCredentialsAlias, AWSProfileNameAlias)]
    public override string? ProfileName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public object? Credential { get; set; }

    [Parameter]
    public string? StoreAs { get; set; }

    [Parameter]
    [ValidateSet("Global", "Local", "Script", "Private")]
    public string? Scope { get; set; }

    protected override void ProcessRecord()
    {
        if (StoreAs is not null && Scope is not null)
        {
            Fail(new ArgumentException("Parameters Scope and StoreAs cannot be used together."), "ScopeAndStoreAs");
        }
        var location = ProfileFile;
        Amazon.PowerShell.Common.AWSPSCredentials? credentials = null;
        try { credentials = CredentialsFromArguments(Credential); }
        catch (InvalidOperationException failure) { FailCredentialObject(failure); }
        if (credentials is null)
        {
            ThrowTerminatingError(FailureRecords.NoCredentials());
        }
        if (StoreAs is null)
        {
            ShellScope.Set(this, ShellCredentials.CredentialsVariable, credentials, Scope);
            return;
        }
        // A kept credential object is asked now: the profile holds a copy of the keys it gives.
        (string? AccessKey, string? SecretKey, string? Token)? keys = null;
        try { keys = credentials!.CurrentKeys(); }
        catch (InvalidOperationException failure) { FailCredentialObject(failure); }
        if (keys?.AccessKey is not { } accessKey)
        {
            Fail(new ArgumentException("-StoreAs needs keys (-AccessKey and -SecretKey, or a credential object with keys)."), "StoreAsNeedsKeys");
            return;
        }
        var file = ProfileFiles.Write(this, StoreAs, location, accessKey, keys.Value.SecretKey ?? "", keys.Value.Token);
        WriteVerbose($"Updated shared credentials file at {file}");
    }

    private void Fail(Exception exception, string id) =>
        ThrowTerminatingError(FailureRecords.InvalidArgument(exception, id, null));

    /// <summary>A -Credential object whose GetCredentials() threw: an argument error naming it, with the reason.</summary>
    private void FailCredentialObject(InvalidOperationException failure) =>
        Fail(new ArgumentException(FailureRecords.CredentialObjectText(FailureRecords.GetCredentialsThrew(failure)), nameof(Credential)), "CredentialObjectFailed");
}
