using System;
using System.Management.Automation;
using System.Security;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// The value of <c>-SecretString</c>: text, or a <see cref="SecureString"/> that is never turned into
/// a managed string (the cmdlet hands its UTF-16 characters to the native library from an unmanaged,
/// zeroed-after-use copy).
/// </summary>
/// <remarks>
/// A wrapper type rather than <c>object</c> because PowerShell binds pipeline input by value before by
/// property name: an <c>object</c> parameter would take a whole piped CSV row as the secret. This type
/// converts from a string or a SecureString (implicit operators) and from any other value through
/// PowerShell's own string conversion, as a <c>[string]</c> parameter does (numbers, dates, a piped
/// object without a SecretString property), except that an object that has a SecretString property
/// is refused by value, so that PowerShell binds that property instead. Mocks of the cmdlet (which
/// copy the parameter's type) behave the same way.
/// </remarks>
public sealed class StringOrSecureString : IEquatable<StringOrSecureString>
{
    private StringOrSecureString(string? text, SecureString? secure)
    {
        Text = text;
        Secure = secure;
    }

    /// <summary>PowerShell's conversion of any other value: its text, as for a <c>[string]</c> parameter.</summary>
    public StringOrSecureString(object value)
    {
        var baseObject = value is PSObject wrapped ? wrapped.BaseObject : value;
        switch (baseObject)
        {
            case string text: Text = text; break;
            case SecureString secure: Secure = secure; break;
            default:
                if (PSObject.AsPSObject(value).Properties["SecretString"] is not null)
                {
                    throw new InvalidCastException("An object with a SecretString property binds that property, not itself.");
                }
                Text = LanguagePrimitives.ConvertTo<string>(value);
                break;
        }
    }

    /// <summary>The text, when the value was given as text.</summary>
    public string? Text { get; }

    /// <summary>The SecureString, when the value was given as one.</summary>
    internal SecureString? Secure { get; }

    /// <summary>What was given: the string or the SecureString (what -PassThru and -Select '^SecretString' emit).</summary>
    internal object Value => (object?)Text ?? Secure!;

    public static implicit operator StringOrSecureString(string text) => new(text, null);

    public static implicit operator StringOrSecureString(SecureString secure) => new(null, secure);

    /// <summary>Text compares as text (so a mock's <c>$SecretString -eq 'x'</c> works); a SecureString equals only itself.</summary>
    public bool Equals(StringOrSecureString? other) =>
        other is not null && (Text is not null ? Text == other.Text : Secure is not null && ReferenceEquals(Secure, other.Secure));

    public override bool Equals(object? obj) => (obj is PSObject wrapped ? wrapped.BaseObject : obj) switch
    {
        string text => Text == text,
        StringOrSecureString other => Equals(other),
        _ => false,
    };

    public override int GetHashCode() => Text?.GetHashCode(StringComparison.Ordinal) ?? Secure?.GetHashCode() ?? 0;

    /// <summary>The text; for a SecureString its type name, as <c>SecureString.ToString()</c> gives, never its characters.</summary>
    public override string ToString() => Text ?? typeof(SecureString).FullName!;
}
