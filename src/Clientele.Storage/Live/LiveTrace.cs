using System.Diagnostics;

namespace Clientele.Storage.Live;

/// <summary>
/// Times each statement of an event batch's storing and its live update for the benchmark's breakdown
/// (<c>Clientele.Benchmarks live-profile</c>): while <see cref="Record"/>'s scope is open on the calling flow, every
/// statement these paths run is reported with its first line and wall time. Nothing is recorded otherwise.
/// </summary>
internal static class LiveTrace
{
    private static readonly AsyncLocal<Action<string, TimeSpan>?> Sink = new();

    /// <summary>Whether a scope is open on this flow.</summary>
    public static bool On => Sink.Value is not null;

    /// <summary>Reports every traced statement to <paramref name="sink"/> until the result is disposed.</summary>
    public static IDisposable Record(Action<string, TimeSpan> sink)
    {
        Sink.Value = sink;
        return new Scope();
    }

    /// <summary>Reports <paramref name="label"/> (its first line) as taking the time since <paramref name="started"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static void Report(string label, long started)
    {
        if (Sink.Value is not null) Report(label, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Reports <paramref name="label"/> (its first line) as taking <paramref name="time"/>.</summary>
    public static void Report(string label, TimeSpan time) => Sink.Value?.Invoke(label.TrimStart().Split('\n')[0].Trim(), time);

    private sealed class Scope : IDisposable
    {
        public void Dispose() => Sink.Value = null;
    }
}
