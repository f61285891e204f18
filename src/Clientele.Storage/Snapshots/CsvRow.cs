using System.Globalization;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// Writes one CSV row field by field for DuckDB's reader: text always quoted (quotes doubled), so an empty
/// string stays empty while a null is an empty unquoted field; numbers invariant and round-trippable; NaN (no value)
/// null. An infinite number is refused with a <see cref="WorkspaceException"/> naming the column: nothing infinite is
/// ever stored in a snapshot (values within the import's bounds never make one; the guard is for what would).
/// </summary>
internal sealed class CsvRow(TextWriter writer, string table, IReadOnlyList<(string Name, string Type)> columns)
{
    private bool _first = true;
    private int _field;
    private long _row = 1;

    private TextWriter Next()
    {
        if (!_first) writer.Write(',');
        _first = false;
        _field++;
        return writer;
    }

    public CsvRow Raw(string value)
    {
        Next().Write(value);
        return this;
    }

    public CsvRow Text(string? value)
    {
        var w = Next();
        if (value is null) return this;
        w.Write('"');
        if (value.Contains('"', StringComparison.Ordinal)) w.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        else w.Write(value);
        w.Write('"');
        return this;
    }

    public CsvRow Number(double? value)
    {
        var w = Next();
        if (value is { } v && double.IsInfinity(v))
        {
            var column = _field <= columns.Count ? columns[_field - 1].Name : $"column {_field}";
            throw new WorkspaceException(
                $"the analysis produced an infinite {column} (row {_row:N0} of {table}); nothing was saved. The data holds values too large to add up: " +
                "check the amounts, margins and costs of the biggest customers (clientele summary --format csv).");
        }
        if (value is { } finite && !double.IsNaN(finite)) w.Write(finite.ToString("R", CultureInfo.InvariantCulture));
        return this;
    }

    public CsvRow Integer(int? value)
    {
        var w = Next();
        if (value is { } v) w.Write(v.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public CsvRow Boolean(bool? value)
    {
        var w = Next();
        if (value is { } v) w.Write(v ? "true" : "false");
        return this;
    }

    public void End()
    {
        writer.Write('\n');
        _first = true;
        _field = 0;
        _row++;
    }
}
