using Clientele.Storage.Import;
using Clientele.Storage.Removal;
using Clientele.Storage.Snapshots;
using Clientele.Storage.Summary;

namespace Clientele.Storage.Tests.Contract;

/// <summary>
/// The storage contract, removal: undoing an import (its rows go, whole; the rules for customers others still name,
/// updated rows and contacts' roles) and erasing a customer (every row naming it goes, in every table and analysis; only
/// the fact is recorded), the same on both engines.
/// </summary>
public abstract partial class StorageContractTests
{
    private static readonly DateTime Noon = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private int ImportText(Workspace workspace, string table, string name, string content) =>
        new Importer(workspace, TimeProvider.System).Import(table, File(name, content), new ImportOptions(), null, TestContext.Current.CancellationToken).ImportId
        ?? throw new InvalidOperationException("identical to an earlier import");

    private static Dictionary<string, long> RowCounts(Workspace workspace) => workspace.CountRows().ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Three customers that name each other, with orders, interactions, referrals, contacts, roles, supply links, an override and analysis rows.</summary>
    private Workspace ErasureWorkspace()
    {
        var workspace = NewWorkspace();

        ImportText(workspace, "customers", "customers.csv", "customer_id,name,kind,parent_id,referred_by\nC1,Acme,organization,,\nC2,Bolt,organization,C1,\nC3,Cy,person,,C1\n");
        ImportText(workspace, "orders", "orders.csv", "customer_id,ordered_at,amount\nC1,2024-01-05,10\nC1,2024-02-05,15\nC2,2024-01-07,20\nC3,2024-01-08,5\n");
        ImportText(workspace, "interactions", "interactions.csv", "customer_id,occurred_at,kind\nC1,2024-01-06,visit\nC2,2024-01-06,visit\n");
        ImportText(workspace, "referrals", "referrals.csv", "referrer_id,referred_id\nC1,C3\nC2,C1\nC2,C3\n");
        ImportText(workspace, "contacts", "contacts.csv", "contact_id,customer_id,name\nK1,C1,Bea\nK2,C2,Dan\n");
        ImportText(workspace, "buying_roles", "buying_roles.csv", "contact_id,role\nK1,decider\nK1,payer\nK2,user\n");
        ImportText(workspace, "supply_links", "supply_links.csv", "seller_id,buyer_id\nC1,C3\nC2,C3\n");
        OverrideTable.Set(workspace, "C1", "ladder", "advocate", "spoke for us", null, Noon);
        workspace.Execute("""
            INSERT INTO snapshot_customers (as_of, customer_id, name) VALUES ('2024-06-30', 'C1', 'Acme'), ('2024-06-30', 'C2', 'Bolt'), ('2024-12-31', 'C1', 'Acme');
            INSERT INTO snapshot_product_lines (as_of, customer_id, product_line, class, stored_reason) VALUES ('2024-06-30', 'C1', 'tea', 'customer', 'bought'), ('2024-06-30', 'C2', 'tea', 'customer', 'bought');
            INSERT INTO snapshot_buying_roles VALUES ('2024-06-30', 'C1', 'K1', 'Bea', NULL, 'decider', 1, false);
            INSERT INTO snapshots (as_of, created_at, time_unit, horizon_days, customers, scoring_method, options, report)
            VALUES ('2024-06-30', '2024-07-01', 'week', 365, 2, 'rfm', '{}', '{}'), ('2024-12-31', '2025-01-01', 'week', 365, 1, 'rfm', '{}', '{}');
            """);
        return workspace;
    }

    [Fact]
    public void Undoing_an_orders_import_removes_its_rows_its_record_and_the_customers_only_it_named_and_the_file_imports_again()
    {
        using var workspace = NewWorkspace();
        ImportText(workspace, "customers", "c.csv", "customer_id,name\nC1,Ada\n");
        var orders = "order_id,customer_id,ordered_at,amount\nO1,C1,2024-01-05,10\nO2,C3,2024-02-05,20\nO3,C3,2024-03-05,30\n";
        var id = ImportText(workspace, "orders", "o.csv", orders);

        var done = ImportUndo.Apply(workspace, id, "ana", Noon);

        Assert.Equal([new TableRows("customers", 1), new TableRows("orders", 3)], done.Removed.OrderBy(t => t.Table));
        Assert.Equal(0, done.CustomersKept);
        Assert.Equal(0, RowCounts(workspace)["orders"]);
        Assert.Equal("C1", workspace.Scalar<string>("SELECT string_agg(customer_id, ',') FROM customers"));
        Assert.Equal([1], workspace.Imports().Select(i => i.ImportId));
        Assert.Equal(4, Count(workspace, $"SELECT rows_removed FROM undone_imports WHERE import_id = {id} AND undone_by = 'ana'"));
        var again = new Importer(workspace, TimeProvider.System).Import("orders", File("o.csv", orders), new ImportOptions(), null, TestContext.Current.CancellationToken);
        Assert.Null(again.PreviousImport);
        Assert.Equal(3, again.RowsAdded);
        Assert.Equal(id + 1, again.ImportId);
    }

