using System.Text.Json;
using Clientele.Classification;
using Clientele.Scoring;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// Stores an analysis as the snapshot of its as-of date, replacing an earlier snapshot of the same date, in one
/// transaction: either the whole snapshot is there or the previous state is.
/// </summary>
public static class SnapshotWriter
{
    /// <summary>Writes the snapshot. <paramref name="context"/> is the run's <see cref="Analysis.AnalysisContext"/> as JSON (models, methods, the base learned on).</summary>
    public static void Save(Workspace workspace, AnalysisResult result, ClassificationOptions options, string context, DateTime createdAt) =>
        Save(workspace, result.Columns, result.Scoring, write => write(result), result.StructureMap.Nodes, options, context, createdAt);

    /// <summary>
    /// Writes the snapshot of the customers of <paramref name="columns"/> from the results of its parts (<see cref="PartedApply.Apply"/>),
    /// each written as <paramref name="parts"/> gives it, inside the one transaction.
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="columns">Every customer's columns (the snapshot's date, time unit and number of customers).</param>
    /// <param name="scoring">The scoring of every customer (the model, the horizon, the method).</param>
    /// <param name="parts">Gives the writer it is called with the results, in the customers' order: one over everyone, or one per part.</param>
    /// <param name="nodes">The structure map's segments (<see cref="StructureMapContext.Nodes"/>).</param>
    /// <param name="options">The options the analysis used.</param>
    /// <param name="context">The run's <see cref="Analysis.AnalysisContext"/> as JSON.</param>
    /// <param name="createdAt">When the snapshot is made (UTC).</param>
    public static void Save(Workspace workspace, CustomerColumns columns, ScoringResult scoring, Action<Action<AnalysisResult>> parts,
        IReadOnlyList<StructureNode> nodes, ClassificationOptions options, string context, DateTime createdAt)
    {
        var asOf = columns.AsOf;
        var day = asOf.ToDateTime(TimeOnly.MinValue);
        using var transaction = workspace.Db.BeginTransaction();
        using var load = workspace.Dialect.AnalysisSnapshotLoad(workspace);
        foreach (var table in new[] { "snapshots", "snapshot_customers", "snapshot_product_lines", "snapshot_buying_roles", "snapshot_segments", "class_changes", "snapshot_first_purchases", "snapshot_overrides" })
        {
            if (load.Clear(table, asOf)) continue;
            using var delete = workspace.Command($"DELETE FROM {table} WHERE as_of = CAST($as_of AS DATE)", ("as_of", day));
            delete.ExecuteNonQuery();
        }
        using (var insert = workspace.Command(
                   "INSERT INTO snapshots (as_of, created_at, time_unit, horizon_days, customers, model, scoring_method, options, report) " +
                   "VALUES (CAST($as_of AS DATE), $created_at, $time_unit, $horizon_days, $customers, $model, $scoring_method, $options, $report)",
                   ("as_of", day), ("created_at", createdAt), ("time_unit", columns.Summary.Unit.ToString().ToLowerInvariant()),
                   ("horizon_days", scoring.Scores.HorizonDays), ("customers", (long)columns.Count), ("model", scoring.Model),
                   ("scoring_method", scoring.Scores.Method), ("options", options.ToJson()), ("report", context)))
            insert.ExecuteNonQuery();
        var overrides = new List<(Override Override, string? Computed)>();
        parts(result =>
        {
            WriteCustomers(load, result, "snapshot_customers", asOf);
            WriteProductLines(load, result, "snapshot_product_lines", asOf);
            WriteBuyingRoles(load, result, "snapshot_buying_roles", asOf);
            overrides.AddRange(Applied(result));
        });
        WriteSegments(workspace, nodes, asOf);
        WriteOverrides(workspace, overrides, asOf);
        // A sharded workspace's shards commit first, as an import's do: a failure before the coordinator's commit leaves new rows
        // under the snapshot record it had, which the next analysis of the date replaces (docs/scale-out.md).
        try
        {
            load.Commit();
            transaction.Commit();
        }
        catch (Exception e) when (load.PartlyCommitted)
        {
            Postgres.PostgresFailure.MarkPartlyCommitted(e, Postgres.PostgresFailure.AnalysisPartlyCommitted);
            throw;
        }
    }

    /// <summary>The overrides a result applied, in order, each with the class it replaced.</summary>
    private static IEnumerable<(Override, string?)> Applied(AnalysisResult result)
    {
        if (result.AppliedOverrides.Count == 0) return [];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < result.Columns.Count; i++) index[result.Columns.CustomerId[i]] = i;
        return [.. result.AppliedOverrides.Select(o => (o, result.ComputedClasses.GetValueOrDefault((index[o.CustomerId], o.Dimension))))];
    }

    /// <summary>The overrides applied, in order, each with the class it replaced: the rendered reasons of the overridden classes state them.</summary>
    private static void WriteOverrides(Workspace workspace, IReadOnlyList<(Override Override, string? Computed)> applied, DateOnly asOf)
    {
        if (applied.Count == 0) return;
        var positions = new Dictionary<(string, string), int>();
        using var writer = workspace.Dialect.BulkWriter(workspace.Db, "snapshot_overrides",
            ["as_of", "customer_id", "dimension", "position", "class", "reason", "set_by", "set_at", "computed_class"]);
        foreach (var (o, computed) in applied)
        {
            var position = positions.GetValueOrDefault((o.CustomerId, o.Dimension));
            positions[(o.CustomerId, o.Dimension)] = position + 1;
            writer.Row().Date(asOf).Text(o.CustomerId).Text(o.Dimension).Integer(position)
                .Text(o.Class).Text(o.Reason).Text(o.SetBy).Timestamp(o.SetAt).Text(computed);
        }
        writer.Complete();
    }

    /// <summary>
    /// One wide row per customer. Like the per-line and buying-role rows, loaded by the engine's row sink
    /// (<see cref="SqlDialect.SnapshotLoad"/>) inside the snapshot's transaction, which may format several customers' rows at once.
    /// </summary>
    /// <remarks>A live update writes the rows of the customers it re-classified into a table of its own first, under the analysis's as-of date.</remarks>
    internal static void WriteCustomers(SnapshotLoad load, AnalysisResult result, string table, DateOnly snapshotAsOf)
    {
        var c = result.Columns;
        var dimensions = Dimensions.All.Select(result.Dimension).ToArray();
        var stored = Dimensions.All.Select(SnapshotSchema.StoresReason).ToArray();
        var figures = SnapshotSchema.FigureColumns;
        var reasonFigures = SnapshotSchema.ReasonFigureColumns;
        var asOf = snapshotAsOf;
        load.Load(table, SnapshotSchema.WrittenColumns, c.Count, (row, item) =>
        {
            var i = (int)item;
            row.Date(asOf).Text(c.CustomerId[i]);
            foreach (var figure in figures) figure.Write(row, result, i);
            for (var d = 0; d < dimensions.Length; d++)
            {
                row.Text(dimensions[d].Class[i]);
                if (stored[d]) row.Text(dimensions[d].Reason[i]);
            }
            foreach (var figure in reasonFigures) figure.Write(row, result, i);
            // A row written now has no reason text of an older version (SnapshotSchema.StoredReasonsColumn).
            row.Text(null).End();
        });
    }

    /// <summary>One row per customer and line it has a class for, with the figures its reason is rendered from (<see cref="SnapshotSchema.ProductLineColumns"/>).</summary>
    /// <remarks>
    /// Customer by customer, each customer's lines in order: item <c>i * lines + l</c> is customer i's row of line l, if it has
    /// one. A customer's rows lie together, so a live update's delete and a profile's read of them skip the other row groups by
    /// their customer ids' range (line by line, one customer's rows were in every line's row groups: 18-20 ms a delete at a million
    /// customers against some 2).
    /// </remarks>
    internal static void WriteProductLines(SnapshotLoad load, AnalysisResult result, string table, DateOnly snapshotAsOf)
    {
        var lines = result.ProductLines;
        var customers = result.Columns.Count;
        var asOf = snapshotAsOf;
        load.Load(table,
            [("as_of", "DATE"), ("customer_id", "VARCHAR"), ("product_line", "VARCHAR"), ("class", "VARCHAR"), .. SnapshotSchema.ProductLineColumns.Select(c => (c.Name, c.Type))],
            (long)lines.Lines.Count * customers, (row, item) =>
            {
                var (i, l) = ((int)(item / lines.Lines.Count), (int)(item % lines.Lines.Count));
                if (lines.Class[l][i] is not { } @class) return;
                row.Date(asOf).Text(result.Columns.CustomerId[i]).Text(lines.Lines[l]).Text(@class);
                // A row written now has no stored reason text (SnapshotSchema.ProductLineStoredReason); its figures follow.
                row.Text(null).Integer(lines.Orders[l][i]).Integer(lines.Interest[l][i]).End();
            });
    }

    internal static void WriteBuyingRoles(SnapshotLoad load, AnalysisResult result, string table, DateOnly snapshotAsOf)
    {
        var holders = result.BuyingCenters.RoleHolders;
        var contacts = result.Columns.Contacts;
        var asOf = snapshotAsOf;
        load.Load(table,
            [("as_of", "DATE"), ("customer_id", "VARCHAR"), ("contact_id", "VARCHAR"), ("contact_name", "VARCHAR"), ("title", "VARCHAR"),
             ("role", "VARCHAR"), ("weight", "DOUBLE"), ("inferred", "BOOLEAN")], holders.CustomerIndex.Length, (row, item) =>
            {
                var k = (int)item;
                var contact = holders.ContactIndex[k];
                row.Date(asOf).Text(result.Columns.CustomerId[holders.CustomerIndex[k]]).Text(contacts.ContactId[contact]).Text(contacts.Name[contact])
                    .Text(contacts.Title[contact]).Text(holders.Role[k]).Number(holders.Weight[k]).Boolean(holders.Inferred[k]).End();
            });
    }

    /// <summary>The path prefix of the files a snapshot is loaded from: named like the importer's chunks, so a run killed mid-write leaves nothing that the next open does not delete.</summary>
    internal static string TemporaryFolder(Workspace workspace) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(workspace.Path))!, Import.ValidatedRows.TemporaryPrefix(workspace.Path) + "snapshot");

    private static void WriteSegments(Workspace workspace, IReadOnlyList<StructureNode> nodes, DateOnly asOf)
    {
        using var writer = workspace.Dialect.BulkWriter(workspace.Db, "snapshot_segments",
        [
            "as_of", "path", "parent", "level", "name", "parties", "actual_customers", "active_customers", "value", "expected_revenue",
            "new_customers_growth", "value_growth", "target_customers", "target_value", "target_due_at", "target_only",
        ]);
        foreach (var node in nodes)
        {
            writer.Row().Date(asOf).Text(node.Path).Text(node.ParentPath).Integer(node.Level).Text(node.Name)
                .Integer(node.Parties).Integer(node.ActualCustomers).Integer(node.ActiveCustomers).Number(node.Value)
                .Number(node.ExpectedRevenue).Number(Finite(node.Growth)).Number(Finite(node.PredictedValueGrowth))
                .Number(node.TargetCustomers).Number(node.TargetValue).Date(node.TargetDueAt).Boolean(node.IsNewTargetGroup);
        }
        writer.Complete();
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    /// <summary>The serializer of report parts.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new FiniteDoubleConverter() } };
}
