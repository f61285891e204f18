using Clientele.Classification;
using Clientele.Storage.Analysis;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Tests.Analysis;

/// <summary>The analysis context stored with a snapshot reads back typed, equal to what the run learned and to the snapshot's rows.</summary>
public sealed class AnalysisContextTests(SimulatedCompany company) : IClassFixture<SimulatedCompany>
{
    private Workspace Workspace => company.Temp.Workspace!;

    [Fact]
    public void The_stored_context_reads_back_as_the_run_made_it_and_writes_the_same_json_again()
    {
        var (asOf, stored) = SnapshotQuery.Context(Workspace);
        Assert.Equal(company.AsOf, asOf);
        var run = company.Run.Context;
        // The stored one lacks only the snapshot step's own time.
        Assert.Equal(run with { Steps = [.. run.Steps.Where(s => s.Name != "snapshot")] }, stored, ContextComparer.Instance);
        var json = Workspace.Scalar<string>("SELECT report FROM snapshots")!;
        Assert.Equal(json, stored.ToJson());
        Assert.Equal(company.Run.Result.Scoring.Parameters, stored.Scoring.Parameters);
        Assert.Equal(company.Run.Result.Scoring.Fit!.LogLikelihood, stored.Scoring.Fit!.LogLikelihood);
        Assert.Equal(company.Run.Result.Prospects.Report!.Coefficients, stored.ProspectModel!.Coefficients);
    }

    [Fact]
    public void Each_dimensions_counts_are_the_snapshots_rows_per_class()
    {
        var (_, stored) = SnapshotQuery.Context(Workspace);
        Assert.Equal(Dimensions.All.Order(), stored.Dimensions.Keys.Order());
        var rows = Workspace.Scalar<long>("SELECT count(*) FROM snapshot_customers");
        foreach (var (dimension, context) in stored.Dimensions)
        {
            Assert.Equal(rows, context.Counts.Values.Sum());
            foreach (var (cls, count) in context.Counts.Where(c => c.Key != "n/a"))
            {
                var counted = Workspace.Scalar<long>($"SELECT count(*) FROM snapshot_customers WHERE \"{dimension}\" = '{cls.Replace("'", "''", StringComparison.Ordinal)}'");
                Assert.True(counted == count, $"{dimension} {cls}: context {count}, snapshot rows {counted}");
            }
        }
    }

    [Fact]
    public void The_base_learned_on_counts_the_buyers_and_bins_them_in_tenths()
    {
        var (_, stored) = SnapshotQuery.Context(Workspace);
        var learned = stored.LearnedOn!;
        var buyers = Workspace.Scalar<long>($"SELECT count(DISTINCT customer_id) FROM orders WHERE status = 'completed' AND CAST(ordered_at AS DATE) <= DATE '{company.AsOf:yyyy-MM-dd}'");
        Assert.Equal(buyers, learned.Buyers);
        Assert.Equal(company.Run.Result.Columns.Count, learned.Customers);
        foreach (var d in new[] { learned.PurchaseDays, learned.Revenue })
        {
            Assert.Equal(1.0, d.Shares.Sum(), 9);
            Assert.True(d.Edges.Zip(d.Edges.Skip(1)).All(p => p.First < p.Second));
            Assert.InRange(d.Edges.Count, 2, 10);
        }
        // Revenue has few ties: ten bins of a tenth each, give or take one customer.
        Assert.Equal(10, learned.Revenue.Edges.Count);
        Assert.All(learned.Revenue.Shares, s => Assert.Equal(0.1, s, 2));
    }

    [Fact]
    public void A_damaged_stored_context_is_refused_with_the_date_and_what_to_do()
    {
        var e = Assert.Throws<WorkspaceException>(() => AnalysisContext.Parse("{\"asOf\": 12", new DateOnly(2025, 12, 31)));
        Assert.StartsWith("the analysis of 2025-12-31 has a damaged stored report (", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("analyze again to replace it.", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Compares two contexts by their JSON (records holding lists and dictionaries compare those by reference).</summary>
    private sealed class ContextComparer : IEqualityComparer<AnalysisContext>
    {
        public static readonly ContextComparer Instance = new();

        public bool Equals(AnalysisContext? x, AnalysisContext? y) => x?.ToJson() == y?.ToJson();

        public int GetHashCode(AnalysisContext obj) => obj.ToJson().GetHashCode(StringComparison.Ordinal);
    }
}