    [Fact]
    public void A_customer_of_the_undone_import_that_another_import_names_is_kept_as_a_bare_id_of_the_earliest_such_import()
    {
        using var workspace = NewWorkspace();
        var customers = ImportText(workspace, "customers", "c.csv", "customer_id,name,region\nC1,Ada,North\nC2,Bolt,South\n");
        var orders = ImportText(workspace, "orders", "o.csv", "order_id,customer_id,ordered_at,amount\nO1,C1,2024-01-05,10\n");
        var interactions = ImportText(workspace, "interactions", "i.csv", "customer_id,occurred_at,kind\nC1,2024-01-06,visit\n");

        var plan = ImportUndo.Plan(workspace, customers);
        Assert.Equal([new TableRows("customers", 1)], plan.Removed);
        Assert.Equal(1, plan.CustomersKept);
        ImportUndo.Apply(workspace, customers, null, Noon);

        Assert.Equal(1, Count(workspace, "SELECT count(*) FROM customers"));
        Assert.Equal(1, Count(workspace, $"SELECT count(*) FROM customers WHERE customer_id = 'C1' AND name IS NULL AND region IS NULL AND import_id = {orders}"));
        Assert.True(interactions > orders);
    }

    [Fact]
    public void A_row_updated_by_a_later_import_belongs_to_that_import_and_goes_only_with_it()
    {
        using var workspace = NewWorkspace();
        var first = ImportText(workspace, "customers", "c1.csv", "customer_id,name\nC1,Ada\n");
        var second = ImportText(workspace, "customers", "c2.csv", "customer_id,name\nC1,Ada Lovelace\n");

        Assert.Empty(ImportUndo.Plan(workspace, first).Removed);
        ImportUndo.Apply(workspace, first, null, Noon);
        Assert.Equal("Ada Lovelace", workspace.Scalar<string>("SELECT name FROM customers"));

        Assert.Equal([new TableRows("customers", 1)], ImportUndo.Apply(workspace, second, null, Noon).Removed);
        Assert.Equal(0, Count(workspace, "SELECT count(*) FROM customers"));
    }

    [Fact]
    public void The_buying_roles_of_the_undone_imports_contacts_go_with_them()
    {
        using var workspace = NewWorkspace();
        ImportText(workspace, "customers", "c.csv", "customer_id,name\nC1,Acme\n");
        var contacts = ImportText(workspace, "contacts", "k.csv", "contact_id,customer_id,name\nK1,C1,Bea\nK2,C1,Cy\n");
        ImportText(workspace, "buying_roles", "r.csv", "contact_id,role\nK1,decider\nK2,payer\nK2,user\n");

        var done = ImportUndo.Apply(workspace, contacts, null, Noon);

        Assert.Equal([new TableRows("buying_roles", 3), new TableRows("contacts", 2)], done.Removed.OrderBy(t => t.Table));
        Assert.Equal(1, RowCounts(workspace)["customers"]);
    }

    [Fact]
    public void The_plan_changes_nothing_and_names_what_the_undo_then_removes()
    {
        using var workspace = NewWorkspace();
        ImportText(workspace, "customers", "c.csv", "customer_id,name\nC1,Ada\n");
        var id = ImportText(workspace, "orders", "o.csv", "customer_id,ordered_at,amount\nC1,2024-01-05,10\nC2,2024-01-06,20\n");
        var before = RowCounts(workspace);

        var plan = ImportUndo.Plan(workspace, id);

        Assert.Equal(before, RowCounts(workspace));
        Assert.Equal(2, workspace.Imports().Count);
        Assert.Null(plan.LatestAnalysis);
        Assert.Equal(plan.Removed, ImportUndo.Apply(workspace, id, null, Noon).Removed);
    }

    [Fact]
    public void An_unknown_import_is_refused_with_the_ids_there_are()
    {
        using var workspace = NewWorkspace();
        ImportText(workspace, "customers", "c.csv", "customer_id\nC1\n");
        var failure = Assert.Throws<NotFoundException>(() => ImportUndo.Plan(workspace, 7));
        Assert.Equal("there is no import #7: the workspace records imports #1 (`clientele status` lists them).", failure.Message);
    }

