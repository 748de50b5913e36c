using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using SecretsManager.Native.Interop;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// The profile files as the companion cmdlets need them: which profiles exist, a profile's keys, writing
/// keys as a profile (-StoreAs) and removing a profile. The native library finds, reads and writes the files (the same
/// files, read the same way, as the credential chain); a failure ends the cmdlet with an error record.
/// </summary>
internal static class ProfileFiles
{
    internal sealed record Listed(string Name, string Location);

    internal sealed record Keys(string AccessKey, string SecretKey, string? Token);

    /// <summary>The profiles, credentials file first, each with the file that names it.</summary>
    internal static List<Listed> List(PSCmdlet cmdlet, string? location)
    {
        using var call = NativeCall.Open();
        Run(cmdlet, call, Document(location), json => call.ListProfiles(json));
        var count = (uint)call.ProfileCount;
        var listed = new List<Listed>((int)count);
        for (var index = 0u; index < count; index++)
        {
            listed.Add(new Listed(call.ProfileName(index) ?? "", call.ProfileLocation(index) ?? ""));
        }
        return listed;
    }

    /// <summary>Whether profile <paramref name="name"/> exists, and its keys when it holds plain keys.</summary>
    internal static (bool Found, Keys? Keys) Find(PSCmdlet cmdlet, string name, string? location)
    {
        using var call = NativeCall.Open();
        Run(cmdlet, call, Document(location).Add("ProfileName", name), json => call.FindProfile(json));
        if (call.ProfileCount == 0) return (false, null);
        var access = call.ProfileAccessKey(0);
        var secret = call.ProfileSecretKey(0);
        return (true, access is null || secret is null ? null : new Keys(access, secret, call.ProfileSessionToken(0)));
    }

    /// <summary>Writes keys as profile <paramref name="name"/>; returns the file written.</summary>
    internal static string Write(PSCmdlet cmdlet, string name, string? location, string accessKey, string secretKey, string? token)
    {
        using var call = NativeCall.Open();
        var secret = Encoding.UTF8.GetBytes(secretKey);
        var tokenBytes = Encoding.UTF8.GetBytes(token ?? "");
        try
        {
            var document = Document(location).Add("ProfileName", name).Add("AccessKey", accessKey);
            Run(cmdlet, call, document, json => call.WriteProfile(json, secret, tokenBytes));
            return call.ProfileLocation(0) ?? "";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(tokenBytes);
        }
    }

    /// <summary>Removes profile <paramref name="name"/> from its files; returns the files it was removed from.</summary>
    internal static List<string> Remove(PSCmdlet cmdlet, string name, string? location)
    {
        using var call = NativeCall.Open();
        Run(cmdlet, call, Document(location).Add("ProfileName", name), json => call.RemoveProfile(json));
        var count = (uint)call.ProfileCount;
        var files = new List<string>((int)count);
        for (var index = 0u; index < count; index++) files.Add(call.ProfileLocation(index) ?? "");
        return files;
    }

    /// <summary>The files to use: -ProfileLocation, else what the shell's environment names.</summary>
    private static JsonDocumentWriter Document(string? location) =>
        new JsonDocumentWriter().Add("ProfileLocation", location).Add("Environment", ShellCredentials.Environment());

    /// <summary>Runs one profile operation with the document (wiped afterwards: the environment may hold keys).</summary>
    private static void Run(PSCmdlet cmdlet, NativeCall call, JsonDocumentWriter document, Func<byte[], CallStatus> operation)
    {
        var json = document.ToUtf8();
        CallStatus status;
        try
        {
            status = operation(json);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(json);
        }
        if (!status.IsOk) cmdlet.ThrowTerminatingError(FailureRecords.FromProfileFiles(call));
    }
}
