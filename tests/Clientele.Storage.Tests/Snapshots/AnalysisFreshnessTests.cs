using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Tests.Snapshots;

public sealed class AnalysisFreshnessTests : IDisposable
{
    private readonly TempWorkspace _temp = new();

    private Workspace Workspace => _temp.Workspace!;

    /// <summary>Records an import as the importer does, at a given time (UTC).</summary>
    private void Import(int id, string at) => HandMadeSnapshots.Execute(Workspace.Connection,
        "INSERT INTO imports VALUES ($1, 'orders', 'orders.csv', 'ab', 10, '{}', CAST($2 AS TIMESTAMP), 0.1, 1, 1, 0, 0, 0, 0, 0, '')", id, at);

    [Fact]
    public void A_workspace_without_analyses_is_not_stale_even_with_imports()
    {
        Import(1, "2025-01-01 00:00:00");
        var freshness = AnalysisFreshness.Read(Workspace);
        Assert.False(freshness.Stale);
        Assert.Null(freshness.Warning);
        Assert.Null(freshness.LatestAnalysisAsOf);
        Assert.Equal(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), freshness.LatestImportAt);
    }

    [Fact]
    public void An_analysis_run_after_every_import_is_not_stale()
    {
        Import(1, "2025-01-01 00:00:00");
        HandMadeSnapshots.InsertBoth(Workspace.Connection);
        var freshness = AnalysisFreshness.Read(Workspace);
        Assert.False(freshness.Stale);
        Assert.Equal(0, freshness.ImportsSince);
        Assert.Equal(DateOnly.Parse(HandMadeSnapshots.Second, System.Globalization.CultureInfo.InvariantCulture), freshness.LatestAnalysisAsOf);
        Assert.Null(freshness.Warning);
    }

    [Fact]
    public void Imports_after_the_latest_analysis_make_it_stale_and_the_warning_says_how_many_and_when()
    {
        HandMadeSnapshots.InsertBoth(Workspace.Connection);
        Import(1, "2025-01-01 00:00:00");
        Import(2, "2025-02-03 10:30:00");
        Import(3, "2025-02-04 11:45:00");
        var freshness = AnalysisFreshness.Read(Workspace);
        Assert.True(freshness.Stale);
        Assert.Equal(2, freshness.ImportsSince);
        Assert.Equal(new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), freshness.AnalyzedAt);
        Assert.Equal(
            $"The latest analysis (as of {HandMadeSnapshots.Second}, run 2025-01-02 03:04 UTC) is older than the latest import (2025-02-04 11:45 UTC): " +
            "2 imports since then are in no class yet. Analyze again to include them.",
            freshness.Warning);
    }

    public void Dispose() => _temp.Dispose();
}
