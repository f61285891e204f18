using System.Text;
using Clientele.Storage.Events;
using Clientele.Storage.Import;
using Clientele.Storage.Removal;

namespace Clientele.Storage.Tests.Contract;

/// <summary>
/// The contract's purchase days (<c>customer_days</c>, kept at import): after every change of the orders — a first import, a
/// second one adding to days already kept and repeating an order with another status, an event batch, an undo, an erasure —
/// the table holds exactly the days counted again from the orders, value for value.
/// </summary>
public abstract partial class StorageContractTests
{
    [Fact]
    public void The_purchase_days_are_the_orders_days_after_an_import_another_an_event_batch_an_undo_and_an_erasure()
    {
        using var files = new TempWorkspace(create: false);
        using var workspace = NewWorkspace();
        var first = files.File("first.csv", """
            order_id,customer_id,ordered_at,amount,margin,status
            O1,C1,2025-03-01T09:00:00,10.10,2.5,completed
            O2,C1,2025-03-01T17:30:00,0.2,,completed
            O3,C1,2025-03-04,7,,completed
            O4,C2,2025-03-02,40,8,returned
            O5,C2,2025-03-03,12.5,1,completed
            O6,C3,2025-03-03,99,9,cancelled
            """);
        Import(workspace, first);
        AssertDaysAreCounted(workspace);
        Assert.Equal(3, workspace.Scalar<long>("SELECT count(*) FROM customer_days"));

        // The same day again (its sums added to those kept), a new day, a new customer, and O5 repeated as returned: present, skipped.
        var second = files.File("second.csv", """
            order_id,customer_id,ordered_at,amount,margin,status
            O7,C1,2025-03-01T20:00:00,5,1.25,completed
            O8,C1,2025-03-09,3.333333333,,completed
            O9,C4,2025-03-05,1,,completed
            O5,C2,2025-03-03,12.5,1,returned
            """);
        var again = Import(workspace, second);
        Assert.Equal(3, again.RowsAdded);
        AssertDaysAreCounted(workspace);
        Assert.Equal("15.300000000", workspace.Scalar<string>("SELECT CAST(spend AS VARCHAR) FROM customer_days WHERE customer_id = 'C1' AND day = DATE '2025-03-01'"));

        var batch = """{ "orders": [ { "order_id": "E1", "customer_id": "C2", "ordered_at": "2025-03-03T12:00:00", "amount": 2.5, "margin": 0.5 } ] }""";
        var stored = EventStore.Store(workspace, EventBatch.Parse(Encoding.UTF8.GetBytes(batch)), "api:events", TimeProvider.System, TestContext.Current.CancellationToken);
        Assert.True(stored.Stored);
        AssertDaysAreCounted(workspace);

        ImportUndo.Apply(workspace, again.ImportId!.Value, "ana", new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc));
        AssertDaysAreCounted(workspace);
        Assert.Equal(0, workspace.Scalar<long>("SELECT count(*) FROM customer_days WHERE customer_id = 'C4'"));

        CustomerErasure.Apply(workspace, "C1", "dpo", new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc));
        AssertDaysAreCounted(workspace);
        Assert.Equal(0, workspace.Scalar<long>("SELECT count(*) FROM customer_days WHERE customer_id = 'C1'"));
        Assert.Equal(1, workspace.Scalar<long>("SELECT count(*) FROM customer_days"));
    }

    private static ImportResult Import(Workspace workspace, string path) =>
        new Importer(workspace).Import("orders", path, new ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Asserts that the purchase days kept are the completed orders' days counted now, every value as text.</summary>
    private static void AssertDaysAreCounted(Workspace workspace)
    {
        var kept = Rows(workspace, """
            SELECT customer_id, CAST(day AS VARCHAR), CAST(spend AS VARCHAR), CAST(lines AS VARCHAR), CAST(margin AS VARCHAR)
            FROM customer_days ORDER BY 1, 2
            """);
        var counted = Rows(workspace, """
            SELECT customer_id, CAST(CAST(ordered_at AS DATE) AS VARCHAR), CAST(sum(CAST(amount AS DECIMAL(38, 9))) AS VARCHAR),
                   CAST(count(*) AS VARCHAR), CAST(sum(CAST(margin AS DECIMAL(38, 9))) AS VARCHAR)
            FROM orders WHERE status = 'completed' GROUP BY customer_id, CAST(ordered_at AS DATE) ORDER BY 1, 2
            """);
        Assert.NotEmpty(counted);
        Assert.Equal(counted, kept);
    }

    private static List<string> Rows(Workspace workspace, string sql)
    {
        using var command = workspace.Command(sql);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : reader.GetString(i))));
        return rows;
    }
}
