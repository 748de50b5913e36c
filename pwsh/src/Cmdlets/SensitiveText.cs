using System.Text.RegularExpressions;

namespace SecretsManager.Native.Cmdlets;

/// <summary>Masks secrets in text the module shows (verbose messages, history records).</summary>
internal static class SensitiveText
{
    /// <summary>The <c>user:password@</c> of a URL's authority (up to the first /, ? or #; to its last @, as a password may hold one).</summary>
    private static readonly Regex UserInfo = new(@"(?<=\b[A-Za-z][A-Za-z0-9+.\-]*://)[^/?#\s]*@", RegexOptions.CultureInvariant);

    /// <summary>
    /// Every URL in <paramref name="text"/> with its user info replaced by <c>***</c>, as the native library's
    /// <c>validate::redact_userinfo</c> does (<c>http://u:p@host/</c> becomes <c>http://***@host/</c>).
    /// </summary>
    public static string RedactUserInfo(string text) => UserInfo.Replace(text, "***@");
}
