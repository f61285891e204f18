using System.Globalization;
using System.Text.Json.Nodes;
using Clientele.Simulation;
using Clientele.Storage.Analysis;
using Clientele.Storage.Import;
using Clientele.Tables;

namespace Clientele.Storage.Tests.Contract;

/// <summary>
/// The contract's analysis (<see cref="AnalysisRunner"/>): the same rows analyzed on this provider and in a DuckDB file give the
/// same snapshot — every class exact, every score and figure to 1e-9 (the engines add in different orders) — and the same
/// learned context: the models' parameters, the cuts, the counts.
/// </summary>
public abstract partial class StorageContractTests
{
    [Fact]
    public void The_demo_company_analyzed_here_gets_the_classes_and_scores_DuckDB_gives()
    {
        using var reference = new TempWorkspace();
        var options = new SimulationOptions { Customers = 600, Seed = 7 };
        ImportDemo(reference.Workspace!, reference.Folder, options);
        using var workspace = NewWorkspace();
        WorkspaceCopy.Tables(reference.Workspace!, workspace);
        // Overrides are part of the analysis: one on a class, with a reason that quotes.
        foreach (var w in new[] { reference.Workspace!, workspace })
            OverrideTable.Set(w, "C0000003", Clientele.Classification.Dimensions.ValueClass, "MGC", "the \"key\" account", "Ada", new DateTime(2025, 3, 3, 9, 0, 0, DateTimeKind.Utc));

        var asOf = options.End.AddDays(-30);
        AssertSameAnalysis(reference.Workspace!, workspace, new AnalysisRequest { AsOf = asOf, CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
        AssertSameAnalysis(reference.Workspace!, workspace, new AnalysisRequest { CreatedAt = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), Model = "bgnbd" });
        // Classified and stored here in parts of 170 (the override's customer in the first): the snapshot of one pass.
        AssertSameAnalysis(reference.Workspace!, workspace, new AnalysisRequest { AsOf = asOf, CreatedAt = new DateTime(2026, 1, 3, 0, 0, 0, DateTimeKind.Utc) }, actualPartSize: 170);
    }

    [Fact]
    public void CDNOW_analyzed_here_gets_the_classes_and_scores_DuckDB_gives()
    {
        var log = SharedData.Require("cdnow/CDNOW_master.txt");
        var options = CdnowImport;
        using var reference = new TempWorkspace();
        using var workspace = NewWorkspace();
        new Importer(reference.Workspace!).Import("orders", log, options, cancellationToken: TestContext.Current.CancellationToken);
        new Importer(workspace).Import("orders", log, options, cancellationToken: TestContext.Current.CancellationToken);
        var analyzed = AssertSameAnalysis(reference.Workspace!, workspace, new AnalysisRequest { AsOf = new DateOnly(1998, 6, 30), CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
        Assert.Equal(23_570, analyzed);
    }

    /// <summary>
    /// Analyzes both workspaces with the request (<paramref name="actual"/> in parts of <paramref name="actualPartSize"/> if given) and
    /// compares what they stored; returns the number of customers.
    /// </summary>
    internal static long AssertSameAnalysis(Workspace expected, Workspace actual, AnalysisRequest request, int? actualPartSize = null)
    {
        var expectedRun = AnalysisRunner.Run(expected, request, cancellationToken: TestContext.Current.CancellationToken);
        var actualRun = AnalysisRunner.Run(actual, request with { PartSize = actualPartSize }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(actualPartSize, actualRun.PartSize);
        var day = expectedRun.Context.AsOf;
        Assert.Equal(day, actualRun.Context.AsOf);
        Assert.True(expectedRun.Context.Customers > 500);
        // The context as stored, but the times taken (the steps', the fit's).
        AssertSameJson(ContextWithoutSteps(expectedRun.Context.ToJson()), ContextWithoutSteps(actualRun.Context.ToJson()), "context");
        AssertSameRows(expected, actual, day.ToDateTime(TimeOnly.MinValue),
        [
            ("snapshot_customers", "customer_id"), ("snapshot_product_lines", "customer_id, product_line"),
            ("snapshot_buying_roles", "customer_id, contact_id, role"), ("snapshot_segments", "path"), ("snapshot_overrides", "customer_id, dimension, position"),
            ("snapshot_first_purchases", "product_line, region, day, completed"),
        ]);
        return expectedRun.Context.Customers;
    }

    /// <summary>Every row of each table as of the day, in the order of its key: every value the same, numbers to 1e-9.</summary>
    private static void AssertSameRows(Workspace expected, Workspace actual, DateTime day, IEnumerable<(string Table, string Key)> tables)
    {
        foreach (var (table, key) in tables)
        {
            var want = Rows(expected, table, key, day);
            var got = Rows(actual, table, key, day);
            Assert.Equal(want.Count, got.Count);
            for (var r = 0; r < want.Count; r++)
                foreach (var (column, value) in want[r])
                    AssertSameValue(value, got[r][column], $"{table} row {r} ({string.Join(", ", key.Split(", ").Select(k => want[r][k]))}) {column}");
        }
    }

    private static JsonNode ContextWithoutSteps(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("steps");
        return node;
    }

    private static void AssertSameJson(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{path}: expected null, got {actual?.ToJsonString()}");
                return;
            case JsonObject o:
                var other = Assert.IsType<JsonObject>(actual);
                Assert.Equal(o.Select(p => p.Key).Order(StringComparer.Ordinal), other.Select(p => p.Key).Order(StringComparer.Ordinal));
                foreach (var (name, value) in o)
                    if (name != "seconds") AssertSameJson(value, other[name], $"{path}.{name}");
                return;
            case JsonArray a:
                var list = Assert.IsType<JsonArray>(actual);
                Assert.True(a.Count == list.Count, $"{path}: {a.Count} items, got {list.Count}");
                for (var i = 0; i < a.Count; i++) AssertSameJson(a[i], list[i], $"{path}[{i}]");
                return;
            default:
                var v = expected.AsValue();
                if (v.TryGetValue<double>(out var number) && actual!.AsValue().TryGetValue<double>(out var got)) AssertSameValue(number, got, path);
                else Assert.True(expected.ToJsonString() == actual?.ToJsonString(), $"{path}: {expected.ToJsonString()} vs {actual?.ToJsonString()}");
                return;
        }
    }

    /// <summary>Every row of the snapshot's table as of the day, by column name, in the order of the key (by code point).</summary>
    private static List<Dictionary<string, object?>> Rows(Workspace workspace, string table, string key, DateTime day)
    {
        string[] numbers = ["position", "day", "completed", "changed_at", "import_id"];
        var order = string.Join(", ", key.Split(", ").Select(k => numbers.Contains(k) ? k : workspace.Dialect.OrdinalText(k)));
        using var command = workspace.Command($"SELECT * FROM {table} WHERE as_of = CAST($as_of AS DATE) ORDER BY {order}", ("as_of", day));
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var c = 0; c < reader.FieldCount; c++) row[reader.GetName(c)] = reader.IsDBNull(c) ? null : Normalised(reader.GetValue(c));
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>One type per kind of value whatever the provider gives: numbers as doubles, days as DateOnly.</summary>
    private static object Normalised(object value) => value switch
    {
        DateTime t when t.TimeOfDay == TimeSpan.Zero => DateOnly.FromDateTime(t),
        DateTime t => t,
        DateOnly d => d,
        string s => s,
        bool b => b,
        _ when value is IConvertible => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        _ => value,
    };

    private static void AssertSameValue(object? expected, object? actual, string what)
    {
        if (expected is double e && actual is double a)
        {
            var close = e == a || (double.IsNaN(e) && double.IsNaN(a)) || Math.Abs(e - a) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(e), Math.Abs(a)));
            Assert.True(close, $"{what}: {e.ToString("R", CultureInfo.InvariantCulture)} vs {a.ToString("R", CultureInfo.InvariantCulture)}");
            return;
        }
        Assert.True(Equals(expected, actual), $"{what}: {expected ?? "null"} ({expected?.GetType().Name}) vs {actual ?? "null"} ({actual?.GetType().Name})");
    }
}
