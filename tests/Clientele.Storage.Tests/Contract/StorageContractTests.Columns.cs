using System.Collections;
using System.Runtime.CompilerServices;
using Clientele.Classification;
using Clientele.Customers;
using Clientele.Simulation;
using Clientele.Storage.Import;
using Clientele.Storage.Summary;
using Clientele.Tables;

namespace Clientele.Storage.Tests.Contract;

/// <summary>
/// The contract's customer columns (<see cref="CustomerColumnsQuery"/>), the model-choice sample (<see cref="HoldoutQuery"/>) and
/// the stored model fits (<see cref="ModelFit"/>): the demo company and CDNOW give this provider's workspace the columns a DuckDB
/// file gives, every array element by element (doubles to 1e-9 relative, everything else exactly).
/// </summary>
public abstract partial class StorageContractTests
{
    [Fact]
    public void The_customer_columns_of_the_demo_company_are_the_ones_DuckDB_reads_for_every_customer()
    {
        using var imported = new TempWorkspace();
        var options = new SimulationOptions { Customers = 600, Seed = 7 };
        ImportDemo(imported.Workspace!, imported.Folder, options);
        // The simulator writes no attributes: a few customers get sizes (a later key in the options' order, a text, a negative
        // number and a key in other case beside them), so the size columns are read too.
        imported.Workspace!.Execute("""
            UPDATE customers SET attributes = CASE right(customer_id, 1)
                WHEN '1' THEN '{"Employees": 120, "revenue": 5e6}'
                WHEN '2' THEN '{"turnover": "large", "staff": 14.5}'
                WHEN '3' THEN '{"size": -3, "headcount": 9}'
                WHEN '4' THEN '{"colour": "red"}'
                ELSE attributes END
            """);
        using var workspace = NewWorkspace();
        WorkspaceCopy.Tables(imported.Workspace!, workspace);

        var asOf = options.End.AddDays(-90);
        var expected = Ordered(CustomerColumnsQuery.Read(imported.Workspace!, CustomerSummaryQuery.Run(imported.Workspace!, asOf)));
        var actual = Ordered(CustomerColumnsQuery.Read(workspace, CustomerSummaryQuery.Run(workspace, asOf)));

        var columns = expected.Columns;
        Assert.True(columns.Count > 300);
        Assert.True(columns.ProductLines.Count > 1, "product lines");
        Assert.True(columns.Contacts.ContactId.Length > 0 && columns.Contacts.Role.Length > 0, "contacts and roles");
        Assert.Contains(columns.Followers, n => n > 0);
        Assert.Contains(columns.EarliestAdoptionRank, r => r > 0);
        Assert.Contains(columns.Size, s => s > 0);
        Assert.Contains(columns.OpportunityOutcome, o => o is not null);
        Assert.Contains(columns.RecentComplaintTag, t => t is not null);
        Assert.Contains(columns.SuggestionTags, t => t is not null);
        Assert.Contains(columns.ReferredRevenue, v => v > 0);
        Assert.NotEmpty(columns.SupplySeller);
        Assert.NotEmpty(expected.FirstPurchases);
        Assert.True(AssertSameValues(expected, actual, "columns") > 50 * columns.Count);
    }

    [Fact]
    public void CDNOW_gives_the_customer_columns_and_the_holdout_sample_DuckDB_gives()
    {
        var log = SharedData.Require("cdnow/CDNOW_master.txt");
        var options = CdnowImport;
        using var reference = new TempWorkspace();
        using var workspace = NewWorkspace();
        new Importer(reference.Workspace!).Import("orders", log, options, cancellationToken: TestContext.Current.CancellationToken);
        new Importer(workspace).Import("orders", log, options, cancellationToken: TestContext.Current.CancellationToken);
        var asOf = new DateOnly(1997, 9, 30);

        var expected = Ordered(CustomerColumnsQuery.Read(reference.Workspace!, CustomerSummaryQuery.Run(reference.Workspace!, asOf)));
        var actual = Ordered(CustomerColumnsQuery.Read(workspace, CustomerSummaryQuery.Run(workspace, asOf)));
        Assert.Equal(23_570, expected.Columns.Count);
        Assert.Contains(expected.Columns.KeptPurchaseDays, d => d > 1);
        Assert.True(AssertSameValues(expected, actual, "columns") > 40 * 23_570);

        var calibrationEnd = new DateOnly(1997, 9, 30);
        var holdoutEnd = new DateOnly(1998, 6, 30);
        var sample = HoldoutQuery.Sample(reference.Workspace!, calibrationEnd, holdoutEnd, TimeUnit.Week);
        Assert.Equal(23_570, sample.Frequency.Length);
        Assert.True(sample.Actual.Sum() > 1_000);
        AssertSameValues(sample, HoldoutQuery.Sample(workspace, calibrationEnd, holdoutEnd, TimeUnit.Week), "sample");
    }

