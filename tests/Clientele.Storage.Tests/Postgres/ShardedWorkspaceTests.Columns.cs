using Clientele.Storage.Summary;
using Clientele.Storage.Tests.Contract;

namespace Clientele.Storage.Tests.Postgres;

public sealed partial class ShardedWorkspaceTests
{
    /// <summary>
    /// The customer columns' passes over the orders and the interactions group them by the customer on the shards, both at once, and only the
    /// per-customer results come to the coordinator to meet the summary's customers (<see cref="SqlDialect.GroupsByCustomerFirst"/>):
    /// joined there to a temporary table of the coordinator, every order would travel first (at a million customers the
    /// analysis did not get past the columns in ten minutes).
    /// </summary>
    [Fact]
    public void The_customer_columns_passes_over_the_orders_and_interactions_run_on_the_shards_at_once()
    {
        using var data = new TempWorkspace(create: false);
        using var sharded = NewShardedWorkspace(out var shards);
        StorageContractTests.ImportDemo(sharded, data.Folder, Demo with { Customers = 100 });
        foreach (var shard in shards) Execute(shard, "ANALYZE");
        var summary = CustomerSummaryQuery.Run(sharded, CustomerSummaryQuery.LastOrderDay(sharded)!.Value);
        var options = new CustomerColumnsQueryOptions();
        var sql = new CustomerColumnsSql(sharded.Dialect, summary.AsOf, options);
        var db = new CustomerColumnsDb(sharded, null);
        db.Execute(CustomerColumnsSql.Ids);
        db.AppendCustomers("cc_ids", CustomerColumnsSql.IdColumns, summary, options.SignalWindowDays);

        // The completed orders per customer and line (orders, first order, the year's revenue), the purchase days, and the
        // orders of products the catalogue lacks: each its own GROUP BY on every shard.
        var (plan, text) = Explain(sharded, sql.OrderLines[^1]);
        AssertPushedDown(plan, "SELECT customer_id, product_line, (CASE WHEN (product_line IS NULL) THEN product_id", "FROM public.orders", text, "GROUP BY 1, 2, 3");
        (plan, text) = Explain(sharded, sql.ReadOrderDays);
        AssertPushedDown(plan, "SELECT customer_id, count(DISTINCT", "FROM public.orders", text);
        var catalogue = new List<string>();
        db.Query(CustomerColumnsSql.ReadCatalogue, r => catalogue.Add(r.GetString(0)));
        Assert.NotEmpty(catalogue);
        (plan, text) = Explain(sharded, sql.ReadUnknownProducts(catalogue)!);
        // The catalogue's ids go to the shards with the statement, so only unknown products' orders leave them.
        AssertPushedDown(plan, "SELECT customer_id, product_id, count(*)", "product_id <> ALL (", text, "GROUP BY 1, 2");

        // The interactions per customer: scores, sentiment, touches and the times of those that count only in the customer's
        // signal window or before its first order; the interest per line.
        db.Execute(sql.Levels);
        db.Execute(sql.OrderLines);
        db.Execute(sql.OtherOrders);
        db.Execute(sql.Parties);
        db.Execute(sql.Lines);
        (plan, text) = Explain(sharded, sql.ReadInteractions);
        AssertPushedDown(plan, "SELECT customer_id, count(*) FILTER (WHERE", "FROM public.interactions", text);
        Assert.Contains("array_agg(occurred_at) FILTER (WHERE", text, StringComparison.Ordinal);
        (plan, text) = Explain(sharded, sql.ReadLineInterest);
        AssertPushedDown(plan, "SELECT customer_id, product_line, (CASE WHEN (product_line IS NULL) THEN product_id", "FROM public.interactions", text, "GROUP BY 1, 2, 3");
        foreach (var table in CustomerColumnsSql.TempTables) db.Execute($"DROP TABLE IF EXISTS {table}");
    }

    /// <summary>The lines of <c>EXPLAIN (VERBOSE)</c> of a statement on the workspace's connection, and their text.</summary>
    private static (List<string> Plan, string Text) Explain(Workspace workspace, string sql)
    {
        using var command = workspace.Command("EXPLAIN (VERBOSE) " + sql);
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) plan.Add(reader.GetString(0));
        return (plan, string.Join('\n', plan));
    }
}
