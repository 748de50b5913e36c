using System.Diagnostics.CodeAnalysis;

namespace Amazon.PowerShell.Common;

/// <summary>
/// One profile as <c>Get-AWSCredential -ListProfileDetail</c> lists it, with AWS Tools' type and property
/// names. Profiles live in the shared ini files, so <see cref="StoreTypeName"/> is always
/// <c>SharedCredentialsFile</c> (AWS Tools' name for them; its Windows-only encrypted store is not read).
/// </summary>
public sealed class ProfileInfo
{
    internal ProfileInfo(string profileName, string profileLocation)
    {
        ProfileName = profileName;
        ProfileLocation = profileLocation;
    }

    public string ProfileName { get; }

    [SuppressMessage("Performance", "CA1822:Mark members as static",
        Justification = "An instance property, as in AWS Tools: PowerShell shows and selects only an object's instance properties.")]
    public string StoreTypeName => "SharedCredentialsFile";

    /// <summary>The file that holds the profile.</summary>
    public string ProfileLocation { get; }

    public override string ToString() => ProfileName;
}