    [Fact]
    public void The_holdout_sample_of_the_demo_company_and_its_purchase_days_read_apart_are_the_ones_DuckDB_reads()
    {
        using var imported = new TempWorkspace();
        var options = new SimulationOptions { Customers = 600, Seed = 5 };
        ImportDemo(imported.Workspace!, imported.Folder, options);
        using var workspace = NewWorkspace();
        WorkspaceCopy.Tables(imported.Workspace!, workspace);

        var holdoutEnd = options.End;
        var calibrationEnd = holdoutEnd.AddDays(-180);
        foreach (var unit in new[] { TimeUnit.Day, TimeUnit.Week })
        {
            var expected = HoldoutQuery.Sample(imported.Workspace!, calibrationEnd, holdoutEnd, unit);
            Assert.True(expected.Frequency.Length > 200 && expected.Actual.Sum() > 0 && expected.DailyActual!.Sum() > 0);
            AssertSameValues(expected, HoldoutQuery.Sample(workspace, calibrationEnd, holdoutEnd, unit), "sample");
        }
        var ids = CustomerSummaryQuery.Run(imported.Workspace!, calibrationEnd).CustomerId;
        var days = HoldoutQuery.PurchaseDays(imported.Workspace!, ids, calibrationEnd, holdoutEnd);
        Assert.True(days.Sum() > 0);
        Assert.Equal(days, HoldoutQuery.PurchaseDays(workspace, ids, calibrationEnd, holdoutEnd));
        Assert.Equal(HoldoutQuery.DailyPurchaseDays(imported.Workspace!, ids, calibrationEnd, holdoutEnd), HoldoutQuery.DailyPurchaseDays(workspace, ids, calibrationEnd, holdoutEnd));
    }

    [Fact]
    public void Model_fits_are_stored_numbered_and_read_back_oldest_first()
    {
        using var workspace = NewWorkspace();
        Assert.Empty(ModelFit.All(workspace));
        var fitted = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1_234_560);
        var first = ModelFit.Save(workspace, new ModelFit(0, "bgnbd", fitted, "workspace", new DateOnly(2025, 12, 31), "week", """{"r":0.24}""", """{"ll":-1.5}"""));
        var second = ModelFit.Save(workspace, new ModelFit(0, "gg", fitted.AddDays(1), "/data/summary.csv", null, "day", """{"p":6.2}""", "{}"));
        Assert.Equal((1, 2), (first.FitId, second.FitId));
        var all = ModelFit.All(workspace);
        Assert.Equal(2, all.Count);
        Assert.Equal(first, all[0]); // DateTime equality compares the instant's ticks, not its kind
        Assert.Equal(second, all[1]);
    }

    /// <summary>The result with its first purchases in one order: they are a set of rows (line, region, day, completed), stored as such.</summary>
    private static CustomerColumnsQueryResult Ordered(CustomerColumnsQueryResult result) => result with
    {
        FirstPurchases = [.. result.FirstPurchases.OrderBy(f => f.Completed).ThenBy(f => f.ProductLine, StringComparer.Ordinal)
            .ThenBy(f => f.Region, StringComparer.Ordinal).ThenBy(f => f.Day)],
    };

    /// <summary>
    /// Asserts that two results hold the same values, walking their public properties, arrays, lists and tuples: doubles equal
    /// to 1e-9 relative, everything else exactly. The columns' summary (their input, compared by the summary tests) is
    /// skipped. Returns how many values were compared.
    /// </summary>
    private static int AssertSameValues(object? expected, object? actual, string path)
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{path}: expected null, got {actual}");
                return 1;
            case double e:
                var a = Assert.IsType<double>(actual);
                Assert.True(e.Equals(a) || Math.Abs(e - a) <= 1e-9 * Math.Max(Math.Abs(e), Math.Abs(a)), $"{path}: expected {e:R}, got {a:R}");
                return 1;
            case string or int or long or bool or decimal or DateOnly or DateTime or Enum:
                Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual ?? "null"}");
                return 1;
            case ITuple tuple:
                var other = Assert.IsAssignableFrom<ITuple>(actual);
                var count = 0;
                for (var k = 0; k < tuple.Length; k++) count += AssertSameValues(tuple[k], other[k], $"{path}.Item{k + 1}");
                return count;
            case IEnumerable items:
                var left = items.Cast<object?>().ToList();
                var right = Assert.IsAssignableFrom<IEnumerable>(actual).Cast<object?>().ToList();
                Assert.True(left.Count == right.Count, $"{path}: {left.Count} elements, got {right.Count}");
                return left.Select((item, k) => AssertSameValues(item, right[k], $"{path}[{k}]")).Sum();
            default:
                Assert.NotNull(actual);
                Assert.Equal(expected.GetType(), actual.GetType());
                var compared = 0;
                foreach (var property in expected.GetType().GetProperties())
                {
                    if (property.GetIndexParameters().Length > 0 || property.PropertyType == typeof(CustomerSummary)) continue;
                    compared += AssertSameValues(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
                }
                return compared;
        }
    }
}
