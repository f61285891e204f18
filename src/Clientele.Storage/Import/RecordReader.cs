using System.Text;

namespace Clientele.Storage.Import;

/// <summary>
/// Reads the records of a delimited text file one at a time, keeping the line number each record
/// starts on. Fields are spans into an internal buffer valid until the next <see cref="Read"/>.
/// Quoted fields (RFC 4180) may span lines; CR LF and LF endings are both accepted.
/// </summary>
internal sealed class RecordReader : IDisposable
{
    /// <summary>The character a byte that is not valid in the file's encoding decodes to (a non-character, never in real text).</summary>
    public const char InvalidByteMarker = '\uFFFF';

    private const int MaxRecordLines = 10_000;

    private readonly Stream _stream;
    private readonly StreamReader _reader;
    private readonly char _delimiter;
    private readonly bool _whitespace;
    private char[] _buffer = new char[1 << 16];
    private int _position;
    private int _length;
    private bool _endOfFile;
    private long _nextLine = 1;
    private char[] _record = new char[1024];
    private int _recordLength;
    private readonly List<(int Start, int Length)> _fields = new(16);

    public RecordReader(Stream stream, ImportEncoding encoding, Delimiter delimiter)
    {
        if (delimiter == Delimiter.Auto)
            throw new ArgumentException("resolve the delimiter before reading", nameof(delimiter));
        _stream = stream;
        Encoding textEncoding = encoding == ImportEncoding.Latin1
            ? Encoding.Latin1
            : new UTF8Encoding(false, false);
        if (encoding == ImportEncoding.Utf8)
        {
            textEncoding = (Encoding)textEncoding.Clone();
            textEncoding.DecoderFallback = new DecoderReplacementFallback(InvalidByteMarker.ToString());
        }
        _reader = new StreamReader(stream, textEncoding, detectEncodingFromByteOrderMarks: encoding == ImportEncoding.Utf8, bufferSize: 1 << 16);
        _whitespace = delimiter == Delimiter.Whitespace;
        _delimiter = delimiter switch
        {
            Delimiter.Comma => ',',
            Delimiter.Semicolon => ';',
            Delimiter.Tab => '\t',
            _ => ' ',
        };
    }

    /// <summary>The line the current record starts on (1-based).</summary>
    public long Line { get; private set; }

    /// <summary>How many physical lines the current record spans.</summary>
    public int LineSpan { get; private set; }

    /// <summary>The number of fields of the current record.</summary>
    public int FieldCount => _fields.Count;

    /// <summary>Bytes of the file consumed so far (for progress).</summary>
    public long BytesRead => _stream.Position;

    /// <summary>The field at this index of the current record.</summary>
    public ReadOnlySpan<char> Field(int index)
    {
        var (start, length) = _fields[index];
        return _record.AsSpan(start, length);
    }

    /// <summary>The text of the current record as it was read (fields already unquoted are re-joined).</summary>
    public string RawText { get; private set; } = "";

    /// <summary>The index of the first field holding bytes that are not valid in the file's encoding, or -1.</summary>
    public int InvalidEncodingField { get; private set; } = -1;

    /// <summary>
    /// Reads the next record; false at the end of the file. Blank lines are skipped.
    /// Throws <see cref="FormatException"/> for a quoted field that never closes.
    /// </summary>
    public bool Read()
    {
        _recordLength = 0;
        _fields.Clear();
        InvalidEncodingField = -1;
        ReadOnlySpan<char> line;
        do
        {
            if (!NextLine(out line)) return false;
            Line = _nextLine - 1;
        }
        while (IsBlank(line));

        Append(line);
        LineSpan = 1;
        if (!_whitespace)
        {
            var quotes = line.Count('"');
            while ((quotes & 1) == 1)
            {
                if (LineSpan >= MaxRecordLines || !NextLine(out line))
                    throw new FormatException($"a quoted field opened on line {Line} is never closed (a '\"' inside an unquoted field, or a missing closing quote)");
                Append("\n");
                Append(line);
                LineSpan++;
                quotes += line.Count('"');
            }
        }
        RawText = new string(_record, 0, _recordLength);
        if (_whitespace) SplitWhitespace();
        else SplitDelimited();
        if (_record.AsSpan(0, _recordLength).Contains(InvalidByteMarker))
        {
            for (var i = 0; i < _fields.Count; i++)
            {
                if (Field(i).Contains(InvalidByteMarker))
                {
                    InvalidEncodingField = i;
                    break;
                }
            }
        }
        return true;
    }

