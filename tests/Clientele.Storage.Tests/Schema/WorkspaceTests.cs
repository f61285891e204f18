using Clientele.Classification;
using Clientele.Storage.Snapshots;
using DuckDB.NET.Data;

namespace Clientele.Storage.Tests.Schema;

/// <summary>Creating, opening and refusing workspaces.</summary>
public sealed class WorkspaceTests : IDisposable
{
    private readonly TempWorkspace _temp = new(create: false);

    [Fact]
    public void A_new_workspace_has_every_canonical_table_empty()
    {
        using var workspace = Workspace.Create(_temp.Path);
        Assert.Equal(Clientele.Tables.CanonicalTables.All.Select(t => t.Name), workspace.CountRows().Select(p => p.Key));
        Assert.All(workspace.CountRows(), p => Assert.Equal(0, p.Value));
        Assert.Equal(Clientele.Storage.Schema.WorkspaceSchema.CurrentVersion, workspace.SchemaVersion);
    }

    [Fact]
    public void Opening_deletes_what_a_killed_import_or_analysis_left_beside_it_and_nothing_else()
    {
        Workspace.Create(_temp.Path).Dispose();
        var prefix = System.IO.Path.Combine(_temp.Folder, Clientele.Storage.Import.ValidatedRows.TemporaryPrefix(_temp.Path));
        string[] left = [prefix + "0123.csv", prefix + "snapshot-customers-0123.csv", prefix + "snapshot-reasons-0123.bin"];
        foreach (var file in left) File.WriteAllText(file, "left by a killed process");
        var mine = _temp.File("orders.csv", "customer_id,ordered_at,amount\n");

        using (Workspace.Open(_temp.Path))
        {
            Assert.All(left, file => Assert.False(File.Exists(file), file));
            Assert.True(File.Exists(mine));
        }
    }

    [Fact]
    public void A_version_1_workspace_is_upgraded_through_every_version_when_opened_and_keeps_its_data()
    {
        using (var workspace = Workspace.Create(_temp.Path))
        {
            new Clientele.Storage.Import.Importer(workspace).Import("orders", System.IO.Path.Combine(_temp.Folder, WriteOrders()), new Clientele.Storage.Import.ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);
            // Make it what version 1 wrote: no model_fits, snapshot or access tables, no columns of version 5.
            using var command = workspace.Connection.CreateCommand();
            command.CommandText = "DROP TABLE model_fits; DROP TABLE snapshots; DROP TABLE snapshot_customers; DROP TABLE snapshot_product_lines; " +
                "DROP TABLE snapshot_buying_roles; DROP TABLE snapshot_segments; DROP TABLE class_changes; DROP TABLE users; DROP TABLE api_keys; DROP TABLE undone_imports; DROP TABLE erasures; " +
                "ALTER TABLE orders DROP COLUMN period_start; ALTER TABLE interactions DROP COLUMN product_id; DROP TABLE data_protection_keys; DROP TABLE customer_days; UPDATE clientele_meta SET value = '1' WHERE key = 'schema_version'";
            command.ExecuteNonQuery();
        }
        using (var upgraded = Workspace.Open(_temp.Path))
        {
            Assert.Equal(Clientele.Storage.Schema.WorkspaceSchema.CurrentVersion, upgraded.SchemaVersion);
            Assert.Equal(0, upgraded.Scalar<long>("SELECT count(*) FROM class_changes"));
            Assert.Equal(0, upgraded.Scalar<long>("SELECT count(*) FROM snapshot_customers WHERE live_at IS NOT NULL"));
            Assert.Equal(0, upgraded.Scalar<long>("SELECT count(*) FROM erasures"));
            Assert.Equal(0, upgraded.Scalar<long>("SELECT count(*) FROM users"));
            Assert.Empty(ModelFit.All(upgraded));
            Assert.Equal(0, upgraded.Scalar<long>("SELECT count(*) FROM snapshot_customers"));
            Assert.Equal(2, upgraded.CountRows().Single(p => p.Key == "orders").Value);
            // The purchase days are counted from the orders the workspace had: C1's two days, 1 and 2 spent.
            Assert.Equal(3m, upgraded.Scalar<decimal>("SELECT sum(spend) FROM customer_days WHERE customer_id = 'C1'"));
            Assert.Equal(2, upgraded.Scalar<long>("SELECT count(*) FROM customer_days"));
        }
    }

