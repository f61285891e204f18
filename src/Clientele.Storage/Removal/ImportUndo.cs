using System.Globalization;
using Clientele.Tables;
using static Clientele.Storage.Schema.WorkspaceSchema;

namespace Clientele.Storage.Removal;

/// <summary>
/// Undoing an import: every row that carries its import id goes, in one transaction, and the import's record with
/// it (so the same file can be imported again). The rules (docs/importing.md, "Undoing an import"):
/// <list type="bullet">
/// <item>A row of a keyed table (customers, contacts, ...) carries the id of the import that last added or changed it;
/// the values it had before are not kept. Undoing that import removes the row; undoing an earlier one leaves it.</item>
/// <item>A customer of the import that rows of other imports (or an override) still name is kept as a bare id, with
/// the id of the earliest such import, as that import would have created it.</item>
/// <item>The buying roles of the import's contacts go with them, whichever import brought the roles.</item>
/// <item>Analyses (snapshots) stay as they were: the latest one still includes the removed rows until the next. The
/// exception is a row a live update rewrote (<see cref="Live.LiveUpdate"/>): the customers the import named whose rows
/// are live are re-classified from what remains, so classes an undone event moved move back.</item>
/// </list>
/// </summary>
public static class ImportUndo
{
    private const string Contacts = "clientele_undo_contacts";
    private const string Kept = "clientele_undo_kept";
    private const string Days = "clientele_undo_days";

    /// <summary>What undoing the import would change, without changing anything.</summary>
    /// <exception cref="NotFoundException">No import with this id.</exception>
    public static UndoPlan Plan(Workspace workspace, int importId) => Run(workspace, importId, null, default, apply: false, null);

    /// <summary>Undoes the import, whole or not at all, and records it in <c>undone_imports</c>; returns what it changed.</summary>
    /// <remarks>The progress callback is told each table's name before its rows are removed.</remarks>
    /// <exception cref="NotFoundException">No import with this id.</exception>
    public static UndoPlan Apply(Workspace workspace, int importId, string? undoneBy, DateTime undoneAt, Action<string>? progress = null) =>
        Run(workspace, importId, undoneBy, undoneAt, apply: true, progress);

    private static UndoPlan Run(Workspace workspace, int importId, string? undoneBy, DateTime undoneAt, bool apply, Action<string>? progress)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var import = workspace.Imports().FirstOrDefault(i => i.ImportId == importId)
            ?? throw new NotFoundException(workspace.Imports().Count == 0
                ? $"there is no import #{importId}: the workspace records no imports."
                : $"there is no import #{importId}: the workspace records imports {string.Join(", ", workspace.Imports().Select(i => "#" + i.ImportId))} (`clientele status` lists them).");
        var sql = new RemovalSql(workspace, [("import", importId)]);
        // Read before the rows go: the customers the import named whose snapshot rows a live update rewrote.
        var live = apply ? LiveCustomers(workspace, importId) : [];
        var plan = Transaction(workspace, sql, import, importId, undoneBy, undoneAt, apply, progress);
        // After the commit: a live update is a change of its own, in its own transaction.
        return live.Count > 0 ? plan with { Live = Live.LiveUpdate.Refresh(workspace, live, null, undoneAt) } : plan;
    }

