using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace SecretsManager.Native.Interop;

/// <summary>One row of <c>platforms.csv</c>: a platform the module is made for and its library's file name.</summary>
internal sealed record NativePlatform(string Rid, string Os, Architecture Architecture, string FileName);

/// <summary>
/// The platforms the module is made for, read from <c>platforms.csv</c> at the repository root, embedded in
/// this assembly. build.ps1 (what to build, where to put it) and the packaging tests read the same file, so
/// the runtime identifier and the native file name are decided in that one place.
/// </summary>
internal static class NativePlatforms
{
    private const string ResourceName = "platforms.csv";

    private static readonly Lazy<IReadOnlyList<NativePlatform>> Table = new(Read);

    internal static IReadOnlyList<NativePlatform> All => Table.Value;

    /// <summary>The row for an operating system (<see cref="OSPlatform"/>'s name: Linux, OSX, Windows) and architecture.</summary>
    internal static NativePlatform? Find(string os, Architecture architecture) =>
        All.FirstOrDefault(p => p.Os.Equals(os, StringComparison.OrdinalIgnoreCase) && p.Architecture == architecture);

    /// <summary>The runtime identifier for any platform, listed or not (<c>freebsd-x64</c>), for messages.</summary>
    internal static string RuntimeIdentifier(string os, Architecture architecture) =>
        Find(os, architecture)?.Rid
        ?? $"{All.FirstOrDefault(p => p.Os.Equals(os, StringComparison.OrdinalIgnoreCase))?.Rid.Split('-')[0] ?? os.ToLowerInvariant()}-{architecture.ToString().ToLowerInvariant()}";

    /// <summary>The running process's operating system, by the names <see cref="OSPlatform"/> uses.</summary>
    internal static string CurrentOs() =>
        OperatingSystem.IsWindows() ? OSPlatform.Windows.ToString()
        : OperatingSystem.IsMacOS() ? OSPlatform.OSX.ToString()
        : OperatingSystem.IsLinux() ? OSPlatform.Linux.ToString()
        : RuntimeInformation.OSDescription.Split(' ')[0];

    private static List<NativePlatform> Read()
    {
        using var stream = typeof(NativePlatforms).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly lacks its embedded {ResourceName}.");
        using var reader = new StreamReader(stream);
        var header = (reader.ReadLine() ?? "").Split(',');
        int Column(string name) => Array.IndexOf(header, name) is >= 0 and var index
            ? index
            : throw new InvalidOperationException($"{ResourceName} has no {name} column.");
        var (rid, os, architecture, fileName) = (Column("Rid"), Column("Os"), Column("Architecture"), Column("FileName"));
        var rows = new List<NativePlatform>();
        for (var line = reader.ReadLine(); line != null; line = reader.ReadLine())
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }
            var cells = line.Split(',');
            rows.Add(new NativePlatform(cells[rid], cells[os], Enum.Parse<Architecture>(cells[architecture], ignoreCase: true), cells[fileName]));
        }
        return rows;
    }
}
