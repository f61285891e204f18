using System.Globalization;
using System.Text;
using System.Text.Json;
using Clientele.Classification;
using DuckDB.NET.Data;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// Stores an analysis as the snapshot of its as-of date, replacing an earlier snapshot of the same date, in one
/// transaction: either the whole snapshot is there or the previous state is.
/// </summary>
public static class SnapshotWriter
{
    /// <summary>Writes the snapshot. <paramref name="context"/> is the run's <see cref="Analysis.AnalysisContext"/> as JSON (models, methods, the base learned on).</summary>
    public static void Save(Workspace workspace, AnalysisResult result, ClassificationOptions options, string context, DateTime createdAt) =>
        Save(workspace, result, options, context, createdAt, null);

    /// <summary>Writes the snapshot, the reasons read from <paramref name="reasons"/> where they were handed to it (<see cref="CustomerAnalysis.Run"/>).</summary>
    internal static void Save(Workspace workspace, AnalysisResult result, ClassificationOptions options, string context, DateTime createdAt, ReasonSpill? reasons)
    {
        var columns = result.Columns;
        var asOf = columns.AsOf;
        var connection = workspace.Connection;
        using var transaction = connection.BeginTransaction();
        foreach (var table in new[] { "snapshots", "snapshot_customers", "snapshot_product_lines", "snapshot_buying_roles", "snapshot_segments", "class_changes", "snapshot_first_purchases", "snapshot_overrides" })
            Execute(connection, $"DELETE FROM {table} WHERE as_of = $1", asOf);
        Execute(connection, "INSERT INTO snapshots (as_of, created_at, time_unit, horizon_days, customers, model, scoring_method, options, report) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            asOf, createdAt, columns.Summary.Unit.ToString().ToLowerInvariant(), result.Scoring.Scores.HorizonDays, (long)columns.Count,
            result.Scoring.Model, result.Scoring.Scores.Method, options.ToJson(), context);
        var folder = TemporaryFolder(workspace);
        WriteCustomers(connection, result, folder, "snapshot_customers", asOf, reasons);
        WriteProductLines(connection, result, folder, "snapshot_product_lines", asOf);
        WriteBuyingRoles(connection, result, folder, "snapshot_buying_roles", asOf);
        WriteSegments(connection, result);
        WriteOverrides(connection, result);
        transaction.Commit();
    }

