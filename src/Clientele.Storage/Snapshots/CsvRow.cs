using System.Globalization;
using System.Text;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// Snapshot rows as CSV lines for DuckDB's reader, in UTF-8 bytes in a buffer of their own (so that several chunks of rows are
/// formatted at once, <see cref="DuckDb.DuckDbSnapshotLoad"/>): text always quoted (quotes doubled), so an empty string stays
/// empty while a null is an empty unquoted field; numbers invariant and round-trippable ("R"), formatted straight into the
/// buffer with no string made.
/// </summary>
internal sealed class CsvRow(string table, IReadOnlyList<(string Name, string Type)> columns) : SnapshotRow(table, columns)
{
    private static readonly byte[] True = "true"u8.ToArray();
    private static readonly byte[] False = "false"u8.ToArray();

    /// <summary>Whole numbers below this (in size) are written as integers: "R" gives them in plain digits too (it turns to an exponent only past 1e15); -0 keeps "R"'s "-0".</summary>
    private const double WholeBelow = 1e15;

    private byte[] _buffer = new byte[1 << 16];
    private int _length;
    private bool _first = true;
    private DateOnly _day;
    private byte[]? _dayText;

    /// <summary>The bytes written since the last <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Empties the buffer (its capacity is kept for the next chunk).</summary>
    public void Clear() => _length = 0;

    private Span<byte> Free(int atLeast)
    {
        if (_buffer.Length - _length < atLeast) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + atLeast));
        return _buffer.AsSpan(_length);
    }

    private void Field()
    {
        if (_first)
        {
            _first = false;
            return;
        }
        Free(1)[0] = (byte)',';
        _length++;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Free(bytes.Length));
        _length += bytes.Length;
    }

    // Every row of a snapshot has the same date: formatted once.
    protected override void WriteDate(DateOnly value)
    {
        Field();
        if (_dayText is null || value != _day) (_day, _dayText) = (value, Encoding.UTF8.GetBytes(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Append(_dayText);
    }

    protected override void WriteText(string? value)
    {
        Field();
        if (value is null) return;
        if (value.Contains('"', StringComparison.Ordinal)) value = value.Replace("\"", "\"\"", StringComparison.Ordinal);
        var span = Free(Encoding.UTF8.GetMaxByteCount(value.Length) + 2);
        span[0] = (byte)'"';
        var written = Encoding.UTF8.GetBytes(value, span[1..]);
        span[written + 1] = (byte)'"';
        _length += written + 2;
    }

    protected override void WriteNumber(double? value)
    {
        Field();
        if (value is not { } v) return;
        // Most figures are whole numbers (counts, days, whole amounts): formatted as the integer they are, the same text "R" gives
        // and some nine times faster (84 against 9 ns a value measured), a second of the format of a million customers' rows.
        if (v == Math.Floor(v) && Math.Abs(v) < WholeBelow && (v != 0 || !double.IsNegative(v)))
        {
            if (!((long)v).TryFormat(Free(20), out var digits, default, CultureInfo.InvariantCulture)) throw new InvalidOperationException($"{v} did not fit 20 bytes.");
            _length += digits;
            return;
        }
        // "R" is the shortest text that reads back as the same double (at most 24 bytes).
        if (!v.TryFormat(Free(32), out var written, "R", CultureInfo.InvariantCulture)) throw new InvalidOperationException($"{v} did not fit 32 bytes.");
        _length += written;
    }

    protected override void WriteInteger(int? value)
    {
        Field();
        if (value is not { } v) return;
        if (!v.TryFormat(Free(11), out var written, default, CultureInfo.InvariantCulture)) throw new InvalidOperationException($"{v} did not fit 11 bytes.");
        _length += written;
    }

    protected override void WriteBoolean(bool? value)
    {
        Field();
        if (value is { } v) Append(v ? True : False);
    }

    protected override void WriteEnd()
    {
        Free(1)[0] = (byte)'\n';
        _length++;
        _first = true;
    }
}
