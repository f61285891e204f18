using System.Data.Common;
using Clientele.Classification;
using DuckDB.NET.Data;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// The export of a workspace whose engine cannot render reasons inside its own statement (PostgreSQL): the snapshot's rows are
/// read one at a time by a server-side query, each row's rendered reasons and actions are made in the client, and the row is
/// handed to an in-memory DuckDB whose <c>COPY</c> writes the file — the same writer, with the same column types and the same
/// neutralised cells, as a DuckDB workspace's export, so the same snapshot gives the same bytes. DuckDB pulls the rows through a
/// table function as it writes, a chunk at a time: memory holds a chunk, never the snapshot.
/// </summary>
internal static class ExportStream
{
    private const string RowsFunction = "clientele_export_rows";

    /// <summary>
    /// Writes the snapshot as of <paramref name="day"/> (its customers, or only <paramref name="customers"/> in their order) to
    /// <paramref name="path"/> in DuckDB's COPY <paramref name="format"/>; rows without a selection come in code-point order of
    /// the customer id (the server's heap keeps no order an export could promise).
    /// </summary>
    public static void Write(Workspace workspace, string path, string format, DateOnly day, Playbook playbook, string? currency, IReadOnlyList<string>? customers)
    {
        var columns = Columns(currency is not null);
        var reasons = SnapshotReasons.Of(workspace, day).Load();
        var actions = new ExportActions(playbook);
        if (customers is not null) FillSelection(workspace, customers);
        try
        {
            using var writer = new DuckDBConnection("DataSource=:memory:");
            writer.Open();
            writer.RegisterTableFunction(RowsFunction,
                () => new TableFunction([.. columns.Select(c => new ColumnInfo(c.Name, ClrType(c.Type)))], Rows(workspace, day, reasons, actions, currency, customers is not null), default),
                WriteRow);
            var select = format.StartsWith("FORMAT csv", StringComparison.Ordinal)
                ? $"SELECT * REPLACE ({SnapshotQuery.NeutralisedTextColumns()}) FROM {RowsFunction}()"
                : $"SELECT * FROM {RowsFunction}()";
            using var command = writer.CreateCommand();
            command.CommandText = $"COPY ({select}) TO '{path.Replace("'", "''", StringComparison.Ordinal)}' ({format})";
            command.ExecuteNonQuery();
        }
        catch (DuckDBException e)
        {
            // A row that failed to read or render fails the table function, and DuckDB reports it with its own words around.
            throw new WorkspaceException($"cannot export: {e.Message}", e);
        }
        finally
        {
            if (customers is not null)
            {
                using var drop = workspace.Command("DROP TABLE IF EXISTS export_selection");
                drop.ExecuteNonQuery();
            }
        }
    }

    /// <summary>The exported columns with their SQL types, as a DuckDB workspace's export gives them.</summary>
    private static List<(string Name, string Type)> Columns(bool currency) =>
    [
        ("as_of", "DATE"), ("customer_id", "VARCHAR"),
        .. SnapshotSchema.FigureColumns.Select(f => (f.Name, f.Type)),
        .. Dimensions.All.SelectMany(d => new[] { (d, "VARCHAR"), (SnapshotSchema.ReasonColumn(d), "VARCHAR") }),
        .. SnapshotSchema.LiveColumns.Select(c => (c.Name, c.Type)),
        ("actions", "VARCHAR"),
        .. currency ? new[] { ("currency", "VARCHAR") } : [],
    ];

    private static Type ClrType(string type) => type switch
    {
        "DATE" => typeof(DateOnly),
        "TIMESTAMP" => typeof(DateTime),
        "INTEGER" => typeof(int),
        "DOUBLE" => typeof(double),
        "BOOLEAN" => typeof(bool),
        "VARCHAR" => typeof(string),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a type an export writes"),
    };

