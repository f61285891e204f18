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
        try
        {
            Execute(workspace, "CREATE OR REPLACE TEMP TABLE export_actions (dimension VARCHAR, class VARCHAR, action VARCHAR, position INTEGER)");
            FillActions(workspace, playbook);
            if (customers is not null) FillSelection(workspace, customers);
            FillReasons(workspace, day, customers is not null);
            // COPY takes no parameters: the date is formatted from a DateOnly and the path is quoted as an SQL string.
            var date = $"DATE '{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";
            // CSV cells a spreadsheet would evaluate are neutralised (CsvCell); Parquet keeps every value as it is.
            var exclude = customers is null ? "" : "EXCLUDE (export_position) ";
            var select = format.StartsWith("FORMAT csv", StringComparison.Ordinal) ? $"SELECT * {exclude}REPLACE ({NeutralisedTextColumns()}) FROM" : $"SELECT * {exclude}FROM";
            Execute(workspace, $"""
                COPY (
                    {select} (
                        SELECT {ExportedColumns()}, {ActionsColumn()} AS actions{(currency is null ? "" : $", {Literal(currency)} AS currency")}{(customers is null ? "" : ", selected.position AS export_position")}
                        FROM snapshot_customers s LEFT JOIN export_reasons r ON r.customer_id = s.customer_id {ActionJoins(date)}
                        {(customers is null ? "" : "JOIN export_selection selected ON selected.customer_id = s.customer_id")}
                        WHERE s.as_of = {date}
                    )
                    {(customers is null ? "" : "ORDER BY export_position")}
                ) TO {Literal(temporary)} ({format})
                """);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            Execute(workspace, "DROP TABLE IF EXISTS export_actions");
            Execute(workspace, "DROP TABLE IF EXISTS export_selection");
            Execute(workspace, "DROP TABLE IF EXISTS export_reasons");
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        return new ExportResult(full, day, customers?.Count ?? Count(workspace, day),
            2 + SnapshotSchema.FigureColumns.Count + 2 * Dimensions.All.Count + SnapshotSchema.LiveColumns.Count + 1 + (currency is null ? 0 : 1));
    }

    /// <summary>
    /// The snapshot's columns as exported: as-of date, customer, figures, each dimension's class and reason (a rendered one from
    /// <c>export_reasons</c>), the live columns. The figures stored only to render reasons are not exported: the reasons are.
    /// </summary>
    private static string ExportedColumns()
    {
        IEnumerable<string> columns =
        [
            "s.as_of", "s.customer_id",
            .. SnapshotSchema.FigureColumns.Select(f => $"s.{f.Name}"),
            .. Dimensions.All.SelectMany(d => new[] { $"s.{d}", $"{(SnapshotSchema.StoresReason(d) ? "s" : "r")}.{SnapshotSchema.ReasonColumn(d)}" }),
            .. SnapshotSchema.LiveColumns.Select(c => $"s.{c.Name}"),
        ];
        return string.Join(", ", columns);
    }

    /// <summary>
    /// The rendered reasons of the exported customers (<see cref="SnapshotReasons"/>), one row per customer in a temporary
    /// table the export joins: <c>COPY</c> cannot call .NET, so the reasons are rendered first, in one pass over the rows.
    /// </summary>
    private static void FillReasons(Workspace workspace, DateOnly day, bool selected)
    {
        var rendered = Dimensions.All.Where(d => !SnapshotSchema.StoresReason(d)).ToList();
        Execute(workspace, $"CREATE OR REPLACE TEMP TABLE export_reasons (customer_id VARCHAR{string.Concat(rendered.Select(d => $", {SnapshotSchema.ReasonColumn(d)} VARCHAR"))})");
        if (rendered.Count == 0) return;
        using var command = workspace.Connection.CreateCommand();
        command.CommandText = $"SELECT s.customer_id, {string.Join(", ", rendered.Select(d => SnapshotReasons.Select(d, "s")))} FROM snapshot_customers s " +
            (selected ? "JOIN export_selection selected ON selected.customer_id = s.customer_id " : "") + "WHERE s.as_of = CAST($as_of AS DATE)";
        command.Parameters.Add(DayParameter("as_of", day));
        using var reader = command.ExecuteReader();
        var reasons = SnapshotReasons.Of(workspace, day);
        using var appender = workspace.Connection.CreateAppender("temp", "main", "export_reasons");
        while (reader.Read())
        {
            var row = appender.CreateRow().AppendValue(reader.GetString(0));
            var at = 1;
            foreach (var d in rendered)
            {
                row.AppendValue(reasons.Read(reader, at, d));
                at += SnapshotReasons.Width(d);
            }
            row.EndRow();
        }
    }

    /// <summary>Every text column of the export, each as <see cref="CsvCell.SqlNeutralised"/> writes it, for a <c>REPLACE</c> list.</summary>
    private static string NeutralisedTextColumns()
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

    /// <summary>The actions of each customer: one text per dimension, joined, without the dimensions that have none.</summary>
    private static string ActionsColumn() =>
        $"NULLIF(concat_ws(' | ', {string.Join(", ", Dimensions.All.Select((_, i) => $"a{i}.text"))}), '')";

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
