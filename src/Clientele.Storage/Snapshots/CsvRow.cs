using System.Globalization;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// Writes one CSV row field by field for DuckDB's reader: text always quoted (quotes doubled), so an empty
/// string stays empty while a null is an empty unquoted field; numbers invariant and round-trippable; non-finite
/// numbers null.
/// </summary>
internal sealed class CsvRow(TextWriter writer)
{
    private bool _first = true;

    private TextWriter Next()
    {
        if (!_first) writer.Write(',');
        _first = false;
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
        if (value is { } v && double.IsFinite(v)) w.Write(v.ToString("R", CultureInfo.InvariantCulture));
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
    }
}