    /// <summary>The rows, read one at a time from the workspace's server as DuckDB asks for them.</summary>
    private static IEnumerable<object?[]> Rows(Workspace workspace, DateOnly day, SnapshotReasons reasons, ExportActions actions, string? currency, bool selected)
    {
        IEnumerable<string> select =
        [
            "s.as_of", "s.customer_id",
            .. SnapshotSchema.FigureColumns.Select(f => $"s.{f.Name}"),
            .. Dimensions.All.SelectMany(d => new[] { $"s.{d}", SnapshotReasons.Select(workspace, d, "s") }),
            .. SnapshotSchema.LiveColumns.Select(c => $"s.{c.Name}"),
        ];
        var sql = $"SELECT {string.Join(", ", select)} FROM snapshot_customers s " +
            (selected ? "JOIN export_selection selected ON selected.customer_id = s.customer_id " : "") +
            "WHERE s.as_of = CAST($as_of AS DATE) " +
            (selected ? "ORDER BY selected.position" : $"ORDER BY {workspace.Dialect.OrdinalText("s.customer_id")}");
        using var command = workspace.Command(sql, ("as_of", day.ToDateTime(TimeOnly.MinValue)));
        using var reader = command.ExecuteReader();
        var width = 2 + SnapshotSchema.FigureColumns.Count + 2 * Dimensions.All.Count + SnapshotSchema.LiveColumns.Count + 1 + (currency is null ? 0 : 1);
        var classes = new string?[Dimensions.All.Count];
        while (reader.Read())
        {
            var row = new object?[width];
            var at = 0;
            var field = 0;
            row[field++] = reader.IsDBNull(at) ? null : reader.GetFieldValue<DateOnly>(at);
            row[field++] = Text(reader, ++at);
            at++;
            foreach (var figure in SnapshotSchema.FigureColumns) row[field++] = Value(reader, at++, figure.Type);
            for (var d = 0; d < Dimensions.All.Count; d++)
            {
                var dimension = Dimensions.All[d];
                row[field++] = classes[d] = Text(reader, at++);
                row[field++] = reasons.Read(reader, at, dimension);
                at += SnapshotReasons.Width(dimension);
            }
            foreach (var live in SnapshotSchema.LiveColumns) row[field++] = Value(reader, at++, live.Type);
            row[field++] = actions.Of(classes);
            if (currency is not null) row[field] = currency;
            yield return row;
        }
    }

    private static string? Text(DbDataReader reader, int at) => reader.IsDBNull(at) ? null : reader.GetString(at);

    private static object? Value(DbDataReader reader, int at, string type) => reader.IsDBNull(at) ? null : type switch
    {
        "DATE" => reader.GetFieldValue<DateOnly>(at),
        "TIMESTAMP" => reader.GetDateTime(at),
        "INTEGER" => reader.GetInt32(at),
        "DOUBLE" => reader.GetDouble(at),
        "BOOLEAN" => reader.GetBoolean(at),
        _ => reader.GetString(at),
    };

    /// <summary>One row's values into DuckDB's vectors, each by its type.</summary>
    private static void WriteRow(object? item, DuckDB.NET.Data.DataChunk.Writer.IDuckDBDataWriter[] writers, ulong index)
    {
        var row = (object?[])item!;
        for (var k = 0; k < row.Length; k++)
        {
            switch (row[k])
            {
                case null: writers[k].WriteNull(index); break;
                case string text: writers[k].WriteValue(text, index); break;
                case double number: writers[k].WriteValue(number, index); break;
                case int integer: writers[k].WriteValue(integer, index); break;
                case bool boolean: writers[k].WriteValue(boolean, index); break;
                case DateOnly date: writers[k].WriteValue(date, index); break;
                case DateTime time: writers[k].WriteValue(time, index); break;
                default: throw new InvalidOperationException($"an export cell of type {row[k]!.GetType()}");
            }
        }
    }

    /// <summary>The customers to export, with their position in the listing they came from, by the engine's bulk writer.</summary>
    private static void FillSelection(Workspace workspace, IReadOnlyList<string> customers)
    {
        foreach (var statement in workspace.Dialect.ReplaceTempTable("export_selection",
                     "SELECT CAST(NULL AS VARCHAR) AS customer_id, CAST(NULL AS INTEGER) AS position WHERE 1 = 0"))
        {
            using var command = workspace.Command(statement);
            command.ExecuteNonQuery();
        }
        using var writer = workspace.Dialect.BulkWriter(workspace.Db, "export_selection", ["customer_id", "position"]);
        for (var i = 0; i < customers.Count; i++) writer.Row().Text(customers[i]).Integer(i);
        writer.Complete();
    }
}
