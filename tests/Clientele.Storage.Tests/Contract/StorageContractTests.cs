using Clientele.Storage.Schema;
using Clientele.Tables;

namespace Clientele.Storage.Tests.Contract;

/// <summary>
/// The storage contract, run once per provider (Dapper's way): every test here runs on a DuckDB file
/// (<see cref="DuckDbStorageTests"/>) and on a PostgreSQL database (<see cref="PostgresStorageTests"/>) and must give the
/// same result on both. A provider's class says only how to name a new workspace and how to remove it. This part: the
/// schema (creation, opening again, versions and upgrades, metadata).
/// </summary>
public abstract partial class StorageContractTests : IDisposable
{
    private readonly List<string> _locations = [];

    /// <summary>Where a new workspace may be made: a file path nobody used, or the URL of a database that does not exist yet.</summary>
    protected abstract string NewLocation();

    /// <summary>Removes what a test made at a location (its workspace closed).</summary>
    protected abstract void Remove(string location);

    /// <summary>A location this test owns; removed when the test ends.</summary>
    protected string Location()
    {
        var location = NewLocation();
        _locations.Add(location);
        return location;
    }

    /// <summary>A new workspace at a location this test owns.</summary>
    protected Workspace NewWorkspace() => Workspace.Create(Location());

    /// <summary>How the CDNOW master log is imported (docs/importing.md's worked example).</summary>
    protected static readonly Clientele.Storage.Import.ImportOptions CdnowImport = new()
    {
        Delimiter = Clientele.Storage.Import.Delimiter.Whitespace,
        DateFormat = "yyyyMMdd",
        Map = new Dictionary<string, string> { ["ordered_at"] = "date", ["quantity"] = "number_of_cds", ["amount"] = "dollar_value" },
    };

    /// <summary>Writes the demo company of <paramref name="options"/> into <paramref name="folder"/>/data and imports every canonical file of it into <paramref name="workspace"/>.</summary>
    internal static Clientele.Simulation.SimulationResult ImportDemo(Workspace workspace, string folder, Clientele.Simulation.SimulationOptions options)
    {
        var simulation = Clientele.Simulation.CompanySimulator.WriteFiles(options, Path.Combine(folder, "data"), cancellationToken: TestContext.Current.CancellationToken);
        var importer = new Clientele.Storage.Import.Importer(workspace);
        foreach (var file in simulation.Files.Where(f => Tables.CanonicalTables.Find(f.Table) is not null))
            importer.Import(Tables.CanonicalTables.Find(file.Table)!, file.Path, new Clientele.Storage.Import.ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);
        return simulation;
    }