    [Fact]
    public void Erasing_removes_every_row_that_names_the_customer_in_every_table_and_analysis_and_nothing_else()
    {
        using var workspace = ErasureWorkspace();
        var done = CustomerErasure.Apply(workspace, "C1", "dpo", Noon);

        Assert.Equal(
            new Dictionary<string, long>
            {
                ["buying_roles"] = 2, ["customers"] = 1, ["contacts"] = 1, ["supply_links"] = 1, ["orders"] = 2, ["interactions"] = 1,
                ["referrals"] = 2, ["overrides"] = 1, ["snapshot_customers"] = 2, ["snapshot_product_lines"] = 1, ["snapshot_buying_roles"] = 1,
            },
            done.Removed.ToDictionary(t => t.Table, t => t.Rows));
        Assert.Equal(2, done.Cleared);
        var everywhere = new[]
        {
            "SELECT count(*) FROM customers WHERE 'C1' IN (customer_id, parent_id, referred_by)",
            "SELECT count(*) FROM referrals WHERE 'C1' IN (referrer_id, referred_id)",
            "SELECT count(*) FROM supply_links WHERE 'C1' IN (seller_id, buyer_id)",
            "SELECT count(*) FROM buying_roles WHERE contact_id = 'K1'",
        };
        Assert.All(everywhere, sql => Assert.Equal(0, Count(workspace, sql)));
        Assert.Equal(2, Count(workspace, "SELECT count(*) FROM customers"));
        Assert.Equal(2, Count(workspace, "SELECT count(*) FROM orders"));
        Assert.Equal(1, Count(workspace, "SELECT count(*) FROM snapshot_customers"));
        Assert.Equal(1, Count(workspace, "SELECT count(*) FROM buying_roles"));
        // Each analysis that held the customer counts one fewer.
        Assert.Equal([(new DateOnly(2024, 6, 30), 1L), (new DateOnly(2024, 12, 31), 0L)], SnapshotQuery.List(workspace).Select(s => (s.AsOf, s.Customers)));
        AssertCustomersCounted(workspace);
    }

    /// <summary>Each analysis's count of customers (kept as live updates and erasures move it) is the number of its rows.</summary>
    internal static void AssertCustomersCounted(Workspace workspace)
    {
        foreach (var snapshot in SnapshotQuery.List(workspace))
            Assert.True(Count(workspace, $"SELECT count(*) FROM snapshot_customers WHERE as_of = DATE '{snapshot.AsOf:yyyy-MM-dd}'") == snapshot.Customers,
                $"the analysis as of {snapshot.AsOf:yyyy-MM-dd} counts {snapshot.Customers} customers");
    }

    [Fact]
    public void The_erasure_is_recorded_with_when_by_whom_and_a_salted_hash_never_the_id()
    {
        using var workspace = ErasureWorkspace();
        CustomerErasure.Apply(workspace, "C1", "dpo", Noon);

        var hash = workspace.Scalar<string>("SELECT customer_hash FROM erasures WHERE erased_by = 'dpo' AND erased_at = '2025-03-01 12:00:00'")!;
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(CustomerErasure.Hash(workspace, "C1"), hash);
        Assert.NotEqual(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("C1"u8)).ToLowerInvariant(), hash);
        Assert.Equal(0, Count(workspace, "SELECT count(*) FROM erasures WHERE customer_hash LIKE '%C1%' OR erased_by LIKE '%C1%'"));
    }

    [Fact]
    public void The_next_summary_no_longer_sees_the_customer()
    {
        using var workspace = ErasureWorkspace();
        Assert.Contains("C1", CustomerSummaryQuery.Run(workspace).CustomerId);
        CustomerErasure.Apply(workspace, "C1", null, Noon);
        Assert.Equal(["C2", "C3"], CustomerSummaryQuery.Run(workspace).CustomerId.Order());
    }

    [Fact]
    public void The_plan_changes_nothing_and_an_unknown_customer_is_refused_with_nothing_recorded()
    {
        using var workspace = ErasureWorkspace();
        var before = workspace.CountRows();
        Assert.Equal(CustomerErasure.Plan(workspace, "C2").Removed.Sum(t => t.Rows), CustomerErasure.Plan(workspace, "C2").RowsRemoved);
        Assert.Equal(before, workspace.CountRows());
        var failure = Assert.Throws<NotFoundException>(() => CustomerErasure.Apply(workspace, "c2", null, Noon));
        Assert.Contains("unknown customer 'c2'", failure.Message);
        Assert.Equal(0, Count(workspace, "SELECT count(*) FROM erasures"));
        Assert.Equal(before, workspace.CountRows());
    }
}
