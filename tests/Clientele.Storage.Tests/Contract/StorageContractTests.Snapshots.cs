using System.Text.Json;
using Clientele.Classification;
using Clientele.Simulation;
using Clientele.Storage.Analysis;
using Clientele.Storage.Import;
using Clientele.Storage.Snapshots;
using Clientele.Tables;

namespace Clientele.Storage.Tests.Contract;

/// <summary>
/// The contract's snapshots (<see cref="SnapshotWriter"/> and the readers): the demo company is imported into a DuckDB file
/// and analyzed there twice (as of two dates, with overrides set), and each run's result is saved into this provider's
/// workspace by <see cref="SnapshotWriter.Save"/>. Every ported reader then gives this workspace's answer equal to the
/// one it gives on the analyzed DuckDB file: the snapshots, listings under several sorts, filters and searches (SQL and
/// in memory), and the profiles of customers, overridden ones included.
/// </summary>
public abstract partial class StorageContractTests
{
    private static readonly JsonSerializerOptions SameJson = new(JsonSerializerDefaults.Web) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The DuckDB file the demo company was analyzed in, and this provider's workspace holding the same snapshots saved by the writer.</summary>
    private (TempWorkspace Analyzed, Workspace Saved, List<string> Overridden) AnalyzedAndSaved()
    {
        var analyzed = new TempWorkspace();
        var workspace = analyzed.Workspace!;
        var options = new SimulationOptions { Customers = 600, Seed = 7 };
        ImportDemo(workspace, analyzed.Folder, options);
        var ids = Clientele.Storage.Summary.CustomerSummaryQuery.Run(workspace, options.End).CustomerId;
        List<string> overridden = [ids[0], ids[ids.Length / 2]];
        OverrideTable.Set(workspace, overridden[0], Dimensions.ValueClass, "MVC", "kept for the brand", "test", new DateTime(2025, 3, 1, 9, 30, 0, DateTimeKind.Utc));
        OverrideTable.Set(workspace, overridden[0], Dimensions.ValueTier, "VIP", "kept for the brand", "test", new DateTime(2025, 3, 1, 9, 31, 0, DateTimeKind.Utc));
        OverrideTable.Set(workspace, overridden[1], Dimensions.Strategy, "keep", "a \"key\" account, said the board", null, new DateTime(2025, 3, 2, 0, 0, 0, DateTimeKind.Utc));

        var saved = NewWorkspace();
        foreach (var asOf in new[] { options.End.AddDays(-180), options.End })
        {
            var run = AnalysisRunner.Run(workspace, new AnalysisRequest { AsOf = asOf }, cancellationToken: TestContext.Current.CancellationToken);
            var createdAt = SnapshotQuery.List(workspace).Single(s => s.AsOf == asOf).CreatedAt;
            SnapshotWriter.Save(saved, run.Result, run.Options, run.Context.ToJson(), createdAt);
            SnapshotFirstPurchases.Store(saved, asOf, FirstPurchases(workspace, asOf));
        }
        return (analyzed, saved, overridden);
    }

    /// <summary>The first purchases an analysis stored, as the analysis handed them to the store.</summary>
    private static List<Clientele.Storage.Summary.FirstPurchaseDay> FirstPurchases(Workspace workspace, DateOnly asOf)
    {
        using var command = workspace.Command(
            "SELECT product_line, region, day, completed, customers, first_amount FROM snapshot_first_purchases WHERE as_of = CAST($as_of AS DATE) " +
            "ORDER BY product_line NULLS FIRST, region NULLS FIRST, day, completed", ("as_of", asOf.ToDateTime(TimeOnly.MinValue)));
        using var reader = command.ExecuteReader();
        var days = new List<Clientele.Storage.Summary.FirstPurchaseDay>();
        while (reader.Read())
            days.Add(new(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetValue(2) is DateOnly day ? day : DateOnly.FromDateTime(reader.GetDateTime(2)), reader.GetBoolean(3), reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetDecimal(5)));
        return days;
    }