    /// <summary>The overrides applied, in order, each with the class it replaced: the rendered reasons of the overridden classes state them.</summary>
    private static void WriteOverrides(DuckDBConnection connection, AnalysisResult result)
    {
        if (result.AppliedOverrides.Count == 0) return;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < result.Columns.Count; i++) index[result.Columns.CustomerId[i]] = i;
        var positions = new Dictionary<(string, string), int>();
        using var appender = connection.CreateAppender("snapshot_overrides");
        foreach (var o in result.AppliedOverrides)
        {
            var position = positions.GetValueOrDefault((o.CustomerId, o.Dimension));
            positions[(o.CustomerId, o.Dimension)] = position + 1;
            var computed = result.ComputedClasses.GetValueOrDefault((index[o.CustomerId], o.Dimension));
            appender.CreateRow().AppendValue(result.Columns.AsOf).AppendValue(o.CustomerId).AppendValue(o.Dimension).AppendValue(position)
                .AppendValue(o.Class).AppendValue(o.Reason).AppendValue(o.SetBy).AppendValue(o.SetAt).AppendValue(computed).EndRow();
        }
    }

    /// <summary>
    /// One wide row per customer. Like the per-line and buying-role rows, written as a CSV file beside the workspace
    /// and loaded by DuckDB's parallel reader inside the snapshot's transaction: at a million customers the
    /// appender's call per value (some fifty a row, and millions of line and role rows) cost most of a minute.
    /// </summary>
    /// <remarks>A live update writes the rows of the customers it re-classified into a table of its own first, under the analysis's as-of date.</remarks>
    /// <remarks>The reasons come from <paramref name="reasons"/> where it has them, else from the result.</remarks>
    internal static void WriteCustomers(DuckDBConnection connection, AnalysisResult result, string folder, string table, DateOnly snapshotAsOf, ReasonSpill? reasons = null)
    {
        var c = result.Columns;
        var dimensions = Dimensions.All.Select(result.Dimension).ToArray();
        var stored = Dimensions.All.Select(SnapshotSchema.StoresReason).ToArray();
        var figures = SnapshotSchema.FigureColumns;
        var reasonFigures = SnapshotSchema.ReasonFigureColumns;
        var types = SnapshotSchema.WrittenColumns;
        var asOf = Day(snapshotAsOf);
        var spilled = dimensions.Select((d, k) => stored[k] ? reasons?.Read(d.Dimension) : null).ToArray();
        try
        {
            Load(connection, folder, table, types, row =>
            {
                for (var i = 0; i < c.Count; i++)
                {
                    row.Raw(asOf).Text(c.CustomerId[i]);
                    foreach (var figure in figures) figure.Write(row, result, i);
                    for (var d = 0; d < dimensions.Length; d++)
                    {
                        row.Text(dimensions[d].Class[i]);
                        if (stored[d]) row.Text(spilled[d] is { } read ? read.Next() : dimensions[d].Reason[i]);
                    }
                    foreach (var figure in reasonFigures) figure.Write(row, result, i);
                    // A row written now has no reason text of an older version (SnapshotSchema.StoredReasonsColumn).
                    row.Text(null).End();
                }
            });
        }
        finally
        {
            foreach (var read in spilled) read?.Dispose();
        }
    }

    /// <summary>One row per customer and line it has a class for, with the figures its reason is rendered from (<see cref="SnapshotSchema.ProductLineColumns"/>).</summary>
    internal static void WriteProductLines(DuckDBConnection connection, AnalysisResult result, string folder, string table, DateOnly snapshotAsOf)
    {
        var lines = result.ProductLines;
        var asOf = Day(snapshotAsOf);
        Load(connection, folder, table,
            [("as_of", "DATE"), ("customer_id", "VARCHAR"), ("product_line", "VARCHAR"), ("class", "VARCHAR"), .. SnapshotSchema.ProductLineColumns.Select(c => (c.Name, c.Type))], row =>
            {
                for (var l = 0; l < lines.Lines.Count; l++)
                {
                    for (var i = 0; i < result.Columns.Count; i++)
                    {
                        if (lines.Class[l][i] is not { } @class) continue;
                        row.Raw(asOf).Text(result.Columns.CustomerId[i]).Text(lines.Lines[l]).Text(@class);
                        // A row written now has no stored reason text (SnapshotSchema.ProductLineStoredReason); its figures follow.
                        row.Text(null).Integer(lines.Orders[l][i]).Integer(lines.Interest[l][i]).End();
                    }
                }
            });
    }

    internal static void WriteBuyingRoles(DuckDBConnection connection, AnalysisResult result, string folder, string table, DateOnly snapshotAsOf)
    {
        var holders = result.BuyingCenters.RoleHolders;
        var contacts = result.Columns.Contacts;
        var asOf = Day(snapshotAsOf);
        Load(connection, folder, table,
            [("as_of", "DATE"), ("customer_id", "VARCHAR"), ("contact_id", "VARCHAR"), ("contact_name", "VARCHAR"), ("title", "VARCHAR"),
             ("role", "VARCHAR"), ("weight", "DOUBLE"), ("inferred", "BOOLEAN")], row =>
            {
                for (var k = 0; k < holders.CustomerIndex.Length; k++)
                {
                    var contact = holders.ContactIndex[k];
                    row.Raw(asOf).Text(result.Columns.CustomerId[holders.CustomerIndex[k]]).Text(contacts.ContactId[contact]).Text(contacts.Name[contact])
                        .Text(contacts.Title[contact]).Text(holders.Role[k]).Number(holders.Weight[k]).Boolean(holders.Inferred[k]).End();
                }
            });
    }

    /// <summary>Writes rows to a CSV file beside the workspace (<paramref name="folder"/> is the path prefix) and inserts them into <paramref name="table"/> with DuckDB's reader; the file is deleted after.</summary>
    private static void Load(DuckDBConnection connection, string folder, string table, IReadOnlyList<(string Name, string Type)> columns, Action<CsvRow> write)
    {
        var path = $"{folder}-{table}-{Guid.NewGuid():N}.csv";
        try
        {
            using (var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20)) write(new CsvRow(file, table, columns));
            if (new FileInfo(path).Length == 0) return;
            var types = "{" + string.Join(", ", columns.Select(c => $"'{c.Name}': '{c.Type}'")) + "}";
            using var command = connection.CreateCommand();
            // By name: the file's columns are matched to the table's by their names, whatever either's order.
            command.CommandText = $"INSERT INTO {table} BY NAME SELECT * FROM read_csv('{path.Replace("'", "''", StringComparison.Ordinal)}', header = false, delim = ',', " +
                $"quote = '\"', escape = '\"', allow_quoted_nulls = false, columns = {types})";
            command.ExecuteNonQuery();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The path prefix of the files a snapshot is loaded from: named like the importer's chunks, so a run killed mid-write leaves nothing that the next open does not delete.</summary>
    internal static string TemporaryFolder(Workspace workspace) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(workspace.Path))!, Import.ValidatedRows.TemporaryPrefix(workspace.Path) + "snapshot");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void WriteSegments(DuckDBConnection connection, AnalysisResult result)
    {
        using var appender = connection.CreateAppender("snapshot_segments");
        foreach (var node in result.StructureMap.Nodes)
        {
            appender.CreateRow().AppendValue(result.Columns.AsOf).AppendValue(node.Path).AppendValue(node.ParentPath).AppendValue(node.Level).AppendValue(node.Name)
                .AppendValue((long)node.Parties).AppendValue((long)node.ActualCustomers).AppendValue((long)node.ActiveCustomers).AppendValue(node.Value)
                .AppendValue(node.ExpectedRevenue).AppendValue(Finite(node.Growth)).AppendValue(Finite(node.PredictedValueGrowth))
                .AppendValue(node.TargetCustomers).AppendValue(node.TargetValue).AppendValue(node.TargetDueAt).AppendValue(node.IsNewTargetGroup).EndRow();
        }
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static void Execute(DuckDBConnection connection, string sql, params object?[] values)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in values)
        {
            command.Parameters.Add(new DuckDBParameter(value switch
            {
                DateOnly day => day.ToDateTime(TimeOnly.MinValue),
                null => DBNull.Value,
                _ => value,
            }));
        }
        command.ExecuteNonQuery();
    }

    /// <summary>The serializer of report parts.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new FiniteDoubleConverter() } };
}
