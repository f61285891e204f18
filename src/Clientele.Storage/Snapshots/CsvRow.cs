using System.Globalization;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// A snapshot row as a CSV line for DuckDB's reader: text always quoted (quotes doubled), so an empty string stays empty
/// while a null is an empty unquoted field; numbers invariant and round-trippable.
/// </summary>
internal sealed class CsvRow(TextWriter writer, string table, IReadOnlyList<(string Name, string Type)> columns) : SnapshotRow(table, columns)
{
    private bool _first = true;
    private DateOnly _day;
    private string? _dayText;

    private TextWriter Field()
    {
        if (!_first) writer.Write(',');
        _first = false;
        return writer;
    }

    // Every row of a snapshot has the same date: formatted once.
    protected override void WriteDate(DateOnly value)
    {
        if (_dayText is null || value != _day) (_day, _dayText) = (value, value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Field().Write(_dayText);
    }

    protected override void WriteText(string? value)
    {
        var w = Field();
        if (value is null) return;
        w.Write('"');
        if (value.Contains('"', StringComparison.Ordinal)) w.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        else w.Write(value);
        w.Write('"');
    }

    protected override void WriteNumber(double? value)
    {
        var w = Field();
        if (value is { } v) w.Write(v.ToString("R", CultureInfo.InvariantCulture));
    }

    protected override void WriteInteger(int? value)
    {
        var w = Field();
        if (value is { } v) w.Write(v.ToString(CultureInfo.InvariantCulture));
    }

    protected override void WriteBoolean(bool? value)
    {
        var w = Field();
        if (value is { } v) w.Write(v ? "true" : "false");
    }

    protected override void WriteEnd()
    {
        writer.Write('\n');
        _first = true;
    }
}
