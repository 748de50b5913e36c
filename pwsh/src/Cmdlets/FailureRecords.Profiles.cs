using System.IO;
using System.Management.Automation;
using SecretsManager.Native.Interop;

namespace SecretsManager.Native.Cmdlets;

internal static partial class FailureRecords
{
    /// <summary>
    /// The record for a failed native call on the profile files (ProfileFiles): bad input names its parameter; a
    /// file that cannot be written is a write error naming the file.
    /// </summary>
    public static ErrorRecord FromProfileFiles(NativeCall call)
    {
        var message = call.Text(Interop.Interop.sm_call_error_message) ?? "The profile files could not be used.";
        var kind = call.FailureKind;
        if (kind.IsInvalidInput)
        {
            return BadParameter(message, call.Text(Interop.Interop.sm_call_error_parameter));
        }
        if (kind.IsProfileFile)
        {
            return new ErrorRecord(new IOException(message), "IOException", ErrorCategory.WriteError, null);
        }
        return InvalidOperation(message, "InvalidOperationException", null);
    }
}
