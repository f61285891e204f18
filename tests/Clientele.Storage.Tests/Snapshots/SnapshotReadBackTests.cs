using System.Globalization;
using Clientele.Classification;
using Clientele.Simulation;
using Clientele.Storage.Analysis;
using Clientele.Storage.Import;
using Clientele.Storage.Snapshots;
using Clientele.Tables;

namespace Clientele.Storage.Tests.Snapshots;

/// <summary>
/// A snapshot holds what the analysis decided: every stored figure, class and reason of every customer is read back and
/// compared with the result it was written from, column by column, through a map of this test's own (so a figure wired
/// to the wrong field, or written under the wrong column, fails here).
/// </summary>
public sealed class SnapshotReadBackTests
{
    /// <summary>Where each figure column comes from, stated independently of <see cref="SnapshotSchema.FigureColumns"/>.</summary>
    private static readonly Dictionary<string, Func<AnalysisResult, int, object?>> Expected = new(StringComparer.Ordinal)
    {
        ["name"] = (r, i) => r.Columns.Name[i],
        ["kind"] = (r, i) => r.Columns.Kind[i],
        ["frequency"] = (r, i) => r.Columns.Summary.Frequency[i],
        ["recency"] = (r, i) => r.Columns.Summary.Recency[i],
        ["t"] = (r, i) => r.Columns.Summary.T[i],
        ["monetary_value"] = (r, i) => r.Columns.Summary.MonetaryValue[i],
        ["orders"] = (r, i) => r.Columns.Summary.Orders[i],
        ["revenue"] = (r, i) => r.Columns.Summary.Revenue[i],
        ["revenue_last_year"] = (r, i) => r.Columns.RevenueLastYear[i],
        ["margin"] = (r, i) => r.Columns.Summary.Margin[i],
        ["service_cost"] = (r, i) => r.Columns.Summary.ServiceCost[i],
        ["p_alive"] = (r, i) => r.Scoring.Scores.ProbabilityAlive[i],
        ["p_alive_previous"] = (r, i) => r.Scoring.Scores.ProbabilityAlivePrevious[i],
        ["expected_purchases"] = (r, i) => r.Scoring.Scores.ExpectedPurchases[i],
        ["expected_revenue"] = (r, i) => r.Scoring.Scores.ExpectedRevenue[i],
        ["clv"] = (r, i) => r.Scoring.Scores.LifetimeValue[i],
        ["past_net_value"] = (r, i) => r.Scoring.Scores.PastNetValue[i],
        ["future_net_value"] = (r, i) => r.Scoring.Scores.FutureNetValue[i],
        ["value"] = (r, i) => r.Scoring.Scores.PastNetValue[i] + (double.IsNaN(r.Scoring.Scores.FutureNetValue[i]) ? 0 : r.Scoring.Scores.FutureNetValue[i]),
        ["share_of_wallet"] = (r, i) => r.Strategy.ShareOfWallet[i],
        ["share_estimated"] = (r, i) => double.IsNaN(r.Strategy.ShareOfWallet[i]) ? null : r.Strategy.ShareEstimated[i],
        ["close_probability"] = (r, i) => r.Prospects.CloseProbability[i],
        ["supply_depth"] = (r, i) => r.SupplyChain.Depth[i] < 0 ? null : r.SupplyChain.Depth[i],
        ["group_value"] = (r, i) => r.Hierarchy.Subsidiaries[i] == 0 ? null : r.Hierarchy.GroupValue[i],
        ["subsidiaries"] = (r, i) => r.Hierarchy.Subsidiaries[i],
        ["referral_value"] = (r, i) => r.Influence.ReferralValue[i],
        ["influence_value"] = (r, i) => r.Influence.InfluenceValue[i],
        ["full_value"] = (r, i) => r.Influence.FullValue[i],
        ["cross_sell"] = (r, i) => r.ProductLines.CrossSellCount[i] == 0 ? null : string.Join(", ", r.ProductLines.CrossSellLines(i)),
        ["overridden"] = (r, i) => r.AppliedOverrides.Any(o => o.CustomerId == r.Columns.CustomerId[i])
            ? string.Join(", ", r.AppliedOverrides.Where(o => o.CustomerId == r.Columns.CustomerId[i]).Select(o => o.Dimension).Distinct())
            : null,
    };