    private static bool IsBlank(ReadOnlySpan<char> line) => line.IsWhiteSpace();

    private void Append(ReadOnlySpan<char> text)
    {
        if (_recordLength + text.Length > _record.Length)
            Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordLength + text.Length));
        text.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += text.Length;
    }

    private void SplitWhitespace()
    {
        var span = _record.AsSpan(0, _recordLength);
        var i = 0;
        while (i < span.Length)
        {
            while (i < span.Length && (span[i] == ' ' || span[i] == '\t')) i++;
            if (i >= span.Length) break;
            var start = i;
            while (i < span.Length && span[i] != ' ' && span[i] != '\t') i++;
            _fields.Add((start, i - start));
        }
    }

    private void SplitDelimited()
    {
        var record = _record;
        var n = _recordLength;
        var i = 0;
        while (true)
        {
            if (i < n && record[i] == '"')
            {
                var start = i;
                var write = i;
                i++;
                while (i < n)
                {
                    var c = record[i];
                    if (c == '"')
                    {
                        if (i + 1 < n && record[i + 1] == '"')
                        {
                            record[write++] = '"';
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    record[write++] = c;
                    i++;
                }
                _fields.Add((start, write - start));
                // Anything between the closing quote and the delimiter is kept out; blanks are common there.
                var next = record.AsSpan(i, n - i).IndexOf(_delimiter);
                if (next < 0) break;
                i += next + 1;
            }
            else
            {
                var rest = record.AsSpan(i, n - i);
                var next = rest.IndexOf(_delimiter);
                if (next < 0)
                {
                    _fields.Add((i, n - i));
                    break;
                }
                _fields.Add((i, next));
                i += next + 1;
            }
            if (i == n)
            {
                _fields.Add((n, 0));
                break;
            }
        }
    }

    private bool NextLine(out ReadOnlySpan<char> line)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_position, _length - _position);
            var newline = pending.IndexOf('\n');
            if (newline >= 0)
            {
                line = TrimCarriageReturn(pending[..newline]);
                _position += newline + 1;
                _nextLine++;
                return true;
            }
            if (_endOfFile)
            {
                if (pending.IsEmpty)
                {
                    line = default;
                    return false;
                }
                line = TrimCarriageReturn(pending);
                _position = _length;
                _nextLine++;
                return true;
            }
            if (_position > 0)
            {
                pending.CopyTo(_buffer);
                _length = pending.Length;
                _position = 0;
            }
            if (_length == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            var read = _reader.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0) _endOfFile = true;
            else _length += read;
        }
    }

    private static ReadOnlySpan<char> TrimCarriageReturn(ReadOnlySpan<char> line) =>
        line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;

    /// <summary>Detects the delimiter from a file's first non-blank line.</summary>
    public static Delimiter Detect(string firstLine)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in firstLine)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c == ',') commas++;
            else if (!quoted && c == ';') semicolons++;
            else if (!quoted && c == '\t') tabs++;
        }
        if (commas == 0 && semicolons == 0 && tabs == 0)
            return firstLine.Trim().Contains(' ', StringComparison.Ordinal) ? Delimiter.Whitespace : Delimiter.Comma;
        if (tabs >= commas && tabs >= semicolons) return Delimiter.Tab;
        return semicolons > commas ? Delimiter.Semicolon : Delimiter.Comma;
    }

    public void Dispose() => _reader.Dispose();
}
