using System.Text;
using Clientele.Simulation;
using Clientele.Storage.Analysis;
using Clientele.Storage.Events;
using Clientele.Storage.Live;

namespace Clientele.Storage.Tests.Contract;

/// <summary>
/// The contract's live updates: event batches stored (<see cref="EventStore"/>) and their customers re-classified with the
/// latest analysis (<see cref="LiveUpdate.Refresh"/>), as <c>POST /api/events</c> does, give on this provider the moves, the
/// rewritten snapshot rows and the recorded class changes a DuckDB file gives for the same events; an import undone
/// moves them back alike.
/// </summary>
public abstract partial class StorageContractTests
{
    [Fact]
    public void Events_applied_live_here_give_the_moves_and_rows_DuckDB_gives_and_undoing_them_moves_them_back()
    {
        using var reference = new TempWorkspace();
        var options = new SimulationOptions { Customers = 600, Seed = 7 };
        ImportDemo(reference.Workspace!, reference.Folder, options);
        using var workspace = NewWorkspace();
        // Imported alike, so the events' import ids (recorded with every move) are the same on both.
        ImportDemo(workspace, reference.Folder, options);
        var analysis = new AnalysisRequest { CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        AssertSameAnalysis(reference.Workspace!, workspace, analysis);
        var lost = reference.Workspace!.Scalar<string>("SELECT customer_id FROM snapshot_customers WHERE churn_status = 'lost' AND orders >= 2 ORDER BY customer_id LIMIT 1")!;
        var others = new List<string>();
        using (var command = reference.Workspace!.Command("SELECT customer_id FROM snapshot_customers WHERE orders >= 1 ORDER BY customer_id LIMIT 40"))
        using (var reader = command.ExecuteReader())
            while (reader.Read()) others.Add(reader.GetString(0));
        // A subsidiary that buys: its parents' group values move on both alike.
        var subsidiary = reference.Workspace!.Scalar<string>("SELECT customer_id FROM customers WHERE parent_id IS NOT NULL ORDER BY customer_id LIMIT 1")!;
        var parentGroup = $"SELECT group_value FROM snapshot_customers WHERE customer_id = (SELECT parent_id FROM customers WHERE customer_id = '{subsidiary}')";
        var groupBefore = workspace.Scalar<double>(parentGroup);
        // A party down a supply chain that buys: it becomes direct, and those it sells on to move up the chain on both alike.
        var reseller = reference.Workspace!.Scalar<string>("SELECT customer_id FROM snapshot_customers WHERE supply_chain = 'indirect' AND supply_chain_sells_on > 0 AND orders = 0 ORDER BY customer_id LIMIT 1")!;
        var day = options.End.AddDays(3);
        string[] batches =
        [
            $$"""{ "orders": [ { "order_id": "L-1", "customer_id": "{{lost}}", "ordered_at": "{{day:yyyy-MM-dd}}", "amount": 250 } ] }""",
            $$"""
            {
              "orders": [
                { "order_id": "L-2", "customer_id": "{{others[3]}}", "ordered_at": "{{day:yyyy-MM-dd}}", "amount": 980.5, "margin": 300 },
                { "order_id": "L-3", "customer_id": "{{others[17]}}", "ordered_at": "{{day.AddDays(1):yyyy-MM-dd}}", "amount": 40, "status": "returned" },
                { "order_id": "L-4", "customer_id": "NEW-1", "ordered_at": "{{day.AddDays(2):yyyy-MM-dd}}", "amount": 75 },
                { "order_id": "L-5", "customer_id": "{{subsidiary}}", "ordered_at": "{{day:yyyy-MM-dd}}", "amount": 4200, "margin": 1500 },
                { "order_id": "L-6", "customer_id": "{{reseller}}", "ordered_at": "{{day:yyyy-MM-dd}}", "amount": 640 }
              ],
              "interactions": [ { "customer_id": "{{others[29]}}", "occurred_at": "{{day:yyyy-MM-dd}}", "kind": "complaint", "tag": "late delivery", "cost": 30 } ],
              "referrals": [ { "referrer_id": "{{others[5]}}", "referred_id": "NEW-1", "occurred_at": "{{day:yyyy-MM-dd}}" } ]
            }
            """,
        ];
        var at = new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);
        var imports = new List<long>();
        var results = new List<LiveResult>();
        foreach (var json in batches)
        {
            var (want, wantImport) = StoreLive(reference.Workspace!, json, at);
            var (got, gotImport) = StoreLive(workspace, json, at);
            Assert.Equal(wantImport, gotImport);
            Assert.Null(want.NotUpdatedBecause);
            Assert.Equal(want.Customers, got.Customers);
            Assert.Equal(want.Changes, got.Changes);
            Assert.Equal((want.ParentsMoved, want.ChainMoved), (got.ParentsMoved, got.ChainMoved));
            imports.Add(wantImport);
            results.Add(got);
        }
        Assert.Contains(new ClassChange(lost, Clientele.Classification.Dimensions.ChurnStatus, "lost", "active", day, at, imports[0]), results[0].Changes);
        Assert.True(results[1].Customers >= 5, $"{results[1].Customers} re-classified");
        Assert.NotEqual(groupBefore, workspace.Scalar<double>(parentGroup));
        Assert.Contains(results[1].Changes, c => c.CustomerId == reseller && c.Dimension == Clientele.Classification.Dimensions.SupplyChain && c.To == "direct");
        Assert.True(results[1].ChainMoved > 0, "nobody moved up the chain below the reseller");
        // The referrer is taken as of the day its referral bought, so the referral counts for it.
        Assert.Equal(day.AddDays(2).ToDateTime(TimeOnly.MinValue),
            workspace.Scalar<DateTime>($"SELECT CAST(live_as_of AS TIMESTAMP) FROM snapshot_customers WHERE customer_id = '{others[5]}'"));
        AssertSameLiveRows(reference.Workspace!, workspace);
        // NEW-1 is counted in, and nobody twice.
        AssertCustomersCounted(workspace);

        // Undoing the second batch re-classifies its customers from what remains, on both alike.
        foreach (var w in new[] { reference.Workspace!, workspace })
            Assert.NotNull(Clientele.Storage.Removal.ImportUndo.Apply(w, (int)imports[1], "ana", at.AddHours(1)).Live);
        AssertSameLiveRows(reference.Workspace!, workspace);
        AssertCustomersCounted(workspace);
    }

