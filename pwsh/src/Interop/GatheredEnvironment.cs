using System;
using System.Collections.Generic;
using System.Text;

namespace SecretsManager.Native.Interop;

/// <summary>
/// The shell's environment variables the native library reads. pwsh keeps its own copy of the environment
/// (<c>$env:X = ...</c> is invisible to native code), so they are looked up here and passed in each
/// document. The list of names is the library's (<c>sm_environment_names</c>), asked for once.
/// </summary>
internal static class GatheredEnvironment
{
    private static readonly Lazy<string[]> Names = new(ReadNames);

    /// <summary>
    /// The listed variables that are set, as this pwsh process sees them. Looked up one by one: enumerating
    /// the whole environment costs tens of µs a call.
    /// </summary>
    internal static IReadOnlyDictionary<string, string?> Current()
    {
        var names = Names.Value;
        var gathered = new Dictionary<string, string?>(names.Length);
        foreach (var name in names)
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value) gathered[name] = value;
        }
        return gathered;
    }

    private static unsafe string[] ReadNames()
    {
        var size = 1024UL;
        while (true)
        {
            var buffer = new byte[size];
            fixed (byte* bytes = buffer)
            {
                var answer = Interop.sm_environment_names(SliceMutByte.From((IntPtr)bytes, size));
                if (!answer.status.IsOk)
                {
                    throw new InvalidOperationException("The native library did not give the list of environment variables it reads.");
                }
                if (answer.length <= size)
                {
                    return Encoding.UTF8.GetString(bytes, (int)answer.length).Split('\n');
                }
                size = answer.length;
            }
        }
    }
}
