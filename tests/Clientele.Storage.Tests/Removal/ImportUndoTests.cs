using Clientele.Storage.Import;
using Clientele.Storage.Removal;

namespace Clientele.Storage.Tests.Removal;

/// <summary>Undoing an import: its rows go, whole; the rules for customers others still name, updated rows and contacts' roles.</summary>
public sealed class ImportUndoTests : IDisposable
{
    private static readonly DateTime Noon = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly TempWorkspace _temp = new();

    private Workspace Workspace => _temp.Workspace!;

    private int Import(string table, string name, string content) =>
        new Importer(Workspace, TimeProvider.System).Import(table, _temp.File(name, content), new ImportOptions(), null, TestContext.Current.CancellationToken).ImportId ?? throw new InvalidOperationException("identical to an earlier import");

    private long Count(string sql) => Workspace.Scalar<long>(sql);

    private Dictionary<string, long> Rows() => Workspace.CountRows().ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void Undoing_an_orders_import_removes_its_rows_its_record_and_the_customers_only_it_named_and_the_file_imports_again()
    {
        Import("customers", "c.csv", "customer_id,name\nC1,Ada\n");
        var orders = "order_id,customer_id,ordered_at,amount\nO1,C1,2024-01-05,10\nO2,C3,2024-02-05,20\nO3,C3,2024-03-05,30\n";
        var id = Import("orders", "o.csv", orders);

        var done = ImportUndo.Apply(Workspace, id, "ana", Noon);

        Assert.Equal([new TableRows("customers", 1), new TableRows("orders", 3)], done.Removed.OrderBy(t => t.Table));
        Assert.Equal(0, done.CustomersKept);
        Assert.Equal(0, Rows()["orders"]);
        Assert.Equal("C1", Workspace.Scalar<string>("SELECT string_agg(customer_id, ',') FROM customers"));
        Assert.Equal([1], Workspace.Imports().Select(i => i.ImportId));
        Assert.Equal(4, Count($"SELECT rows_removed FROM undone_imports WHERE import_id = {id} AND undone_by = 'ana'"));
        var again = new Importer(Workspace, TimeProvider.System).Import("orders", _temp.File("o.csv", orders), new ImportOptions(), null, TestContext.Current.CancellationToken);
        Assert.Null(again.PreviousImport);
        Assert.Equal(3, again.RowsAdded);
        Assert.Equal(id + 1, again.ImportId);
    }

    [Fact]
    public void A_customer_of_the_undone_import_that_another_import_names_is_kept_as_a_bare_id_of_the_earliest_such_import()
    {
        var customers = Import("customers", "c.csv", "customer_id,name,region\nC1,Ada,North\nC2,Bolt,South\n");
        var orders = Import("orders", "o.csv", "order_id,customer_id,ordered_at,amount\nO1,C1,2024-01-05,10\n");
        var interactions = Import("interactions", "i.csv", "customer_id,occurred_at,kind\nC1,2024-01-06,visit\n");

        var plan = ImportUndo.Plan(Workspace, customers);
        Assert.Equal([new TableRows("customers", 1)], plan.Removed);
        Assert.Equal(1, plan.CustomersKept);
        ImportUndo.Apply(Workspace, customers, null, Noon);

        Assert.Equal(1, Count("SELECT count(*) FROM customers"));
        Assert.Equal(1, Count($"SELECT count(*) FROM customers WHERE customer_id = 'C1' AND name IS NULL AND region IS NULL AND import_id = {orders}"));
        Assert.True(interactions > orders);
    }

    [Fact]
    public void A_row_updated_by_a_later_import_belongs_to_that_import_and_goes_only_with_it()
    {
        var first = Import("customers", "c1.csv", "customer_id,name\nC1,Ada\n");
        var second = Import("customers", "c2.csv", "customer_id,name\nC1,Ada Lovelace\n");

        Assert.Empty(ImportUndo.Plan(Workspace, first).Removed);
        ImportUndo.Apply(Workspace, first, null, Noon);
        Assert.Equal("Ada Lovelace", Workspace.Scalar<string>("SELECT name FROM customers"));

        Assert.Equal([new TableRows("customers", 1)], ImportUndo.Apply(Workspace, second, null, Noon).Removed);
        Assert.Equal(0, Count("SELECT count(*) FROM customers"));
    }

    [Fact]
    public void The_buying_roles_of_the_undone_imports_contacts_go_with_them()
    {
        Import("customers", "c.csv", "customer_id,name\nC1,Acme\n");
        var contacts = Import("contacts", "k.csv", "contact_id,customer_id,name\nK1,C1,Bea\nK2,C1,Cy\n");
        Import("buying_roles", "r.csv", "contact_id,role\nK1,decider\nK2,payer\nK2,user\n");

        var done = ImportUndo.Apply(Workspace, contacts, null, Noon);

        Assert.Equal([new TableRows("buying_roles", 3), new TableRows("contacts", 2)], done.Removed.OrderBy(t => t.Table));
        Assert.Equal(1, Rows()["customers"]);
    }

    [Fact]
    public void The_plan_changes_nothing_and_names_what_the_undo_then_removes()
    {
        Import("customers", "c.csv", "customer_id,name\nC1,Ada\n");
        var id = Import("orders", "o.csv", "customer_id,ordered_at,amount\nC1,2024-01-05,10\nC2,2024-01-06,20\n");
        var before = Rows();

        var plan = ImportUndo.Plan(Workspace, id);

        Assert.Equal(before, Rows());
        Assert.Equal(2, Workspace.Imports().Count);
        Assert.Null(plan.LatestAnalysis);
        Assert.Equal(plan.Removed, ImportUndo.Apply(Workspace, id, null, Noon).Removed);
    }

    [Fact]
    public void An_unknown_import_is_refused_with_the_ids_there_are()
    {
        Import("customers", "c.csv", "customer_id\nC1\n");
        var failure = Assert.Throws<NotFoundException>(() => ImportUndo.Plan(Workspace, 7));
        Assert.Equal("there is no import #7: the workspace records imports #1 (`clientele status` lists them).", failure.Message);
    }

    public void Dispose() => _temp.Dispose();
}
