using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SecretsManager.Native.Interop;

/// <summary>
/// Finds the native library in <c>runtimes/&lt;rid&gt;/native/</c> next to this assembly, the layout
/// NuGet uses, so one module folder can carry builds for every platform. Which file that is comes from
/// <see cref="NativePlatforms"/> (platforms.csv).
/// </summary>
internal static class NativeLibraryResolver
{
    // A module initializer is the one place that runs before any P/Invoke of this assembly,
    // whoever loads it (Import-Module, LoadFrom, a test host).
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != Interop.NativeLib)
        {
            return IntPtr.Zero; // not ours: let .NET search as usual
        }
        var moduleFolder = Path.GetDirectoryName(assembly.Location) ?? ".";
        var (os, architecture) = (NativePlatforms.CurrentOs(), RuntimeInformation.ProcessArchitecture);
        var path = LibraryPath(moduleFolder, os, architecture);
        if (path == null || !File.Exists(path))
        {
            var missing = path == null ? "the module is not made for it" : $"'{path}' is missing";
            throw new DllNotFoundException(
                $"SecretsManager.Native has no native library for this platform ({NativePlatforms.RuntimeIdentifier(os, architecture)}): {missing}. " +
                $"This copy of the module carries {PlatformsPresent(moduleFolder)}; the module is made for {SupportedPlatforms()}. " +
                "Install the module from the PowerShell Gallery, or build it on this platform with 'pwsh ./build.ps1 Build'.");
        }
        // An absolute path: Windows then looks for the library's own imports (system DLLs only) in its
        // folder and the system folders, never in the current directory first.
        return NativeLibrary.Load(path);
    }

    /// <summary>
    /// Where the native library for a platform lives below <paramref name="moduleFolder"/>, or null for a
    /// platform the module is not made for. Takes the platform so that tests can ask for any of them.
    /// </summary>
    internal static string? LibraryPath(string moduleFolder, string os, Architecture architecture) =>
        NativePlatforms.Find(os, architecture) is { } platform
            ? Path.Combine(moduleFolder, "runtimes", platform.Rid, "native", platform.FileName)
            : null;

    /// <summary>The platforms a build may ship, for the missing-platform message.</summary>
    internal static string SupportedPlatforms() => string.Join(", ", NativePlatforms.All.Select(p => p.Rid));

    /// <summary>The platform folders under <c>runtimes</c> that hold a library, for the missing-platform message.</summary>
    private static string PlatformsPresent(string moduleFolder)
    {
        var runtimes = Path.Combine(moduleFolder, "runtimes");
        var present = Directory.Exists(runtimes)
            ? Directory.GetDirectories(runtimes)
                .Where(folder => Directory.Exists(Path.Combine(folder, "native")) && Directory.EnumerateFiles(Path.Combine(folder, "native")).Any())
                .Select(Path.GetFileName)
                .Order()
                .ToArray()
            : Array.Empty<string?>();
        return present.Length == 0 ? "no native library for any platform" : $"native libraries for {string.Join(", ", present)}";
    }
}
