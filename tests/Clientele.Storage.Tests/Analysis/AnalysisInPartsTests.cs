using Clientele.Simulation;
using Clientele.Storage.Analysis;
using Clientele.Storage.Import;
using Clientele.Tables;

namespace Clientele.Storage.Tests.Analysis;

/// <summary>
/// An analysis classified and stored in parts (<see cref="AnalysisRequest.PartSize"/>) stores the snapshot an analysis of every
/// customer at once stores, row for row, and the same report: the demo company (5,000 parties, seed 42, with its referrals, supply
/// links, account hierarchies and contacts) with overrides on customers of different parts, in parts of 700 (the last one short).
/// </summary>
public sealed class AnalysisInPartsTests : IDisposable
{
    private readonly TempWorkspace _temp = new();

    private static readonly string[] Tables = ["snapshot_customers", "snapshot_product_lines", "snapshot_buying_roles", "snapshot_segments", "snapshot_overrides", "snapshot_first_purchases"];

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Parts_store_the_snapshot_and_report_of_one_pass()
    {
        var workspace = _temp.Workspace!;
        var options = new SimulationOptions { Customers = 5_000, Seed = 42 };
        var simulation = CompanySimulator.WriteFiles(options, Path.Combine(_temp.Folder, "data"), cancellationToken: TestContext.Current.CancellationToken);
        var importer = new Importer(workspace);
        foreach (var file in simulation.Files) importer.Import(CanonicalTables.Find(file.Table)!, file.Path, new ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);
        var at = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
        // Customers in the first, a middle and the last part; two overrides of one customer's dimensions.
        foreach (var (id, dimension, @class) in new[] { ("C0000003", "value_tier", "VIP"), ("C0002450", "strategy", "develop"), ("C0002450", "churn_status", "active"), ("C0004990", "ladder", "advocate") })
            OverrideTable.Set(workspace, id, dimension, @class, "known from the account team", "ana", at);

        var whole = AnalysisRunner.Run(workspace, new AnalysisRequest { AsOf = options.End }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Null(whole.PartSize);
        foreach (var table in Tables) workspace.Execute($"CREATE TABLE whole_{table} AS SELECT * FROM {table}");
        var parts = AnalysisRunner.Run(workspace, new AnalysisRequest { AsOf = options.End, PartSize = 700 }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(700, parts.PartSize);

        Assert.Equal(5_000, workspace.Scalar<long>("SELECT count(*) FROM snapshot_customers"));
        Assert.Equal(4, workspace.Scalar<long>("SELECT count(*) FROM snapshot_overrides"));
        foreach (var table in Tables)
        {
            Assert.True(workspace.Scalar<long>($"SELECT count(*) FROM whole_{table}") > 0, $"{table} has rows");
            Assert.Equal(0, workspace.Scalar<long>($"SELECT count(*) FROM (SELECT * FROM {table} EXCEPT ALL SELECT * FROM whole_{table})"));
            Assert.Equal(0, workspace.Scalar<long>($"SELECT count(*) FROM (SELECT * FROM whole_{table} EXCEPT ALL SELECT * FROM {table})"));
        }
        // The report, but for the times (of the steps, of the models' fits: the same models, fitted twice): each dimension's method
        // and counts, the notes, the overrides applied, the classification context.
        Assert.Equal((whole.Context with { Steps = [] }).ToJson(), (parts.Context with { Steps = [], Scoring = whole.Context.Scoring }).ToJson());
        Assert.Equal(whole.Context.Scoring.Parameters, parts.Context.Scoring.Parameters);
        Assert.Equal(4, parts.Context.OverridesApplied);
        // The result asked of a run in parts classifies every customer again: the classes of one pass.
        Assert.Equal(whole.Result.Dimension("strategy").Class, parts.Result.Dimension("strategy").Class);
    }
}
