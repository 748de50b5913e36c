using System;
using System.Diagnostics;
using System.Text;

namespace SecretsManager.Native.Diagnostics;

/// <summary>The parts of one Write-SECSecretValue call that <see cref="CallPhases"/> times, in call order.</summary>
internal enum CallPhase
{
    BeginProcessing,
    /// <summary>The target document's parameters, ClientConfig and shell variables.</summary>
    ConnectionParameters,
    /// <summary>The environment for the chains, and the document's JSON.</summary>
    GatherEnvironment,
    NativeResolve,
    DebugMessages,
    ShouldProcess,
    OutputSelection,
    HistoryRequest,
    VerboseMessage,
    RequestDocument,
    NativePut,
    ResponseReader,
    HistoryResponse,
    EmitOutput,
    EndProcessing,
}

/// <summary>
/// Stopwatch sums per <see cref="CallPhase"/>, for bench/phases/Measure-CallPhases.ps1. A build-time switch:
/// the calls in the cmdlets are compiled in every build (so they cannot go stale), but only a build with
/// <c>-p:PhaseProbe=true</c> (which defines PHASE_PROBE) keeps them; any other build drops them at compile
/// time (<see cref="ConditionalAttribute"/>) and keeps this class internal.
/// </summary>
#if PHASE_PROBE
public
#else
internal
#endif
static class CallPhases
{
    private static readonly long[] Ticks = new long[Enum.GetValues<CallPhase>().Length];
    private static long _calls;
    private static long _lapStart;

    /// <summary>Starts timing the next phase now (at the start of a cmdlet method).</summary>
    [Conditional("PHASE_PROBE")]
    internal static void Start() => _lapStart = Stopwatch.GetTimestamp();

    /// <summary>Adds the time since the last lap (or <see cref="Start"/>) to <paramref name="phase"/>.</summary>
    [Conditional("PHASE_PROBE")]
    internal static void Lap(CallPhase phase)
    {
        var now = Stopwatch.GetTimestamp();
        Ticks[(int)phase] += now - _lapStart;
        _lapStart = now;
    }

    /// <summary>Counts one finished call.</summary>
    [Conditional("PHASE_PROBE")]
    internal static void CallDone() => _calls++;

    /// <summary>Forgets what was timed so far (after the warm-up).</summary>
    public static void Reset()
    {
        Array.Clear(Ticks);
        _calls = 0;
    }

    /// <summary>Microseconds per call spent in all phases together.</summary>
    public static double MicrosecondsPerCall() => Microseconds(Sum()) / Math.Max(_calls, 1);

    /// <summary>One line per phase: its name and its microseconds per call.</summary>
    public static string Report()
    {
        var report = new StringBuilder();
        foreach (var phase in Enum.GetValues<CallPhase>())
        {
            report.AppendLine($"{phase,-22} {Microseconds(Ticks[(int)phase]) / Math.Max(_calls, 1),8:F1} us");
        }
        return report.ToString();
    }

    private static long Sum()
    {
        long sum = 0;
        foreach (var ticks in Ticks) sum += ticks;
        return sum;
    }

    private static double Microseconds(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
}