    /// <summary>Stores the batch as <c>POST /api/events</c> does and re-classifies its customers live.</summary>
    internal static (LiveResult Live, long ImportId) StoreLive(Workspace workspace, string json, DateTime at)
    {
        var stored = EventStore.Store(workspace, EventBatch.Parse(Encoding.UTF8.GetBytes(json)), "api:events", TimeProvider.System, TestContext.Current.CancellationToken);
        Assert.True(stored.Stored);
        return (LiveUpdate.Refresh(workspace, stored.AffectedCustomers, stored.ImportId, at), stored.ImportId!.Value);
    }

    /// <summary>The latest snapshot's rows (live ones included) and the recorded class changes, compared as the analysis's are.</summary>
    internal static void AssertSameLiveRows(Workspace expected, Workspace actual) =>
        AssertSameRows(expected, actual, expected.Scalar<DateTime>("SELECT CAST(max(as_of) AS TIMESTAMP) FROM snapshots"),
        [
            ("snapshot_customers", "customer_id"), ("snapshot_product_lines", "customer_id, product_line"),
            ("snapshot_buying_roles", "customer_id, contact_id, role"), ("snapshot_overrides", "customer_id, dimension, position"),
            ("class_changes", "customer_id, dimension, changed_at, import_id"),
        ]);
}
