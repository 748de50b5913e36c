using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// The shared credentials file as the companion cmdlets need it: which profiles it names, a profile's
/// keys, and writing a profile (-StoreAs). Resolving credentials is the native library's job.
/// </summary>
internal static class ProfileIni
{
    /// <summary>-ProfileLocation, else AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials.</summary>
    internal static string CredentialsFile(string? location) =>
        location
        ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE"))
        ?? Path.Combine(Home(), ".aws", "credentials");

    /// <summary>AWS_CONFIG_FILE, else ~/.aws/config (not consulted with -ProfileLocation).</summary>
    internal static string ConfigFile() =>
        NonEmpty(Environment.GetEnvironmentVariable("AWS_CONFIG_FILE")) ?? Path.Combine(Home(), ".aws", "config");

    /// <summary>Sections of an ini file; `[profile x]` in the config file is profile x. Missing file: none.</summary>
    internal static Dictionary<string, Dictionary<string, string>> Read(string path, bool configFile = false)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        if (!File.Exists(path)) return sections;
        Dictionary<string, string>? current = null;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                var name = line[1..^1].Trim();
                if (configFile && name.StartsWith("profile ", StringComparison.Ordinal)) name = name[8..].Trim();
                if (!sections.TryGetValue(name, out current)) sections[name] = current = new(StringComparer.Ordinal);
                continue;
            }
            var equals = line.IndexOf('=');
            if (current is not null && equals > 0) current[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }
        return sections;
    }

    /// <summary>Writes (or replaces) one profile's keys, keeping every other line of the file.</summary>
    internal static void WriteProfile(string path, string profile, IReadOnlyList<(string Key, string? Value)> values)
    {
        var kept = new StringBuilder();
        var skipping = false;
        if (File.Exists(path))
        {
            foreach (var line in File.ReadAllLines(path))
            {
                var trimmed = line.Trim();
                if (trimmed.StartsWith('[') && trimmed.EndsWith(']')) skipping = trimmed[1..^1].Trim() == profile;
                if (!skipping) kept.AppendLine(line);
            }
        }
        kept.AppendLine($"[{profile}]");
        foreach (var (key, value) in values)
        {
            if (!string.IsNullOrEmpty(value)) kept.AppendLine($"{key} = {value}");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, kept.ToString());
    }

    private static string Home() =>
        NonEmpty(Environment.GetEnvironmentVariable("HOME"))
        ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
