using Clientele.Storage.Import;
using Clientele.Storage.Removal;
using Clientele.Storage.Summary;

namespace Clientele.Storage.Tests.Removal;

/// <summary>Erasing a customer: every row naming it goes, in every table and analysis; only the fact is recorded.</summary>
public sealed class CustomerErasureTests : IDisposable
{
    private static readonly DateTime Noon = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly TempWorkspace _temp = new();

    private Workspace Workspace => _temp.Workspace!;

    public CustomerErasureTests()
    {
        Import("customers", "customer_id,name,kind,parent_id,referred_by\nC1,Acme,organization,,\nC2,Bolt,organization,C1,\nC3,Cy,person,,C1\n");
        Import("orders", "customer_id,ordered_at,amount\nC1,2024-01-05,10\nC1,2024-02-05,15\nC2,2024-01-07,20\nC3,2024-01-08,5\n");
        Import("interactions", "customer_id,occurred_at,kind\nC1,2024-01-06,visit\nC2,2024-01-06,visit\n");
        Import("referrals", "referrer_id,referred_id\nC1,C3\nC2,C1\nC2,C3\n");
        Import("contacts", "contact_id,customer_id,name\nK1,C1,Bea\nK2,C2,Dan\n");
        Import("buying_roles", "contact_id,role\nK1,decider\nK1,payer\nK2,user\n");
        Import("supply_links", "seller_id,buyer_id\nC1,C3\nC2,C3\n");
        OverrideTable.Set(Workspace, "C1", "ladder", "advocate", "spoke for us", null, Noon);
        Workspace.Execute("""
            INSERT INTO snapshot_customers (as_of, customer_id, name) VALUES ('2024-06-30', 'C1', 'Acme'), ('2024-06-30', 'C2', 'Bolt'), ('2024-12-31', 'C1', 'Acme');
            INSERT INTO snapshot_product_lines (as_of, customer_id, product_line, class, stored_reason) VALUES ('2024-06-30', 'C1', 'tea', 'customer', 'bought'), ('2024-06-30', 'C2', 'tea', 'customer', 'bought');
            INSERT INTO snapshot_buying_roles VALUES ('2024-06-30', 'C1', 'K1', 'Bea', NULL, 'decider', 1, false);
            """);
    }

    private int _files;

    private void Import(string table, string content) =>
        new Importer(Workspace, TimeProvider.System).Import(table, _temp.File($"f{_files++}.csv", content), new ImportOptions(), null, TestContext.Current.CancellationToken);

    private long Count(string sql) => Workspace.Scalar<long>(sql);

    [Fact]
    public void Erasing_removes_every_row_that_names_the_customer_in_every_table_and_analysis_and_nothing_else()
    {
        var done = CustomerErasure.Apply(Workspace, "C1", "dpo", Noon);

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
        Assert.All(everywhere, sql => Assert.Equal(0, Count(sql)));
        Assert.Equal(2, Count("SELECT count(*) FROM customers"));
        Assert.Equal(2, Count("SELECT count(*) FROM orders"));
        Assert.Equal(1, Count("SELECT count(*) FROM snapshot_customers"));
        Assert.Equal(1, Count("SELECT count(*) FROM buying_roles"));
    }

    [Fact]
    public void The_erasure_is_recorded_with_when_by_whom_and_a_salted_hash_never_the_id()
    {
        CustomerErasure.Apply(Workspace, "C1", "dpo", Noon);

        var hash = Workspace.Scalar<string>("SELECT customer_hash FROM erasures WHERE erased_by = 'dpo' AND erased_at = '2025-03-01 12:00:00'")!;
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(CustomerErasure.Hash(Workspace, "C1"), hash);
        Assert.NotEqual(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("C1"u8)).ToLowerInvariant(), hash);
        Assert.Equal(0, Count("SELECT count(*) FROM erasures WHERE customer_hash LIKE '%C1%' OR erased_by LIKE '%C1%'"));
    }

    [Fact]
    public void The_next_summary_no_longer_sees_the_customer()
    {
        Assert.Contains("C1", CustomerSummaryQuery.Run(Workspace).CustomerId);
        CustomerErasure.Apply(Workspace, "C1", null, Noon);
        Assert.Equal(["C2", "C3"], CustomerSummaryQuery.Run(Workspace).CustomerId.Order());
    }

    [Fact]
    public void The_plan_changes_nothing_and_an_unknown_customer_is_refused_with_nothing_recorded()
    {
        var before = Workspace.CountRows();
        Assert.Equal(CustomerErasure.Plan(Workspace, "C2").Removed.Sum(t => t.Rows), CustomerErasure.Plan(Workspace, "C2").RowsRemoved);
        Assert.Equal(before, Workspace.CountRows());
        var failure = Assert.Throws<NotFoundException>(() => CustomerErasure.Apply(Workspace, "c2", null, Noon));
        Assert.Contains("unknown customer 'c2'", failure.Message);
        Assert.Equal(0, Count("SELECT count(*) FROM erasures"));
        Assert.Equal(before, Workspace.CountRows());
    }

    public void Dispose() => _temp.Dispose();
}
