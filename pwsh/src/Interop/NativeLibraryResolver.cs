using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SecretsManager.Native.Interop;

/// <summary>
/// Finds the native library in <c>runtimes/&lt;rid&gt;/native/</c> next to this assembly, the layout
/// NuGet uses, so one module folder can carry builds for every platform.
/// </summary>
internal static class NativeLibraryResolver
{
    /// <summary>Platforms a build may ship; the message for a missing one lists them.</summary>
    internal const string SupportedPlatforms = "linux-x64, linux-arm64, osx-x64, osx-arm64, win-x64, win-arm64";

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
        var path = LibraryPath(moduleFolder);
        if (!File.Exists(path))
        {
            throw new DllNotFoundException(
                $"SecretsManager.Native has no native library for this platform ({RuntimeIdentifier()}): '{path}' is missing. " +
                $"This copy of the module carries {PlatformsPresent(moduleFolder)}; the module is made for {SupportedPlatforms}. " +
                "Install the module from the PowerShell Gallery, or build it on this platform with 'pwsh ./build.ps1 Build'.");
        }
        return NativeLibrary.Load(path);
    }

    /// <summary>Where the native library for the running platform lives below <paramref name="moduleFolder"/>.</summary>
    internal static string LibraryPath(string moduleFolder) =>
        Path.Combine(moduleFolder, "runtimes", RuntimeIdentifier(), "native", FileName());

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

    /// <summary>The .NET runtime identifier of this process, e.g. <c>linux-x64</c>.</summary>
    internal static string RuntimeIdentifier()
    {
        var os = OperatingSystem.IsWindows() ? "win"
            : OperatingSystem.IsMacOS() ? "osx"
            : OperatingSystem.IsLinux() ? "linux"
            : RuntimeInformation.OSDescription.Split(' ')[0].ToLowerInvariant();
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        return $"{os}-{arch}";
    }

    private static string FileName() =>
        OperatingSystem.IsWindows() ? $"{Interop.NativeLib}.dll"
        : OperatingSystem.IsMacOS() ? $"lib{Interop.NativeLib}.dylib"
        : $"lib{Interop.NativeLib}.so";
}