    public void Dispose()
    {
        foreach (var location in _locations) Remove(location);
        _files?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void A_new_workspace_has_every_canonical_table_empty_and_the_current_schema_version()
    {
        using var workspace = NewWorkspace();
        Assert.Equal(CanonicalTables.All.Select(t => t.Name), workspace.CountRows().Select(p => p.Key));
        Assert.All(workspace.CountRows(), p => Assert.Equal(0, p.Value));
        Assert.Equal(WorkspaceSchema.CurrentVersion, workspace.SchemaVersion);
        Assert.Empty(workspace.Imports());
    }

    [Fact]
    public void Every_table_has_the_columns_and_types_a_DuckDB_workspace_has_in_the_same_order()
    {
        using var reference = new TempWorkspace();
        using var workspace = NewWorkspace();
        var expected = SchemaColumns.Of(reference.Workspace!);
        Assert.Contains(expected, c => c.Table == "snapshot_customers" && c.Column == "p_alive" && c.Type == "DOUBLE");
        Assert.Contains(expected, c => c.Table == "orders" && c.Column == WorkspaceSchema.RowHashColumn && c.Type == "UBIGINT");
        Assert.Equal(expected, SchemaColumns.Of(workspace));
    }

    [Fact]
    public void A_workspace_opened_again_is_the_same_workspace()
    {
        var location = Location();
        using (var workspace = Workspace.Create(location)) workspace.SetMeta("note", "kept");
        Assert.True(Workspace.Exists(location));
        using var again = Workspace.Open(location);
        Assert.Equal("kept", again.Meta("note"));
        Assert.Equal(WorkspaceSchema.CurrentVersion, again.SchemaVersion);
        using var another = again.Connect();
        Assert.Equal("kept", another.Meta("note"));
    }

    [Fact]
    public void Creating_a_workspace_where_one_is_refuses_and_leaves_it_as_it_was()
    {
        var location = Location();
        using (var workspace = Workspace.Create(location)) workspace.SetMeta("note", "first");
        var refused = Assert.Throws<WorkspaceException>(() => Workspace.Create(location));
        Assert.Matches("exists already|holds a workspace already", refused.Message);
        using var again = Workspace.Open(location);
        Assert.Equal("first", again.Meta("note"));
    }

    [Fact]
    public void Opening_where_there_is_no_workspace_refuses_and_says_to_run_init()
    {
        var location = Location();
        Assert.False(Workspace.Exists(location));
        var refused = Assert.Throws<WorkspaceException>(() => Workspace.Open(location));
        Assert.Contains("clientele init", refused.Message, StringComparison.Ordinal);
        using var created = Workspace.OpenOrCreate(location, out var wasCreated);
        Assert.True(wasCreated);
        Assert.Equal(WorkspaceSchema.CurrentVersion, created.SchemaVersion);
    }

    [Fact]
    public void A_version_1_workspace_is_upgraded_through_every_version_to_the_tables_of_a_new_one()
    {
        var location = Location();
        using (var workspace = Workspace.Create(location))
        {
            workspace.Execute("INSERT INTO customers (customer_id, name) VALUES ('C1', 'Ada')");
            // What version 1 had: no model fits, snapshot, access or removal tables, no columns of version 5.
            foreach (var table in new[] { "model_fits", "snapshots", "snapshot_customers", "snapshot_product_lines", "snapshot_buying_roles",
                         "snapshot_segments", "snapshot_first_purchases", "class_changes", "users", "api_keys", "data_protection_keys", "undone_imports", "erasures" })
                workspace.Execute($"DROP TABLE {table}");
            workspace.Execute("ALTER TABLE orders DROP COLUMN period_start");
            workspace.Execute("ALTER TABLE interactions DROP COLUMN product_id");
            workspace.Execute("DROP TABLE customer_days");
            workspace.Execute("UPDATE clientele_meta SET value = '1' WHERE key = 'schema_version'");
        }
        using var upgraded = Workspace.Open(location);
        Assert.Equal(WorkspaceSchema.CurrentVersion, upgraded.SchemaVersion);
        using var fresh = NewWorkspace();
        Assert.Equal(SchemaColumns.Unordered(fresh), SchemaColumns.Unordered(upgraded));
        Assert.Equal("Ada", upgraded.Scalar<string>("SELECT name FROM customers WHERE customer_id = 'C1'"));
    }

    [Fact]
    public void A_version_10_workspace_keeps_its_buying_center_and_product_line_reasons_as_stored_when_upgraded()
    {
        var location = Location();
        const string buyingCenter = "incomplete: payer K1 (CFO, 0.73); missing \"decider\", é";
        const string line = "customer: 3 completed orders of wine";
        using (var workspace = Workspace.Create(location))
        {
            // What version 10 had: the buying center's reason as text, no figures for it; each product line's reason as text.
            workspace.Execute("ALTER TABLE snapshot_customers ADD COLUMN buying_center_reason VARCHAR");
            foreach (var figure in Clientele.Storage.Snapshots.SnapshotSchema.ReasonFigureColumns.Where(f => f.Name.StartsWith("buying_center_", StringComparison.Ordinal)))
                workspace.Execute($"ALTER TABLE snapshot_customers DROP COLUMN {figure.Name}");
            foreach (var column in Clientele.Storage.Snapshots.SnapshotSchema.ProductLineColumns.Where(c => c.Name != Clientele.Storage.Snapshots.SnapshotSchema.ProductLineStoredReason))
                workspace.Execute($"ALTER TABLE snapshot_product_lines DROP COLUMN {column.Name}");
            workspace.Execute($"ALTER TABLE snapshot_product_lines RENAME COLUMN {Clientele.Storage.Snapshots.SnapshotSchema.ProductLineStoredReason} TO reason");
            using (var row = workspace.Command("INSERT INTO snapshot_customers (as_of, customer_id, buying_center, buying_center_reason) VALUES (DATE '2025-01-31', 'C1', 'incomplete', $text)", ("text", buyingCenter)))
                row.ExecuteNonQuery();
            using (var row = workspace.Command("INSERT INTO snapshot_product_lines (as_of, customer_id, product_line, class, reason) VALUES (DATE '2025-01-31', 'C1', 'wine', 'customer', $text)", ("text", line)))
                row.ExecuteNonQuery();
            workspace.Execute("DROP TABLE data_protection_keys");
            workspace.Execute("DROP TABLE customer_days");
            workspace.Execute("UPDATE clientele_meta SET value = '10' WHERE key = 'schema_version'");
        }
        using var upgraded = Workspace.Open(location);
        Assert.Equal(WorkspaceSchema.CurrentVersion, upgraded.SchemaVersion);
        using var fresh = NewWorkspace();
        Assert.Equal(SchemaColumns.Unordered(fresh), SchemaColumns.Unordered(upgraded));
        var stored = Clientele.Storage.Snapshots.SnapshotSchema.StoredReasonsColumn;
        Assert.Equal(buyingCenter, upgraded.Scalar<string>($"SELECT {upgraded.Dialect.JsonText(stored, "buying_center")} FROM snapshot_customers WHERE customer_id = 'C1'"));
        Assert.Equal("incomplete", upgraded.Scalar<string>("SELECT buying_center FROM snapshot_customers WHERE customer_id = 'C1'"));
        Assert.Equal(line, upgraded.Scalar<string>($"SELECT {Clientele.Storage.Snapshots.SnapshotSchema.ProductLineStoredReason} FROM snapshot_product_lines WHERE customer_id = 'C1'"));
        Assert.Equal(1, upgraded.Scalar<long>("SELECT count(*) FROM snapshot_product_lines WHERE orders IS NULL AND class = 'customer'"));
    }

    [Fact]
    public void A_workspace_of_a_newer_build_is_refused()
    {
        var location = Location();
        using (var workspace = Workspace.Create(location))
            workspace.SetMeta("schema_version", (WorkspaceSchema.CurrentVersion + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var refused = Assert.Throws<WorkspaceException>(() => Workspace.Open(location));
        Assert.Contains("made by a newer Clientele", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_is_stored_replaced_and_removed()
    {
        using var workspace = NewWorkspace();
        Assert.Null(workspace.Meta("money_format"));
        workspace.SetMeta("money_format", "one");
        workspace.SetMeta("money_format", "two");
        Assert.Equal("two", workspace.Meta("money_format"));
        workspace.DeleteMeta("money_format");
        workspace.DeleteMeta("money_format");
        Assert.Null(workspace.Meta("money_format"));
    }
}