    [Fact]
    public void Every_figure_class_and_reason_of_every_customer_reads_back_as_the_analysis_decided_it()
    {
        Assert.Equal(SnapshotSchema.FigureColumns.Select(f => f.Name).Order(StringComparer.Ordinal), Expected.Keys.Order(StringComparer.Ordinal));
        using var temp = new TempWorkspace();
        var workspace = temp.Workspace!;
        var options = new SimulationOptions { Customers = 600, Seed = 11 };
        var simulation = CompanySimulator.WriteFiles(options, Path.Combine(temp.Folder, "data"), cancellationToken: TestContext.Current.CancellationToken);
        var importer = new Importer(workspace);
        foreach (var file in simulation.Files) importer.Import(CanonicalTables.Find(file.Table)!, file.Path, new ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);
        string overridden;
        using (var first = workspace.Connection.CreateCommand())
        {
            first.CommandText = "SELECT min(customer_id) FROM customers";
            overridden = (string)first.ExecuteScalar()!;
        }
        OverrideTable.Set(workspace, overridden, Dimensions.ValueClass, "MVC", "kept for the brand", "test", DateTime.UtcNow);
        OverrideTable.Set(workspace, overridden, Dimensions.Strategy, "keep", "kept for the brand", "test", DateTime.UtcNow);
        // A rendered reason of an overridden class states the override over the computed class's reason.
        OverrideTable.Set(workspace, overridden, Dimensions.ValueTier, "VIP", "kept for the brand", "test", DateTime.UtcNow);

        // The buying center's too, at an organization with contacts.
        string organization;
        using (var first = workspace.Connection.CreateCommand())
        {
            first.CommandText = "SELECT min(customer_id) FROM contacts";
            organization = (string)first.ExecuteScalar()!;
        }
        OverrideTable.Set(workspace, organization, Dimensions.BuyingCenter, BuyingCenter.Complete, "every role is known to sales", "test", DateTime.UtcNow);

        var result = AnalysisRunner.Run(workspace, new AnalysisRequest { AsOf = options.End }, cancellationToken: TestContext.Current.CancellationToken).Result;

        var columns = SnapshotSchema.FigureColumns.Select(f => f.Name).Concat(Dimensions.All).ToList();
        var stored = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        // Every dimension's reason as a reader gets it: the stored text, or rendered from the row's class and figures.
        var reasons = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        var reasonsOf = SnapshotReasons.Of(workspace, options.End);
        using (var command = workspace.Connection.CreateCommand())
        {
            command.CommandText = $"SELECT s.customer_id, {string.Join(", ", columns.Select(c => "s." + c))}, {string.Join(", ", Dimensions.All.Select(d => SnapshotReasons.Select(d, "s")))} " +
                $"FROM snapshot_customers s WHERE s.as_of = DATE '{options.End:yyyy-MM-dd}'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var values = new object?[columns.Count];
                for (var k = 0; k < columns.Count; k++) values[k] = reader.IsDBNull(k + 1) ? null : reader.GetValue(k + 1);
                stored[reader.GetString(0)] = values;
                var read = new string?[Dimensions.All.Count];
                var at = 1 + columns.Count;
                for (var d = 0; d < read.Length; d++)
                {
                    read[d] = reasonsOf.Read(reader, at, Dimensions.All[d]);
                    at += SnapshotReasons.Width(Dimensions.All[d]);
                }
                reasons[reader.GetString(0)] = read;
            }
        }
        Assert.Equal(result.Columns.Count, stored.Count);
        Assert.Contains(stored.Values, v => v[columns.IndexOf("overridden")] is string s && s.Contains(Dimensions.ValueClass, StringComparison.Ordinal));
        Assert.StartsWith("override by test on ", reasons[overridden][Dimensions.All.ToList().IndexOf(Dimensions.ValueTier)]);
        var dimensions = Dimensions.All.Select(result.Dimension).ToArray();
        for (var i = 0; i < result.Columns.Count; i++)
        {
            var row = stored[result.Columns.CustomerId[i]];
            foreach (var (name, expected) in Expected)
                Same(expected(result, i), row[columns.IndexOf(name)], $"{name} of {result.Columns.CustomerId[i]}");
            for (var d = 0; d < dimensions.Length; d++)
            {
                Assert.Equal(dimensions[d].Class[i], row[columns.IndexOf(Dimensions.All[d])]);
                Assert.Equal(result.Reason(Dimensions.All[d], i), reasons[result.Columns.CustomerId[i]][d]);
            }
        }
        Assert.Contains(Enumerable.Range(0, result.Columns.Count).Select(result.BuyingCenters.Holders), h => h is not null);
        Assert.StartsWith("override by test on ", reasons[organization][Dimensions.All.ToList().IndexOf(Dimensions.BuyingCenter)]);