    private static UndoPlan Transaction(Workspace workspace, RemovalSql sql, ImportRecord import, int importId, string? undoneBy, DateTime undoneAt, bool apply, Action<string>? progress)
    {
        using var transaction = workspace.Db.BeginTransaction();
        Prepare(sql);
        var removed = sql.Remove(Conditions(), apply, progress);
        // The purchase days of the customers whose orders went are counted again from the orders they keep.
        if (apply) Summary.CustomerDays.Recount(workspace, $"SELECT customer_id FROM {Days}");
        var kept = workspace.Scalar<long>($"SELECT count(*) FROM {Kept}");
        var plan = new UndoPlan(import, removed, kept, LatestAnalysis(workspace));
        if (apply)
        {
            KeepNamedCustomers(sql);
            sql.Execute("DELETE FROM imports WHERE import_id = $import");
            using var command = workspace.Command(
                "INSERT INTO undone_imports VALUES ($import, $table, $source, $imported_at, $undone_at, $undone_by, $removed, $kept)",
                ("import", importId), ("table", import.Table), ("source", import.SourcePath), ("imported_at", import.ImportedAt),
                ("undone_at", undoneAt), ("undone_by", undoneBy), ("removed", plan.RowsRemoved), ("kept", kept));
            command.ExecuteNonQuery();
            sql.Execute($"DROP TABLE {Contacts}");
            sql.Execute($"DROP TABLE {Kept}");
            sql.Execute($"DROP TABLE {Days}");
            transaction.Commit();
        }
        else
        {
            transaction.Rollback();
        }
        return plan;
    }

    private static DateOnly? LatestAnalysis(Workspace workspace)
    {
        using var command = workspace.Command("SELECT max(as_of) FROM snapshots");
        using var reader = command.ExecuteReader();
        return reader.Read() && !reader.IsDBNull(0) ? reader.GetFieldValue<DateOnly>(0) : null;
    }

    private static List<string> LiveCustomers(Workspace workspace, int importId) =>
        workspace.Texts($"""
            SELECT DISTINCT n.customer_id FROM ({Live.ImportedCustomers.Sql($"import_id = {importId}")}) n
            JOIN snapshot_customers s ON s.customer_id = n.customer_id AND s.live_at IS NOT NULL
                AND s.as_of = (SELECT max(as_of) FROM snapshots)
            ORDER BY n.customer_id
            """);

    /// <summary>The import's contacts, and its customers still named elsewhere with the earliest import naming each.</summary>
    private static void Prepare(RemovalSql sql)
    {
        sql.TempTable(Contacts, $"SELECT contact_id FROM contacts WHERE {ImportIdColumn} = $import");
        sql.TempTable(Days, $"SELECT DISTINCT customer_id FROM orders WHERE {ImportIdColumn} = $import AND status = 'completed'");
        var named = CanonicalTables.All
            .SelectMany(t => CustomerReferences.Columns(t).Select(c =>
                $"SELECT {Quote(c)} AS id, {ImportIdColumn} AS import_id FROM {Quote(t.Name)} WHERE {ImportIdColumn} IS DISTINCT FROM $import AND {Quote(c)} IS NOT NULL"));
        sql.TempTable(Kept, $"""
            SELECT c.customer_id, min(n.import_id) AS import_id
            FROM customers c JOIN ({string.Join(" UNION ALL ", named)}) n ON n.id = c.customer_id
            WHERE c.{ImportIdColumn} = $import
            GROUP BY c.customer_id
            """);
    }

    private static IEnumerable<(string Table, string Where)> Conditions()
    {
        foreach (var table in CanonicalTables.All)
        {
            var where = $"{ImportIdColumn} = $import";
            if (table == CanonicalTables.Customers) where += $" AND customer_id NOT IN (SELECT customer_id FROM {Kept})";
            else if (CustomerReferences.FollowsContact(table))
                where = $"({where} OR contact_id IN (SELECT contact_id FROM {Contacts}))";
            yield return (table.Name, where);
        }
    }

    /// <summary>Reduces the kept customers to their ids, owned by the earliest other import that names them.</summary>
    private static void KeepNamedCustomers(RemovalSql sql)
    {
        var others = CanonicalTables.Customers.Columns.Where(c => c.Name != "customer_id").Select(c => $"{Quote(c.Name)} = NULL");
        sql.Execute($"""
            UPDATE customers SET {string.Join(", ", others)}, {ImportIdColumn} = k.import_id
            FROM {Kept} k WHERE customers.customer_id = k.customer_id
            """);
    }
}
