using System;
using System.Collections.Concurrent;
using System.Management.Automation;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// The service's version-quota advice: every write creates a version, and Secrets Manager keeps at
/// most 100 versions older than 24 hours, so writing one secret again within 10 minutes in this
/// session earns a warning (suppressible with -WarningAction). A repeated write that returns the same
/// VersionId (an idempotent retry with the same ClientRequestToken) creates nothing and is not counted.
/// </summary>
internal static class VersionQuotaAdvisor
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Last write per secret ARN in this process. A class, not a value tuple: a dictionary of reference types
    /// runs the runtime's precompiled shared code, where a struct value would be JIT-compiled on the first call.
    /// </summary>
    private static readonly ConcurrentDictionary<string, LastWrite> LastWrites = new(StringComparer.Ordinal);

    private sealed record LastWrite(DateTime At, string? VersionId);

    public static void AfterWrite(Cmdlet cmdlet, string? arn, string? versionId)
    {
        if (string.IsNullOrEmpty(arn)) return;
        var now = DateTime.UtcNow;
        LastWrites.TryGetValue(arn, out var before);
        LastWrites[arn] = new LastWrite(now, versionId);
        if (before is not null && now - before.At < Window && before.VersionId != versionId)
        {
            cmdlet.WriteWarning(
                $"The secret '{arn}' was already written {(int)(now - before.At).TotalSeconds} s ago in this session. " +
                "Each write creates a new version, and Secrets Manager keeps at most 100 versions older than 24 hours " +
                "(the PutSecretValue version quota); avoid writing the same secret more than once every 10 minutes.");
        }
    }
}
