using System;
using System.Management.Automation;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// The error records for what a cmdlet refuses by itself, before or instead of a native call: a bad parameter or
/// shell variable, credentials it cannot determine, a feature the module does not have. Together with the records
/// for failed native calls (FailureRecords.cs), the one place that makes ErrorRecords, in AWS Tools' shapes.
/// </summary>
internal static partial class FailureRecords
{
    /// <summary>
    /// A value a parameter (or shell variable) cannot take, as AWS Tools reports it: an ArgumentException whose
    /// ParamName is the PowerShell parameter's name, error id "ArgumentException", category InvalidArgument,
    /// the parameter's name as the target.
    /// </summary>
    public static ErrorRecord BadParameter(string message, string? parameter) =>
        BadParameter(new ArgumentException(message, parameter), parameter);

    /// <summary>The same for an ArgumentException already made, with the target the caller names.</summary>
    public static ErrorRecord BadParameter(ArgumentException error, object? target) =>
        InvalidArgument(error, "ArgumentException", target);

    /// <summary>An InvalidArgument record with an error id of its own.</summary>
    public static ErrorRecord InvalidArgument(Exception error, string errorId, object? target) =>
        new(error, errorId, ErrorCategory.InvalidArgument, target);

    /// <summary>New-AWSCredential's and Set-AWSCredential's failure when no parameter names usable credentials (AWS Tools' words).</summary>
    public static ErrorRecord NoCredentials() =>
        InvalidArgument(new ArgumentException("Cannot determine credentials from supplied parameters"), "NoCredentials", null);

    /// <summary>Something AWS Tools can do and this module cannot: NotSupportedException, category NotImplemented.</summary>
    public static ErrorRecord NotSupported(string message, string errorId, object? target) =>
        new(new NotSupportedException(message), errorId, ErrorCategory.NotImplemented, target);
}
