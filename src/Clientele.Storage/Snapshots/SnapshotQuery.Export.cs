using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Clientele.Classification;
using Clientele.Csv;
using DuckDB.NET.Data;

namespace Clientele.Storage.Snapshots;

public static partial class SnapshotQuery
{
    /// <summary>
    /// Writes one row per customer of a snapshot (default: the latest) with every figure, score, class and reason, and an
    /// <c>actions</c> column joining the playbook's actions ("dimension=class: action", separated by " | "), to a .csv file
    /// (with a header; text cells a spreadsheet would evaluate neutralised as <see cref="CsvCell"/> says) or a .parquet file (every value as it is). DuckDB writes a temporary file beside the target, which then replaces the
    /// target, so an interrupted export leaves no half-written file. Rows come in no particular order: sorting a million
    /// wide rows would cost more than writing them. Given <paramref name="customers"/> (a filtered listing's ids, in its
    /// order), only those customers are written, in that order. When the workspace names a currency (<see cref="MoneySetting"/>),
    /// a last <c>currency</c> column gives its code on every row; the amounts stay plain numbers.
    /// </summary>
    /// <exception cref="WorkspaceException">Another extension, a missing folder, no snapshot, or none as of that date.</exception>
    public static ExportResult Export(Workspace workspace, string path, DateOnly? asOf = null, IReadOnlyList<string>? customers = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        var format = System.IO.Path.GetExtension(full).ToLowerInvariant() switch
        {
            ".csv" => "FORMAT csv, HEADER true",
            ".parquet" => "FORMAT parquet",
            var other => throw new WorkspaceException(
                $"cannot export to {path}: {(other.Length == 0 ? "the file has no extension" : $"'{other}' is not a format Clientele writes")}; name a .csv or a .parquet file."),
        };
        var directory = System.IO.Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory)) throw new WorkspaceException($"cannot export to {full}: the folder {directory} does not exist.");
        var day = Resolve(workspace, asOf);
        var playbook = PlaybookOf(workspace, day, []);
        var currency = MoneySetting.Read(workspace).Currency;
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        var result = new ExportResult(full, day, customers?.Count ?? Count(workspace, day),
            2 + SnapshotSchema.FigureColumns.Count + 2 * Dimensions.All.Count + SnapshotSchema.LiveColumns.Count + 1 + (currency is null ? 0 : 1));
        if (workspace.IsPostgres)
        {
            // No engine but DuckDB calls the client's reason renderer from inside its statement: the rows stream to the client.
            try
            {
                ExportStream.Write(workspace, temporary, format, day, playbook, currency, customers);
                File.Move(temporary, full, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
            return result;
        }
        var export = Interlocked.Increment(ref _lastExport);
        try
        {
            Execute(workspace, "CREATE OR REPLACE TEMP TABLE export_actions (dimension VARCHAR, class VARCHAR, action VARCHAR, position INTEGER)");
            FillActions(workspace, playbook);
            if (customers is not null) FillSelection(workspace, customers);
            var reasons = new ExportReasons(SnapshotReasons.Of(workspace, day).Load());
            Exporting[export] = reasons;
            RegisterReasonFunction(workspace);
            // COPY takes no parameters: the date is formatted from a DateOnly and the path is quoted as an SQL string.
            var date = $"DATE '{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";
            // CSV cells a spreadsheet would evaluate are neutralised (CsvCell); Parquet keeps every value as it is.
            var exclude = customers is null ? "" : "EXCLUDE (export_position) ";
            var select = format.StartsWith("FORMAT csv", StringComparison.Ordinal) ? $"SELECT * {exclude}REPLACE ({NeutralisedTextColumns()}) FROM" : $"SELECT * {exclude}FROM";
            Execute(workspace, $"""
                COPY (
                    {select} (
                        SELECT {ExportedColumns(export)}, {ActionsColumn()} AS actions{(currency is null ? "" : $", {Schema.WorkspaceSchema.Literal(currency)} AS currency")}{(customers is null ? "" : ", selected.position AS export_position")}
                        FROM snapshot_customers s {ActionJoins(date)}
                        {(customers is null ? "" : "JOIN export_selection selected ON selected.customer_id = s.customer_id")}
                        WHERE s.as_of = {date}
                    )
                    {(customers is null ? "" : "ORDER BY export_position")}
                ) TO {Schema.WorkspaceSchema.Literal(temporary)} ({format})
                """);
            // A reason that failed to render was written as null: the file is not kept, and the failure is the caller's.
            if (reasons.Failure is { } failure) throw failure is WorkspaceException ? failure : new WorkspaceException($"cannot export: {failure.Message}", failure);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            Exporting.TryRemove(export, out _);
            Execute(workspace, "DROP TABLE IF EXISTS export_actions");
            Execute(workspace, "DROP TABLE IF EXISTS export_selection");
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        return result;
    }

    /// <summary>
    /// The snapshot's columns as exported: as-of date, customer, figures, each dimension's class and reason (a rendered one by
    /// <see cref="ReasonFunction"/> as the rows stream), the live columns. The figures stored only to render reasons are not
    /// exported: the reasons are.
    /// </summary>
    private static string ExportedColumns(long export)
    {
        IEnumerable<string> columns =
        [
            "s.as_of", "s.customer_id",
            .. SnapshotSchema.FigureColumns.Select(f => $"s.{f.Name}"),
            .. Dimensions.All.SelectMany((d, i) => new[] { $"s.{d}", SnapshotSchema.StoresReason(d) ? $"s.{SnapshotSchema.ReasonColumn(d)}" : RenderedReason(export, i) }),
            .. SnapshotSchema.LiveColumns.Select(c => $"s.{c.Name}"),
        ];
        return string.Join(", ", columns);
    }

    /// <summary>
    /// The scalar function an export's <c>COPY</c> calls for each rendered reason, <c>clientele_reason(export, dimension,
    /// columns...)</c>: the export's number in <see cref="Exporting"/>, the dimension's position in <see cref="Dimensions.All"/>,
    /// then the columns <see cref="SnapshotReasons.Select(string, string)"/> names, read by a fork of the export's <see cref="SnapshotReasons"/>.
    /// The reasons are rendered as DuckDB streams the rows, on its threads, and never held for every customer at once (the
    /// temporary table of rendered reasons the export joined before took gigabytes at 1M customers, and one thread).
    /// </summary>
    private const string ReasonFunction = "clientele_reason";

    private static string RenderedReason(long export, int dimension) =>
        $"{ReasonFunction}(CAST({export} AS BIGINT), CAST({dimension} AS INTEGER), {SnapshotReasons.Select(Dimensions.All[dimension], "s")}) " +
        $"AS {SnapshotSchema.ReasonColumn(Dimensions.All[dimension])}";

    /// <summary>The reasons of each export running in this process, by the number its <c>COPY</c> passes <see cref="ReasonFunction"/>.</summary>
    private static readonly ConcurrentDictionary<long, ExportReasons> Exporting = new();

    private static long _lastExport;

    /// <summary>An export's loaded reasons, and the first failure to render one (the function cannot throw into DuckDB).</summary>
    private sealed class ExportReasons(SnapshotReasons loaded)
    {
        public SnapshotReasons Loaded { get; } = loaded;

        public Exception? Failure { get; set; }
    }

    /// <summary>
    /// Registers <see cref="ReasonFunction"/> on the workspace's database unless it is there. It is volatile, so that DuckDB
    /// calls it once per row although <see cref="NeutralisedTextColumns"/> names each column three times, and it handles
    /// nulls itself (a figure or a class may be null).
    /// </summary>
    private static void RegisterReasonFunction(Workspace workspace)
    {
        if (ReasonFunctionRegistered(workspace)) return;
        try
        {
#pragma warning disable DuckDBNET001 // DuckDB.NET marks its scalar functions experimental; the export's tests cover this use.
            workspace.Connection.RegisterScalarFunction<object, string>(ReasonFunction, RenderReasons,
                new DuckDB.NET.Data.ScalarFunctionOptions { HandlesNulls = true, IsPureFunction = false }, true);
#pragma warning restore DuckDBNET001
        }
        catch (InvalidOperationException) when (ReasonFunctionRegistered(workspace))
        {
            // Another export on the same database registered it first.
        }
    }

    private static bool ReasonFunctionRegistered(Workspace workspace)
    {
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM duckdb_functions() WHERE function_name = '{ReasonFunction}'";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// <see cref="ReasonFunction"/> on one chunk of rows, on one of DuckDB's threads: a fork of the export's loaded reasons reads
    /// each row. No exception may unwind into DuckDB's native frames: the first is kept for the export to throw, and the rows'
    /// reasons are null.
    /// </summary>
    private static void RenderReasons(IReadOnlyList<DuckDB.NET.Data.DataChunk.Reader.IDuckDBDataReader> arguments,
        DuckDB.NET.Data.DataChunk.Writer.IDuckDBDataWriter reasons, ulong count)
    {
        ExportReasons? export = null;
        try
        {
            if (count == 0) return;
            export = Exporting[arguments[0].GetValue<long>(0)];
            var dimension = Dimensions.All[arguments[1].GetValue<int>(0)];
            var reader = export.Loaded.Fork();
            var row = new ChunkRow(arguments);
            for (ulong i = 0; i < count; i++)
            {
                row.Row = i;
                if (export.Failure is null && reader.Read(row, 2, dimension) is { } reason) reasons.WriteValue(reason, i);
                else reasons.WriteNull(i);
            }
        }
        catch (Exception failure)
        {
            if (export is null) Environment.FailFast($"an export's reasons could not be rendered: {failure}");
            export.Failure ??= failure;
            for (ulong i = 0; i < count; i++) reasons.WriteNull(i);
        }
    }

    /// <summary>Every text column of the export, each as <see cref="CsvCell.SqlNeutralised"/> writes it, for a <c>REPLACE</c> list.</summary>
    internal static string NeutralisedTextColumns()
    {
        IEnumerable<string> text =
        [
            "customer_id",
            .. SnapshotSchema.FigureColumns.Where(f => f.Type == "VARCHAR").Select(f => f.Name),
            .. Dimensions.All.SelectMany(d => new[] { d, SnapshotSchema.ReasonColumn(d) }),
            "actions",
        ];
        return string.Join(", ", text.Select(c => $"{CsvCell.SqlNeutralised(c)} AS {c}"));
    }

    /// <summary>
    /// The actions of each customer: one text per dimension, joined, without the dimensions that have none or whose actions
    /// are not for the customer's churn status (<see cref="Playbook.AppliesTo"/>).
    /// </summary>
    private static string ActionsColumn() =>
        $"NULLIF(concat_ws(' | ', {string.Join(", ", Dimensions.All.Select((d, i) => ClassFilter.AppliesSql(d, $"s.{d}", $"s.{Dimensions.ChurnStatus}") is { } applies
            ? $"CASE WHEN {applies} THEN a{i}.text END"
            : $"a{i}.text"))}), '')";

    /// <summary>
    /// One small lookup per dimension from each class seen in the snapshot to the text of its actions ("dimension=class: action",
    /// an influence list giving one per role), joined to the customers on the class: a few thousand distinct classes are
    /// matched with the playbook instead of a million customers.
    /// </summary>
    private static string ActionJoins(string date)
    {
        var sql = new StringBuilder();
        for (var i = 0; i < Dimensions.All.Count; i++)
        {
            var dimension = Dimensions.All[i];
            var roles = Dimensions.IsList(dimension) ? $"string_split(v.class, '{DimensionDeclaration.ListSeparator}')" : "[v.class]";
            sql.Append(CultureInfo.InvariantCulture, $"""

                LEFT JOIN (
                    SELECT v.class, string_agg(a.dimension || '=' || a.class || ': ' || a.action, ' | ' ORDER BY a.position) AS text
                    FROM (SELECT DISTINCT {dimension} AS class FROM snapshot_customers WHERE as_of = {date} AND {dimension} IS NOT NULL) v
                    JOIN export_actions a ON a.dimension = '{dimension}' AND list_contains({roles}, a.class)
                    GROUP BY v.class
                ) a{i} ON a{i}.class = s.{dimension}
                """);
        }
        return sql.ToString();
    }

    /// <summary>Every action of the playbook (defaults and replacements) with its dimension, class and display position.</summary>
    private static void FillActions(Workspace workspace, Playbook playbook)
    {
        using var transaction = workspace.Connection.BeginTransaction();
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = "INSERT INTO export_actions VALUES ($dimension, $class, $action, $position)";
        var position = 0;
        foreach (var dimension in Dimensions.All)
        {
            IEnumerable<string> defaults = Playbook.Defaults.GetValueOrDefault(dimension)?.Keys ?? [];
            IEnumerable<string> replaced = playbook.Actions.TryGetValue(dimension, out var custom) ? custom.Keys : [];
            foreach (var @class in defaults.Concat(replaced).Distinct())
            {
                foreach (var action in playbook.For(dimension, @class))
                {
                    command.Parameters.Clear();
                    command.Parameters.Add(new DuckDBParameter("dimension", dimension));
                    command.Parameters.Add(new DuckDBParameter("class", @class));
                    command.Parameters.Add(new DuckDBParameter("action", action));
                    command.Parameters.Add(new DuckDBParameter("position", (object)position++));
                    command.ExecuteNonQuery();
                }
            }
        }
        transaction.Commit();
    }

    /// <summary>The customers to export, with their position in the listing they came from.</summary>
    private static void FillSelection(Workspace workspace, IReadOnlyList<string> customers)
    {
        Execute(workspace, "CREATE OR REPLACE TEMP TABLE export_selection (customer_id VARCHAR, position INTEGER)");
        using var appender = workspace.Connection.CreateAppender("temp", "main", "export_selection");
        for (var i = 0; i < customers.Count; i++) appender.CreateRow().AppendValue(customers[i]).AppendValue(i).EndRow();
    }

    private static void Execute(Workspace workspace, string sql)
    {
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
