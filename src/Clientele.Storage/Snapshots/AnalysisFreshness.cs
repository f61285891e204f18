using System.Globalization;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// Whether the latest analysis (the one every read shows by default) has seen every import: data imported after the
/// analysis ran is in no class until the next analysis. The dashboard shows <see cref="Warning"/> as a banner, the API
/// returns this record with the overview, and the CLI's read commands write the warning to standard error.
/// </summary>
/// <param name="LatestAnalysisAsOf">The as-of date of the latest analysis, or null before the first.</param>
/// <param name="AnalyzedAt">When that analysis ran (UTC), or null before the first.</param>
/// <param name="LatestImportAt">When the latest import ran (UTC), or null before the first.</param>
/// <param name="ImportsSince">The imports recorded after the latest analysis ran (0 before the first analysis: there is nothing to be stale).</param>
/// <param name="CustomersChanged">
/// The customers those imports added or changed: named by a row they stored (the customer's own row, its orders,
/// interactions, contacts, referrals given or received, supply links), whose classes the latest analysis does not reflect.
/// </param>
/// <param name="Customers">All customers in the workspace now, for the share <see cref="CustomersChanged"/> is of.</param>
/// <param name="CustomersLive">
/// Of <see cref="CustomersChanged"/>, those a live update re-classified after the latest import that named them
/// (<see cref="Live.LiveUpdate"/>): their classes show the change, with the analysis's cuts and models.
/// </param>
/// <param name="Drift">How far the base has drifted since the analysis, measured when it is stale (null otherwise, or when the analysis predates drift measuring).</param>
public sealed record AnalysisFreshness(
    DateOnly? LatestAnalysisAsOf, DateTime? AnalyzedAt, DateTime? LatestImportAt, long ImportsSince, long CustomersChanged, long Customers,
    long CustomersLive = 0, AnalysisDrift? Drift = null)
{
    /// <summary>The latest analysis is older than the latest import.</summary>
    public bool Stale => ImportsSince > 0;

    /// <summary>What to tell the user when <see cref="Stale"/>, else null.</summary>
    public string? Warning
    {
        get
        {
            if (!Stale) return null;
            var one = ImportsSince == 1;
            var head = string.Format(CultureInfo.InvariantCulture,
                "The latest analysis (as of {0:yyyy-MM-dd}, run {1:yyyy-MM-dd HH:mm} UTC) is older than the latest import ({2:yyyy-MM-dd HH:mm} UTC): {3:N0} {4} since then",
                LatestAnalysisAsOf, AnalyzedAt, LatestImportAt, ImportsSince, one ? "import" : "imports");
            var them = one ? "it" : "them";
            var drift = Drift is { } d ? " " + d.Summary : "";
            var waiting = CustomersChanged - CustomersLive;
            var changed = string.Format(CultureInfo.InvariantCulture, "{0} changed {1:N0} {2} ({3})", head, CustomersChanged, CustomersChanged == 1 ? "customer" : "customers", Share);
            var text = CustomersChanged == 0
                ? $"{head} {(one ? "is" : "are")} in no class yet. Analyze again to include {them}."
                : CustomersLive == 0
                    ? $"{changed}, whose classes do not show {them} yet. Analyze again to include {them}."
                    : waiting == 0
                        ? $"{changed}, {(CustomersChanged == 1 ? "updated" : "all updated")} live: {(CustomersChanged == 1 ? "its classes show" : "their classes show")} the change, with the analysis's cuts and models. Analyze again to learn them anew."
                        : string.Format(CultureInfo.InvariantCulture, "{0}; {1:N0} of them updated live, the classes of the other {2:N0} do not show {3} yet. Analyze again to include {3}.",
                            changed, CustomersLive, waiting, them);
            return text + drift;
        }
    }

    /// <summary>The changed customers' share of all, in words: "0.4 % of 23,570", "under 0.1 % of 23,570".</summary>
    private string Share => CustomersChanged * 1000 < Customers
        ? string.Format(CultureInfo.InvariantCulture, "under 0.1 % of {0:N0}", Customers)
        : string.Format(CultureInfo.InvariantCulture, "{0:N1} % of {1:N0}", 100.0 * CustomersChanged / Customers, Customers);

    /// <summary>Compares the latest import with the latest analysis, in one statement.</summary>
    public static AnalysisFreshness Read(Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var since = "import_id IN (SELECT import_id FROM imports WHERE imported_at > (SELECT created_at FROM latest))";
        var freshness = ReadCounts(workspace, since);
        // Measured once the counts' reader is closed: PostgreSQL runs one command at a time on a connection.
        return freshness.Stale ? freshness with { Drift = MeasuredDrift(workspace, freshness) } : freshness;
    }

    private static AnalysisFreshness ReadCounts(Workspace workspace, string since)
    {
        using var command = workspace.Command($"""
            WITH latest AS (SELECT as_of, created_at FROM snapshots ORDER BY as_of DESC LIMIT 1)
            SELECT (SELECT as_of FROM latest), (SELECT created_at FROM latest), (SELECT max(imported_at) FROM imports),
                   (SELECT count(*) FROM imports WHERE imported_at > (SELECT created_at FROM latest)),
                   (SELECT count(*) FROM ({Live.ImportedCustomers.Sql(since)}) AS changed),
                   (SELECT count(*) FROM customers),
                   (SELECT count(*) FROM ({Live.ImportedCustomers.WithLatestImport(since)}) n
                    JOIN snapshot_customers s ON s.as_of = (SELECT as_of FROM latest) AND s.customer_id = n.customer_id AND s.live_import >= n.last_import)
            """);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new AnalysisFreshness(
            reader.GetValue(0) switch { DateOnly day => day, DateTime time => DateOnly.FromDateTime(time), _ => null },
            reader.IsDBNull(1) ? null : DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc),
            reader.IsDBNull(2) ? null : DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
            reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6));
    }

    /// <summary>
    /// The last drift measured per workspace, with the freshness it was measured at (analysis, imports since, changed and
    /// all customers): every page shows the banner, and the measure reads every order.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (AnalysisFreshness At, AnalysisDrift? Drift)> Measured = new(StringComparer.Ordinal);

    private static AnalysisDrift? MeasuredDrift(Workspace workspace, AnalysisFreshness freshness)
    {
        var key = workspace.IsPostgres ? workspace.Path : Path.GetFullPath(workspace.Path);
        if (Measured.TryGetValue(key, out var last) && last.At == freshness) return last.Drift;
        var drift = AnalysisDrift.Read(workspace);
        Measured[key] = (freshness, drift);
        return drift;
    }
}
