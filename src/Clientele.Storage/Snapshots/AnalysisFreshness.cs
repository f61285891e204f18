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
public sealed record AnalysisFreshness(DateOnly? LatestAnalysisAsOf, DateTime? AnalyzedAt, DateTime? LatestImportAt, long ImportsSince)
{
    /// <summary>The latest analysis is older than the latest import.</summary>
    public bool Stale => ImportsSince > 0;

    /// <summary>What to tell the user when <see cref="Stale"/>, else null.</summary>
    public string? Warning => Stale
        ? string.Format(CultureInfo.InvariantCulture,
            "The latest analysis (as of {0:yyyy-MM-dd}, run {1:yyyy-MM-dd HH:mm} UTC) is older than the latest import ({2:yyyy-MM-dd HH:mm} UTC): " +
            "{3:N0} {4} since then {5} in no class yet. Analyze again to include {6}.",
            LatestAnalysisAsOf, AnalyzedAt, LatestImportAt, ImportsSince,
            ImportsSince == 1 ? "import" : "imports", ImportsSince == 1 ? "is" : "are", ImportsSince == 1 ? "it" : "them")
        : null;

    /// <summary>Compares the latest import with the latest analysis, in one statement.</summary>
    public static AnalysisFreshness Read(Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = """
            WITH latest AS (SELECT as_of, created_at FROM snapshots ORDER BY as_of DESC LIMIT 1)
            SELECT (SELECT as_of FROM latest), (SELECT created_at FROM latest), (SELECT max(imported_at) FROM imports),
                   (SELECT count(*) FROM imports WHERE imported_at > (SELECT created_at FROM latest))
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return new AnalysisFreshness(
            reader.GetValue(0) switch { DateOnly day => day, DateTime time => DateOnly.FromDateTime(time), _ => null },
            reader.IsDBNull(1) ? null : DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc),
            reader.IsDBNull(2) ? null : DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
            reader.GetInt64(3));
    }
}
