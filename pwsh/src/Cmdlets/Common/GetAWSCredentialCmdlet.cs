using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// Get-AWSCredential: the shell's $StoredAWSCredentials, a profile's credentials (-ProfileName), or the
/// profiles that exist (-ListProfileDetail).
/// </summary>
[Cmdlet(VerbsCommon.Get, "AWSCredential", DefaultParameterSetName = "Stored")]
[Alias("Get-AWSCredentials")]
public sealed class GetAWSCredentialCmdlet : PSCmdlet
{
    [Parameter(ParameterSetName = "Profile", Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("StoredCredentials", "AWSProfileName")]
    public string? ProfileName { get; set; }

    [Parameter(ParameterSetName = "Profile", ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = "List")]
    [Alias("AWSProfilesLocation", "ProfilesLocation")]
    public string? ProfileLocation { get; set; }

    [Parameter(ParameterSetName = "List", Mandatory = true)]
    public SwitchParameter ListProfileDetail { get; set; }

    protected override void ProcessRecord()
    {
        var location = ShellCredentials.ResolvePath(this, ProfileLocation);
        switch (ParameterSetName)
        {
            case "List":
                foreach (var detail in ProfileDetails(location)) WriteObject(detail);
                break;
            case "Profile":
                var found = CredentialFactory.FromProfile(ProfileName!, location);
                if (found is null)
                {
                    WriteError(new ErrorRecord(new ArgumentException($"Profile '{ProfileName}' was not found.", nameof(ProfileName)),
                        "ProfileNotFound", ErrorCategory.ObjectNotFound, ProfileName));
                    return;
                }
                WriteObject(found);
                break;
            default:
                if (ShellCredentials.Stored(this) is { } stored) WriteObject(stored);
                break;
        }
    }

    /// <summary>ProfileName / StoreTypeName / ProfileLocation for each profile, credentials file first.</summary>
    private static IEnumerable<PSObject> ProfileDetails(string? location)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var credentialsFile = ProfileIni.CredentialsFile(location);
        var files = new List<(string Path, bool Config)> { (credentialsFile, false) };
        if (location is null) files.Add((ProfileIni.ConfigFile(), true));
        foreach (var (path, config) in files)
        {
            foreach (var name in ProfileIni.Read(path, config).Keys)
            {
                if (!seen.Add(name)) continue;
                var detail = new PSObject();
                detail.Properties.Add(new PSNoteProperty("ProfileName", name));
                detail.Properties.Add(new PSNoteProperty("StoreTypeName", "SharedCredentialsFile"));
                detail.Properties.Add(new PSNoteProperty("ProfileLocation", path));
                yield return detail;
            }
        }
    }
}