    [Fact]
    public void A_version_4_workspace_gains_the_period_start_and_interaction_product_columns_and_a_reimport_adds_nothing()
    {
        var orders = System.IO.Path.Combine(_temp.Folder, WriteOrders());
        using (var workspace = Workspace.Create(_temp.Path))
        {
            new Clientele.Storage.Import.Importer(workspace).Import("orders", orders, new Clientele.Storage.Import.ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);
            using var command = workspace.Connection.CreateCommand();
            command.CommandText = "ALTER TABLE orders DROP COLUMN period_start; ALTER TABLE interactions DROP COLUMN product_id; " +
                "DROP TABLE undone_imports; DROP TABLE erasures; DROP TABLE data_protection_keys; DROP TABLE customer_days; UPDATE clientele_meta SET value = '4' WHERE key = 'schema_version'";
            command.ExecuteNonQuery();
        }
        using var upgraded = Workspace.Open(_temp.Path);
        Assert.Equal(Clientele.Storage.Schema.WorkspaceSchema.CurrentVersion, upgraded.SchemaVersion);
        Assert.Equal(2, upgraded.Scalar<long>("SELECT count(*) FROM orders WHERE period_start IS NULL"));
        Assert.Equal(0, upgraded.Scalar<long>("SELECT count(*) FROM interactions WHERE product_id IS NOT NULL"));
        // The same rows in a file with another spelling (so not recognised by its bytes): matched by content.
        File.WriteAllText(orders, "customer_id,ordered_at,amount\nC1,2024-01-01T00:00:00,1.0\nC1,2024-01-02,2\n");
        var again = new Clientele.Storage.Import.Importer(upgraded).Import("orders", orders, new Clientele.Storage.Import.ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal((0L, 2L), (again.RowsAdded, again.RowsAlreadyPresent));
    }

    [Fact]
    public void A_version_6_workspace_gains_the_live_columns_and_the_class_changes_and_keeps_its_snapshot()
    {
        using (var workspace = Workspace.Create(_temp.Path))
        {
            Clientele.Storage.Tests.Snapshots.HandMadeSnapshots.InsertBoth(workspace.Connection);
            using var command = workspace.Connection.CreateCommand();
            command.CommandText = "ALTER TABLE snapshot_customers DROP COLUMN live_as_of; ALTER TABLE snapshot_customers DROP COLUMN live_at; " +
                "ALTER TABLE snapshot_customers DROP COLUMN live_import; DROP TABLE class_changes; DROP TABLE data_protection_keys; DROP TABLE customer_days; UPDATE clientele_meta SET value = '6' WHERE key = 'schema_version'";
            command.ExecuteNonQuery();
        }
        using var upgraded = Workspace.Open(_temp.Path);
        Assert.Equal(Clientele.Storage.Schema.WorkspaceSchema.CurrentVersion, upgraded.SchemaVersion);
        Assert.True(upgraded.Scalar<long>("SELECT count(*) FROM snapshot_customers WHERE live_as_of IS NULL AND live_at IS NULL AND live_import IS NULL") > 0);
        Assert.Equal(0, upgraded.Scalar<long>("SELECT count(*) FROM class_changes"));
    }

    [Fact]
    public void A_version_7_workspace_gains_the_learned_first_purchases_table_empty_so_live_updates_read_the_order_log()
    {
        DateOnly asOf;
        using (var workspace = Workspace.Create(_temp.Path))
        {
            Clientele.Storage.Tests.Snapshots.HandMadeSnapshots.InsertBoth(workspace.Connection);
            asOf = DateOnly.Parse(workspace.Scalar<string>("SELECT CAST(max(as_of) AS VARCHAR) FROM snapshots")!, System.Globalization.CultureInfo.InvariantCulture);
            using var command = workspace.Connection.CreateCommand();
            command.CommandText = "DROP TABLE snapshot_first_purchases; DROP TABLE data_protection_keys; DROP TABLE customer_days; UPDATE clientele_meta SET value = '7' WHERE key = 'schema_version'";
            command.ExecuteNonQuery();
        }
        using var upgraded = Workspace.Open(_temp.Path);
        Assert.Equal(Clientele.Storage.Schema.WorkspaceSchema.CurrentVersion, upgraded.SchemaVersion);
        Assert.Equal(0, upgraded.Scalar<long>("SELECT count(*) FROM snapshot_first_purchases"));
        Assert.Null(Clientele.Storage.Snapshots.SnapshotFirstPurchases.LearnedOn(upgraded, asOf));
        Assert.True(upgraded.Scalar<long>("SELECT count(*) FROM snapshot_customers") > 0);
    }

    [Fact]
    public void A_version_8_workspace_keeps_the_reason_text_its_analyses_stored_where_reasons_are_now_rendered_when_read()
    {
        var rendered = Dimensions.All.Where(d => !SnapshotSchema.StoresReason(d)).ToList();
        Assert.NotEmpty(rendered);
        using (var workspace = Workspace.Create(_temp.Path))
        {
            Clientele.Storage.Tests.Snapshots.HandMadeSnapshots.InsertBoth(workspace.Connection);
            // Make it what version 8 wrote: a reason column per dimension, holding the text; no stored reasons, figures or overrides applied.
            foreach (var d in rendered)
            {
                workspace.Execute($"ALTER TABLE snapshot_customers ADD COLUMN {SnapshotSchema.ReasonColumn(d)} VARCHAR");
                workspace.Execute($"UPDATE snapshot_customers SET {SnapshotSchema.ReasonColumn(d)} = json_extract_string({SnapshotSchema.StoredReasonsColumn}, '$.{d}')");
            }
            foreach (var column in SnapshotSchema.ReasonFigureColumns.Select(f => f.Name).Append(SnapshotSchema.StoredReasonsColumn))
                workspace.Execute($"ALTER TABLE snapshot_customers DROP COLUMN {column}");
            workspace.Execute("DROP TABLE snapshot_overrides; DROP TABLE data_protection_keys; DROP TABLE customer_days; UPDATE clientele_meta SET value = '8' WHERE key = 'schema_version'");
        }
        using var upgraded = Workspace.Open(_temp.Path);
        Assert.Equal(Clientele.Storage.Schema.WorkspaceSchema.CurrentVersion, upgraded.SchemaVersion);
        Assert.Equal(0, upgraded.Scalar<long>($"SELECT count(*) FROM information_schema.columns WHERE table_name = 'snapshot_customers' AND column_name IN ({string.Join(", ", rendered.Select(d => $"'{SnapshotSchema.ReasonColumn(d)}'"))})"));
        var profile = SnapshotQuery.Profile(upgraded, "C1", DateOnly.Parse(Clientele.Storage.Tests.Snapshots.HandMadeSnapshots.Second, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("VIP because of C1", profile.Classes.Single(c => c.Dimension == Dimensions.ValueTier).Reason);
        Assert.All(rendered, d => Assert.Equal(profile.Classes.Single(c => c.Dimension == d).Class is { } c ? $"{c} because of C1" : null,
            profile.Classes.Single(c => c.Dimension == d).Reason));
        Assert.Equal(0, upgraded.Scalar<long>("SELECT count(*) FROM snapshot_overrides"));
    }

    [Fact]
    public void A_version_9_workspace_keeps_every_reason_as_stored_its_older_rows_moved_beside_the_text_version_9_had_moved()
    {
        // Version 9 rendered the value tier's and churn status's reasons; every other dimension rendered now stored text.
        string[] renderedAt9 = [Dimensions.ValueTier, Dimensions.ChurnStatus];
        var renderedSince = Dimensions.All.Where(d => !SnapshotSchema.StoresReason(d) && !renderedAt9.Contains(d)).ToList();
        Assert.NotEmpty(renderedSince);
        using (var workspace = Workspace.Create(_temp.Path))
        {
            Clientele.Storage.Tests.Snapshots.HandMadeSnapshots.InsertBoth(workspace.Connection);
            // Make it what version 9 wrote: the newly rendered dimensions' text in reason columns, the older rows' JSON holding
            // only the two dimensions version 9 had moved, and one row written at version 9 (no JSON: its two reasons rendered).
            foreach (var d in renderedSince)
            {
                workspace.Execute($"ALTER TABLE snapshot_customers ADD COLUMN {SnapshotSchema.ReasonColumn(d)} VARCHAR");
                workspace.Execute($"UPDATE snapshot_customers SET {SnapshotSchema.ReasonColumn(d)} = json_extract_string({SnapshotSchema.StoredReasonsColumn}, '$.{d}')");
            }
            workspace.Execute($"UPDATE snapshot_customers SET {SnapshotSchema.StoredReasonsColumn} = json_object({string.Join(", ", renderedAt9.Select(d => $"'{d}', json_extract_string({SnapshotSchema.StoredReasonsColumn}, '$.{d}')"))})::VARCHAR");
            workspace.Execute($"UPDATE snapshot_customers SET {SnapshotSchema.StoredReasonsColumn} = NULL WHERE customer_id = 'C2'");
            foreach (var figure in SnapshotSchema.ReasonFigureColumns.Where(f => !renderedAt9.Any(d => f.Name.StartsWith(d + "_", StringComparison.Ordinal))))
                workspace.Execute($"ALTER TABLE snapshot_customers DROP COLUMN {figure.Name}");
            workspace.Execute("DROP TABLE data_protection_keys; DROP TABLE customer_days; UPDATE clientele_meta SET value = '9' WHERE key = 'schema_version'");
        }
        using var upgraded = Workspace.Open(_temp.Path);
        Assert.Equal(Clientele.Storage.Schema.WorkspaceSchema.CurrentVersion, upgraded.SchemaVersion);
        Assert.Equal(0, upgraded.Scalar<long>($"SELECT count(*) FROM information_schema.columns WHERE table_name = 'snapshot_customers' AND column_name IN ({string.Join(", ", renderedSince.Select(d => $"'{SnapshotSchema.ReasonColumn(d)}'"))})"));
        Assert.All(SnapshotSchema.ReasonFigureColumns, f => Assert.Equal(1, upgraded.Scalar<long>(
            $"SELECT count(*) FROM information_schema.columns WHERE table_name = 'snapshot_customers' AND column_name = '{f.Name}'")));
        var second = DateOnly.Parse(Clientele.Storage.Tests.Snapshots.HandMadeSnapshots.Second, System.Globalization.CultureInfo.InvariantCulture);
        // An older row reads every reason as stored, those moved at 9 and those moved now.
        var profile = SnapshotQuery.Profile(upgraded, "C1", second);
        Assert.All(Dimensions.All.Where(d => !SnapshotSchema.StoresReason(d)), d => Assert.Equal(
            profile.Classes.Single(c => c.Dimension == d).Class is { } c ? $"{c} because of C1" : null, profile.Classes.Single(c => c.Dimension == d).Reason));
        // The row written at version 9 keeps the text moved now, and no key for the reasons it renders.
        foreach (var d in renderedSince)
            Assert.Equal(1, upgraded.Scalar<long>($"SELECT count(*) FROM snapshot_customers WHERE customer_id = 'C2' AND as_of = DATE '{second:yyyy-MM-dd}' AND json_extract({SnapshotSchema.StoredReasonsColumn}, '$.{d}') IS NOT NULL"));
        Assert.All(renderedAt9, d => Assert.Equal(0, upgraded.Scalar<long>(
            $"SELECT count(*) FROM snapshot_customers WHERE customer_id = 'C2' AND json_extract({SnapshotSchema.StoredReasonsColumn}, '$.{d}') IS NOT NULL")));
    }

    [Fact]
    public void A_version_10_workspace_reads_its_buying_centers_and_product_lines_reasons_as_stored()
    {
        // Version 10 rendered every dimension's reason but the buying center's, and stored each product line's as text.
        var second = DateOnly.Parse(Clientele.Storage.Tests.Snapshots.HandMadeSnapshots.Second, System.Globalization.CultureInfo.InvariantCulture);
        var reason = SnapshotSchema.ReasonColumn(Dimensions.BuyingCenter);
        var renderedAt10 = Dimensions.All.Where(d => d != Dimensions.BuyingCenter).ToList();
        using (var workspace = Workspace.Create(_temp.Path))
        {
            Clientele.Storage.Tests.Snapshots.HandMadeSnapshots.InsertBoth(workspace.Connection);
            // Make it what version 10 wrote: the buying center's text in its reason column, the older rows' JSON without it, one row
            // written at version 10 (no JSON), no buying-center figures; product lines with their reason text and no figures.
            workspace.Execute($"ALTER TABLE snapshot_customers ADD COLUMN {reason} VARCHAR");
            workspace.Execute($"UPDATE snapshot_customers SET {reason} = json_extract_string({SnapshotSchema.StoredReasonsColumn}, '$.{Dimensions.BuyingCenter}')");
            workspace.Execute($"UPDATE snapshot_customers SET {SnapshotSchema.StoredReasonsColumn} = json_object({string.Join(", ", renderedAt10.Select(d => $"'{d}', json_extract_string({SnapshotSchema.StoredReasonsColumn}, '$.{d}')"))})::VARCHAR");
            workspace.Execute($"UPDATE snapshot_customers SET {SnapshotSchema.StoredReasonsColumn} = NULL WHERE customer_id = 'C3' AND as_of = DATE '{second:yyyy-MM-dd}'");
            foreach (var figure in SnapshotSchema.ReasonFigureColumns.Where(f => f.Name.StartsWith(Dimensions.BuyingCenter + "_", StringComparison.Ordinal)))
                workspace.Execute($"ALTER TABLE snapshot_customers DROP COLUMN {figure.Name}");
            workspace.Execute($"ALTER TABLE snapshot_product_lines RENAME COLUMN {SnapshotSchema.ProductLineStoredReason} TO reason");
            workspace.Execute("ALTER TABLE snapshot_product_lines DROP COLUMN orders; ALTER TABLE snapshot_product_lines DROP COLUMN interest");
            workspace.Execute("DROP TABLE data_protection_keys; DROP TABLE customer_days; UPDATE clientele_meta SET value = '10' WHERE key = 'schema_version'");
        }
        using var upgraded = Workspace.Open(_temp.Path);
        Assert.Equal(Clientele.Storage.Schema.WorkspaceSchema.CurrentVersion, upgraded.SchemaVersion);
        Assert.Equal(0, upgraded.Scalar<long>($"SELECT count(*) FROM information_schema.columns WHERE table_name = 'snapshot_customers' AND column_name = '{reason}'"));
        Assert.All(SnapshotSchema.ReasonFigureColumns, f => Assert.Equal(1, upgraded.Scalar<long>(
            $"SELECT count(*) FROM information_schema.columns WHERE table_name = 'snapshot_customers' AND column_name = '{f.Name}'")));
        Assert.Equal(["as_of", "customer_id", "product_line", "class", .. SnapshotSchema.ProductLineColumns.Select(c => c.Name)],
            Columns(upgraded, "snapshot_product_lines"));
        // An older row reads every reason as stored: the buying center's, moved now, and the others, moved before.
        var profile = SnapshotQuery.Profile(upgraded, "C2", second);
        Assert.Equal("no decider because of C2", profile.Classes.Single(c => c.Dimension == Dimensions.BuyingCenter).Reason);
        Assert.All(Dimensions.All, d => Assert.Equal(
            profile.Classes.Single(c => c.Dimension == d).Class is { } c ? $"{c} because of C2" : null, profile.Classes.Single(c => c.Dimension == d).Reason));
        Assert.Equal([("Pumps", "customer", "bought 6 times"), ("Valves", "prospect", "buys valves elsewhere")],
            profile.ProductLines.Select(l => (l.ProductLine, l.Class, l.Reason)));
        // The row written at version 10 keeps the buying center's text moved now (none: a person), and no key for the reasons it renders.
        Assert.Equal(1, upgraded.Scalar<long>($"SELECT count(*) FROM snapshot_customers WHERE customer_id = 'C3' AND as_of = DATE '{second:yyyy-MM-dd}' AND json_extract({SnapshotSchema.StoredReasonsColumn}, '$.{Dimensions.BuyingCenter}') IS NOT NULL"));
        Assert.All(renderedAt10, d => Assert.Equal(0, upgraded.Scalar<long>(
            $"SELECT count(*) FROM snapshot_customers WHERE customer_id = 'C3' AND as_of = DATE '{second:yyyy-MM-dd}' AND json_extract({SnapshotSchema.StoredReasonsColumn}, '$.{d}') IS NOT NULL")));
    }

    private static List<string> Columns(Workspace workspace, string table)
    {
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read()) columns.Add(reader.GetString(0));
        return columns;
    }

    private string WriteOrders()
    {
        File.WriteAllText(System.IO.Path.Combine(_temp.Folder, "o.csv"), "customer_id,ordered_at,amount\nC1,2024-01-01,1\nC1,2024-01-02,2\n");
        return "o.csv";
    }

    [Fact]
    public void Opening_a_missing_workspace_says_how_to_create_one()
    {
        var failure = Assert.Throws<WorkspaceException>(() => Workspace.Open(_temp.Path));
        Assert.Contains("clientele init", failure.Message);
    }

    [Fact]
    public void A_workspace_from_a_newer_version_is_refused()
    {
        using (var workspace = Workspace.Create(_temp.Path)) workspace.SetMeta("schema_version", "99");
        var failure = Assert.Throws<WorkspaceException>(() => Workspace.Open(_temp.Path));
        Assert.Contains("schema version 99, made by a newer Clientele", failure.Message);
    }

    [Fact]
    public void A_workspace_without_a_valid_version_is_refused()
    {
        using (var workspace = Workspace.Create(_temp.Path)) workspace.SetMeta("schema_version", "0");
        Assert.Contains("no valid schema version", Assert.Throws<WorkspaceException>(() => Workspace.Open(_temp.Path)).Message);
    }

    [Fact]
    public void A_duckdb_file_that_is_not_a_workspace_is_refused()
    {
        using (var connection = new DuckDBConnection($"Data Source={_temp.Path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (x INTEGER)";
            command.ExecuteNonQuery();
        }
        Assert.Contains("not a Clientele workspace", Assert.Throws<WorkspaceException>(() => Workspace.Open(_temp.Path)).Message);
    }

    [Fact]
    public void The_path_comes_from_the_option_then_the_environment_then_the_default()
    {
        Assert.Equal(Path.GetFullPath("a.duckdb"), Workspace.ResolvePath("a.duckdb", "b.duckdb"));
        Assert.Equal(Path.GetFullPath("b.duckdb"), Workspace.ResolvePath(null, "b.duckdb"));
        Assert.Equal(Path.GetFullPath("clientele.duckdb"), Workspace.ResolvePath(null, null));
    }

    public void Dispose() => _temp.Dispose();
}