        // Every customer's class per product line, its figures and its reason as a reader renders it, against the analysis.
        var lines = result.ProductLines;
        var expectedLines = new Dictionary<(string, string), (string Class, int Orders, int Interest, string? Reason)>();
        for (var l = 0; l < lines.Lines.Count; l++)
            for (var i = 0; i < result.Columns.Count; i++)
                if (lines.Class[l][i] is { } @class) expectedLines[(result.Columns.CustomerId[i], lines.Lines[l])] = (@class, lines.Orders[l][i], lines.Interest[l][i], lines.Reason(l, i));
        Assert.Contains(expectedLines.Values, v => v.Class == ProductLines.Customer);
        Assert.Contains(expectedLines.Values, v => v.Class == ProductLines.Prospect && v.Interest > 0);
        var storedLines = new Dictionary<(string, string), (string Class, int Orders, int Interest)>();
        using (var command = workspace.Connection.CreateCommand())
        {
            command.CommandText = $"SELECT customer_id, product_line, class, orders, interest, {SnapshotSchema.ProductLineStoredReason} FROM snapshot_product_lines WHERE as_of = DATE '{options.End:yyyy-MM-dd}'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                Assert.True(reader.IsDBNull(5), "a row written now stores no reason text");
                storedLines.Add((reader.GetString(0), reader.GetString(1)), (reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4)));
            }
        }
        var readLines = reasonsOf.ProductLines().ToDictionary(l => (l.CustomerId, l.Line.ProductLine), l => l.Line);
        Assert.Equal(expectedLines.Keys.Order(), storedLines.Keys.Order());
        Assert.Equal(expectedLines.Keys.Order(), readLines.Keys.Order());
        foreach (var (key, expected) in expectedLines)
        {
            Assert.Equal((expected.Class, expected.Orders, expected.Interest), storedLines[key]);
            Assert.Equal(expected.Class, readLines[key].Class);
            Assert.Equal(expected.Reason, readLines[key].Reason);
        }
    }

    /// <summary>A number that is NaN (no value) is stored as null; others exactly (round-trip); integers and texts as they are.</summary>
    private static void Same(object? expected, object? actual, string what)
    {
        switch (expected)
        {
            case double d when double.IsNaN(d):
                Assert.True(actual is null, $"{what}: expected no value, stored {actual}");
                break;
            case double d:
                Assert.True(actual is double stored && stored == d, $"{what}: expected {d.ToString("R", CultureInfo.InvariantCulture)}, stored {actual}");
                break;
            case int n:
                Assert.True(actual is int whole && whole == n, $"{what}: expected {n}, stored {actual}");
                break;
            default:
                Assert.True(Equals(expected, actual), $"{what}: expected {expected ?? "null"}, stored {actual ?? "null"}");
                break;
        }
    }
}