    private static void AssertSameJson<T>(T expected, T actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, SameJson), JsonSerializer.Serialize(actual, SameJson));

    /// <summary>
    /// The same answer but for sums of many values, which each engine adds up in its own order: every number equal to a
    /// relative 1e-12, everything else exactly.
    /// </summary>
    private static void AssertSameSums<T>(T expected, T actual)
    {
        using var e = JsonDocument.Parse(JsonSerializer.Serialize(expected, SameJson));
        using var a = JsonDocument.Parse(JsonSerializer.Serialize(actual, SameJson));
        Same(e.RootElement, a.RootElement, "$");

        static void Same(JsonElement e, JsonElement a, string path)
        {
            Assert.True(e.ValueKind == a.ValueKind, $"{path}: {e} vs {a}");
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    Assert.Equal(e.EnumerateObject().Select(p => p.Name), a.EnumerateObject().Select(p => p.Name));
                    foreach (var property in e.EnumerateObject()) Same(property.Value, a.GetProperty(property.Name), $"{path}.{property.Name}");
                    break;
                case JsonValueKind.Array:
                    Assert.True(e.GetArrayLength() == a.GetArrayLength(), $"{path}: {e.GetArrayLength()} vs {a.GetArrayLength()} items");
                    for (var i = 0; i < e.GetArrayLength(); i++) Same(e[i], a[i], $"{path}[{i}]");
                    break;
                case JsonValueKind.Number:
                    var (x, y) = (e.GetDouble(), a.GetDouble());
                    Assert.True(Math.Abs(x - y) <= 1e-12 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))), $"{path}: {x:R} vs {y:R}");
                    break;
                default:
                    Assert.True(e.ToString() == a.ToString(), $"{path}: {e} vs {a}");
                    break;
            }
        }
    }

    [Fact]
    public void A_snapshot_saved_here_lists_and_profiles_its_customers_as_DuckDB_does_after_analyze()
    {
        var (analyzed, saved, overridden) = AnalyzedAndSaved();
        using var _ = analyzed;
        using var __ = saved;
        var reference = analyzed.Workspace!;

        AssertSameJson(SnapshotQuery.List(reference), SnapshotQuery.List(saved));
        Assert.Equal(2, SnapshotQuery.List(saved).Count);
        Assert.Equal(SnapshotQuery.Latest(reference), SnapshotQuery.Latest(saved));

        var all = SnapshotQuery.Customers(reference);
        Assert.True(all.Rows.Count > 300);
        // Filters on classes the data has: a closed dimension, the segment tree (a path and its children), an open one, a list.
        ClassFilter Filter(string dimension)
        {
            var at = Dimensions.All.ToList().IndexOf(dimension);
            var @class = all.Rows.Select(r => r.Classes[at]).First(c => !string.IsNullOrEmpty(c))!;
            if (Dimensions.IsList(dimension)) @class = @class.Split(DimensionDeclaration.ListSeparator)[0];
            if (dimension == Dimensions.Segment) @class = @class.Split('/')[0];
            return new ClassFilter(dimension, [@class]);
        }
        var list = Dimensions.All.First(Dimensions.IsList);
        List<IReadOnlyList<ClassFilter>?> filters =
        [
            null, [Filter(Dimensions.ChurnStatus)], [Filter(Dimensions.Segment)], [Filter(list)], [Filter(Dimensions.ValueTier), Filter(Dimensions.Ladder)],
        ];
        var sorts = new[]
        {
            CustomerSort.Default, new CustomerSort("customer_id", false), new CustomerSort("name", true), new CustomerSort("p_alive", false),
            new CustomerSort(Dimensions.ChurnStatus, true), new CustomerSort(Dimensions.Segment, false), new CustomerSort("cross_sell", false),
        };
        var latest = SnapshotQuery.List(saved)[^1];
        var savedListing = SnapshotListing.Load(saved, latest);
        var referenceListing = SnapshotListing.Load(reference, SnapshotQuery.List(reference)[^1]);
        (int? Top, int Offset, string? Search)[] pages = [(25, 0, null), (40, 60, null), (null, 0, "1"), (10, 5, "A")];
        foreach (var filter in filters)
        foreach (var sort in sorts)
        foreach (var (top, offset, search) in pages)
        {
            var expected = SnapshotQuery.Customers(reference, null, filter, sort, top, offset, search);
            AssertSameJson(expected, SnapshotQuery.Customers(saved, null, filter, sort, top, offset, search));
            AssertSameJson(referenceListing.Customers(reference, filter, sort, top, offset, search), savedListing.Customers(saved, filter, sort, top, offset, search));
        }

        var first = SnapshotQuery.List(saved)[0].AsOf;
        foreach (var id in all.Rows.Where((_, i) => i % 41 == 0).Select(r => r.CustomerId).Concat(overridden))
        {
            AssertSameJson(SnapshotQuery.Profile(reference, id), SnapshotQuery.Profile(saved, id));
            if (all.Rows.Any(r => r.CustomerId == id) && SnapshotQuery.Customers(reference, first, search: id).Rows.Any(r => r.CustomerId == id))
                AssertSameJson(SnapshotQuery.Profile(reference, id, first), SnapshotQuery.Profile(saved, id, first));
        }
        var profile = SnapshotQuery.Profile(saved, overridden[1]);
        Assert.Contains("a \"key\" account, said the board", profile.Classes.Single(c => c.Dimension == Dimensions.Strategy).Reason);
    }

    [Fact]
    public void Saving_a_snapshot_of_the_same_date_again_replaces_it()
    {
        var (analyzed, saved, _) = AnalyzedAndSaved();
        using var _ = analyzed;
        using var __ = saved;
        string[] tables = ["snapshots", "snapshot_customers", "snapshot_product_lines", "snapshot_buying_roles", "snapshot_segments", "snapshot_overrides"];
        List<KeyValuePair<string, long>> Counts() => [.. tables.Select(t => KeyValuePair.Create(t, saved.Scalar<long>($"SELECT count(*) FROM {t}")))];
        var before = Counts();
        var asOf = SnapshotQuery.List(saved)[^1].AsOf;
        var run = AnalysisRunner.Run(analyzed.Workspace!, new AnalysisRequest { AsOf = asOf }, cancellationToken: TestContext.Current.CancellationToken);
        SnapshotWriter.Save(saved, run.Result, run.Options, run.Context.ToJson(), new DateTime(2030, 1, 2, 3, 4, 5));
        Assert.Equal(before, Counts());
        Assert.Equal(new DateTime(2030, 1, 2, 3, 4, 5), SnapshotQuery.List(saved)[^1].CreatedAt);
        Assert.True(before.Single(p => p.Key == "snapshot_customers").Value > 300);
        Assert.True(before.Single(p => p.Key == "snapshot_overrides").Value >= 3);
        Assert.True(before.Single(p => p.Key == "snapshot_segments").Value > 0);
        Assert.True(before.Single(p => p.Key == "snapshot_product_lines").Value > 300);
        Assert.True(before.Single(p => p.Key == "snapshot_buying_roles").Value > 0);
    }

    [Fact]
    public void A_snapshot_saved_here_gives_DuckDB_s_classes_churn_segments_transitions_and_stakes()
    {
        var (analyzed, saved, _) = AnalyzedAndSaved();
        using var _ = analyzed;
        using var __ = saved;
        var reference = analyzed.Workspace!;
        var days = SnapshotQuery.List(saved).Select(s => s.AsOf).ToList();
        foreach (var day in days)
        {
            foreach (var dimension in Dimensions.All)
            {
                AssertSameJson(SnapshotQuery.Classes(reference, dimension, day), SnapshotQuery.Classes(saved, dimension, day));
                AssertSameSums(SnapshotQuery.Segments(reference, dimension, day), SnapshotQuery.Segments(saved, dimension, day));
            }
            foreach (var level in new[] { 1, 2 }) AssertSameJson(SnapshotQuery.ChurnReasons(reference, day, level), SnapshotQuery.ChurnReasons(saved, day, level));
            AssertSameJson(SnapshotQuery.AtRisk(reference, day, 30), SnapshotQuery.AtRisk(saved, day, 30));
            AssertSameSums(ActionStakes.Rank(reference, day, 20), ActionStakes.Rank(saved, day, 20));
            var ids = SnapshotQuery.Customers(reference, day).Rows.Select(r => r.CustomerId).Where((_, i) => i % 3 == 0).Append("nobody").ToList();
            AssertSameJson(SnapshotQuery.ChurnOf(reference, day, ids).OrderBy(p => p.Key, StringComparer.Ordinal), SnapshotQuery.ChurnOf(saved, day, ids).OrderBy(p => p.Key, StringComparer.Ordinal));
        }
        Assert.NotEmpty(SnapshotQuery.AtRisk(saved, days[^1], 30).Customers);
        Assert.NotEmpty(SnapshotQuery.Segments(saved, Dimensions.Segment, days[^1]).Nodes);
        foreach (var dimension in Dimensions.All)
        {
            AssertSameJson(SnapshotQuery.Transitions(reference, dimension, days[0], days[1]), SnapshotQuery.Transitions(saved, dimension, days[0], days[1]));
            AssertSameJson(SnapshotQuery.Transitions(reference, dimension, days[1], days[0], 5), SnapshotQuery.Transitions(saved, dimension, days[1], days[0], 5));
        }
        Assert.NotEmpty(SnapshotQuery.Transitions(saved, Dimensions.ChurnStatus, days[0], days[1]).MovedDown!);
        foreach (var day in days)
        {
            var stored = FirstPurchases(saved, day);
            Assert.True(stored.Count > 10);
            Assert.Contains(stored, d => d.FirstAmount is { } amount && amount != decimal.Truncate(amount));
            Assert.Equal(FirstPurchases(reference, day), stored);
            Assert.Equal(day, SnapshotFirstPurchases.LearnedOn(saved, day));
        }
        Assert.Null(SnapshotFirstPurchases.LearnedOn(saved, days[0].AddDays(1)));
    }
}
