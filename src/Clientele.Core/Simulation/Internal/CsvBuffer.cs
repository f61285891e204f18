using System.Buffers;
using System.Text;

namespace Clientele.Simulation.Internal;

/// <summary>
/// Rows of one CSV file built straight into UTF-8 bytes: comma delimiter, <c>\n</c> line ends,
/// RFC 4180 quoting for values holding a comma, quote or line break, invariant numbers. Ids whose
/// number is only known once earlier chunks are written (orders, interactions) go in as zero
/// placeholders and are filled by <see cref="PatchIds"/>.
/// </summary>
internal sealed class CsvBuffer
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");
    private static readonly long[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000];

    private readonly List<int> _idSlots = [];
    private byte[] _bytes;
    private int _length;
    private bool _inRow;
    private int _idWidth;

    public CsvBuffer(int capacity = 1 << 16) => _bytes = new byte[capacity];

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);

    public int Length => _length;

    /// <summary>Complete rows written since the last <see cref="Clear"/>.</summary>
    public long Rows { get; private set; }

    /// <summary>Placeholder ids written since the last <see cref="Clear"/>.</summary>
    public int IdSlots => _idSlots.Count;

    public void Clear()
    {
        _length = 0;
        _inRow = false;
        Rows = 0;
        _idSlots.Clear();
    }

    public void Header(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            Ascii(name);
        }

        Ensure(1);
        _bytes[_length++] = (byte)'\n';
        _inRow = false;
    }

    public void EndRow()
    {
        Ensure(1);
        _bytes[_length++] = (byte)'\n';
        _inRow = false;
        Rows++;
    }

    public void Empty() => Begin(0);

    /// <summary>Free text, quoted when it must be.</summary>
    public void Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Empty();
            return;
        }

        if (value.AsSpan().IndexOfAny(NeedsQuotes) >= 0)
        {
            var escaped = value.Replace("\"", "\"\"", StringComparison.Ordinal);
            var at = Begin(Encoding.UTF8.GetMaxByteCount(escaped.Length) + 2);
            _bytes[at] = (byte)'"';
            var written = Encoding.UTF8.GetBytes(escaped, _bytes.AsSpan(at + 1));
            _bytes[at + 1 + written] = (byte)'"';
            _length = at + written + 2;
            return;
        }

        var start = Begin(Encoding.UTF8.GetMaxByteCount(value.Length));
        _length = start + Encoding.UTF8.GetBytes(value, _bytes.AsSpan(start));
    }

    /// <summary>A word known to be ASCII without delimiters (ids, choice words, column names).</summary>
    public void Ascii(string value)
    {
        var at = Begin(value.Length);
        for (var k = 0; k < value.Length; k++)
        {
            _bytes[at + k] = (byte)value[k];
        }

        _length = at + value.Length;
    }

    public void Boolean(bool value) => Ascii(value ? "true" : "false");

    public void Integer(long value)
    {
        var at = Begin(20);
        _length = at + WriteDigits(value, _bytes.AsSpan(at));
    }

    /// <summary>A number with a fixed count of decimals (0-7), rounded half away from zero.</summary>
    public void Fixed(double value, int decimals)
    {
        var scaled = (long)Math.Round(value * Powers[decimals], MidpointRounding.AwayFromZero);
        var at = Begin(24 + decimals);
        var span = _bytes.AsSpan(at);
        var n = 0;
        if (scaled < 0)
        {
            span[n++] = (byte)'-';
            scaled = -scaled;
        }

        n += WriteDigits(scaled / Powers[decimals], span[n..]);
        if (decimals > 0)
        {
            span[n++] = (byte)'.';
            var fraction = scaled % Powers[decimals];
            for (var k = decimals - 1; k >= 0; k--)
            {
                span[n + k] = (byte)('0' + (fraction % 10));
                fraction /= 10;
            }

            n += decimals;
        }

        _length = at + n;
    }

    /// <summary>An id: the prefix then the number, zero padded to the width.</summary>
    public void Id(char prefix, long number, int width)
    {
        var at = Begin(width + 21);
        _bytes[at] = (byte)prefix;
        _length = at + 1 + WritePadded(number, width, _bytes.AsSpan(at + 1));
    }

    /// <summary>An id whose number <see cref="PatchIds"/> fills in later; every slot of a buffer has the same width.</summary>
    public void IdSlot(char prefix, int width)
    {
        var at = Begin(width + 1);
        _bytes[at] = (byte)prefix;
        _idSlots.Add(at + 1);
        _idWidth = width;
        _bytes.AsSpan(at + 1, width).Fill((byte)'0');
        _length = at + 1 + width;
    }

    /// <summary>Numbers the placeholder ids first, first + 1, ... in the order they were written.</summary>
    public void PatchIds(long first)
    {
        var limit = 1L;
        for (var d = 0; d < Math.Min(_idWidth, 18); d++)
        {
            limit *= 10;
        }

        for (var k = 0; k < _idSlots.Count; k++)
        {
            var number = first + k;
            if (number >= limit)
            {
                throw new InvalidOperationException($"Id {number} does not fit in {_idWidth} digits.");
            }

            var span = _bytes.AsSpan(_idSlots[k], _idWidth);
            for (var d = _idWidth - 1; d >= 0 && number > 0; d--)
            {
                span[d] = (byte)('0' + (number % 10));
                number /= 10;
            }
        }
    }

    /// <summary>A simulated day as <c>yyyy-MM-dd</c>.</summary>
    public void Day(SimulationCalendar calendar, int day)
    {
        var at = Begin(10);
        calendar.Text(day).CopyTo(_bytes.AsSpan(at));
        _length = at + 10;
    }

    /// <summary>A simulated moment as <c>yyyy-MM-ddTHH:mm:ss</c>.</summary>
    public void Moment(SimulationCalendar calendar, int day, int secondOfDay)
    {
        var at = Begin(19);
        var span = _bytes.AsSpan(at, 19);
        calendar.Text(day).CopyTo(span);
        span[10] = (byte)'T';
        Two(span[11..], secondOfDay / 3600);
        span[13] = (byte)':';
        Two(span[14..], secondOfDay / 60 % 60);
        span[16] = (byte)':';
        Two(span[17..], secondOfDay % 60);
        _length = at + 19;
    }

    /// <summary>Any date as <c>yyyy-MM-dd</c>.</summary>
    public void Date(DateOnly date)
    {
        var at = Begin(10);
        FormatDate(date, _bytes.AsSpan(at, 10));
        _length = at + 10;
    }

    /// <summary>Writes the bytes to the stream; the buffer keeps them.</summary>
    public void CopyTo(Stream stream) => stream.Write(_bytes, 0, _length);

    /// <summary>Writes the complete rows to the stream and forgets their bytes; <see cref="Rows"/> keeps counting.</summary>
    public void Drain(Stream stream)
    {
        if (_inRow || _idSlots.Count > 0)
        {
            throw new InvalidOperationException("Only complete rows without id placeholders can be drained.");
        }

        stream.Write(_bytes, 0, _length);
        _length = 0;
    }

    public static void FormatDate(DateOnly date, Span<byte> destination)
    {
        var year = date.Year;
        destination[0] = (byte)('0' + (year / 1000));
        destination[1] = (byte)('0' + (year / 100 % 10));
        Two(destination[2..], year % 100);
        destination[4] = (byte)'-';
        Two(destination[5..], date.Month);
        destination[7] = (byte)'-';
        Two(destination[8..], date.Day);
    }

    private static void Two(Span<byte> destination, int value)
    {
        destination[0] = (byte)('0' + (value / 10));
        destination[1] = (byte)('0' + (value % 10));
    }

    private static int WriteDigits(long value, Span<byte> destination)
    {
        value.TryFormat(destination, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        return written;
    }

    private static int WritePadded(long number, int width, Span<byte> destination)
    {
        Span<byte> digits = stackalloc byte[20];
        var count = WriteDigits(number, digits);
        var pad = Math.Max(0, width - count);
        destination[..pad].Fill((byte)'0');
        digits[..count].CopyTo(destination[pad..]);
        return pad + count;
    }

    /// <summary>Starts a field: room for <paramref name="maxBytes"/> more bytes and the comma; returns where the value goes.</summary>
    private int Begin(int maxBytes)
    {
        Ensure(maxBytes + 2);
        if (_inRow)
        {
            _bytes[_length++] = (byte)',';
        }

        _inRow = true;
        return _length;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _bytes.Length)
        {
            return;
        }

        var grown = new byte[Math.Max(_bytes.Length * 2, _length + more)];
        _bytes.AsSpan(0, _length).CopyTo(grown);
        _bytes = grown;
    }
}
