using System.Collections.Concurrent;
using Clientele.Classification;
using Clientele.Storage.Analysis;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Live;

/// <summary>
/// What a live update applies, read from the latest analysis and parsed once: its context (models, cuts, the classification
/// context), its options, and whether it stored the population's first purchases. Kept per workspace file between live
/// updates (the web host opens a connection per request, so the file is the key), and read again when another analysis
/// lands (a new as-of date or creation time).
/// A live update changes none of it (it rewrites customers' rows, never the analysis's context), so it does not invalidate it.
/// </summary>
internal sealed record StoredContext(SnapshotInfo Snapshot, AnalysisContext Context, ClassificationOptions Options, DateOnly? FirstPurchasesLearnedOn)
{
    private static readonly ConcurrentDictionary<string, StoredContext> Kept = new(StringComparer.Ordinal);

    /// <summary>The latest analysis's context, parsed once per analysis; null when there is no analysis.</summary>
    public static StoredContext? Latest(Workspace workspace, Func<Workspace, DateOnly, ClassificationOptions> options)
    {
        var snapshots = SnapshotQuery.List(workspace);
        if (snapshots.Count == 0) return null;
        var latest = snapshots[^1];
        if (Kept.TryGetValue(workspace.Path, out var kept) && kept.Snapshot.AsOf == latest.AsOf && kept.Snapshot.CreatedAt == latest.CreatedAt)
            return kept;
        var (_, context) = SnapshotQuery.Context(workspace, latest.AsOf);
        // Options are parsed only for an analysis a live update can apply (one stored before live updates has none to read).
        var stored = new StoredContext(latest, context, context.Classification is null ? new ClassificationOptions() : options(workspace, latest.AsOf),
            SnapshotFirstPurchases.LearnedOn(workspace, latest.AsOf));
        Kept[workspace.Path] = stored;
        return stored;
    }
}
