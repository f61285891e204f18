using System.Text;

namespace Clientele.Storage.Import;

/// <summary>
/// Reads the records of a delimited text file one at a time, keeping the line number each record
/// starts on. Fields are spans into an internal buffer valid until the next <see cref="Read"/>.
/// Quoted fields (RFC 4180) may span lines; CR LF and LF endings are both accepted, and so are CR-only endings
/// (old Mac files) when the file's first line break is a CR without an LF.
/// </summary>
internal sealed class RecordReader : IDisposable
{
    /// <summary>The character a byte that is not valid in the file's encoding decodes to (a non-character, never in real text).</summary>
    public const char InvalidByteMarker = '\uFFFF';

    private const int MaxRecordLines = 10_000;

    /// <summary>The longest line read (16 Mi characters): far beyond any row of bounded values, short of exhausting memory.</summary>
    public const int MaxLineLength = 1 << 24;

    private readonly Stream _stream;
    private readonly StreamReader _reader;
    private readonly char _delimiter;
    private readonly bool _whitespace;
    private char[] _buffer = new char[1 << 16];
    private int _position;
    private int _length;
    private bool _endOfFile;
    private long _nextLine = 1;
    // The character that ends a line: '\n' (LF or CR LF), '\r' for a CR-only file, '\0' until the first line break is seen.
    private char _lineEnd;
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
        return _text.AsSpan(start, length);
    }

    // The array the current record's fields point into: the read buffer itself for a record on one line
    // (no copy), or _record for one whose quoted fields span lines.
    private char[] _text = [];
    private int _start;
    private int _textLength;
    private string? _rawText;

    /// <summary>The text of the current record as it was read (made on demand: most records never need it).</summary>
    public string RawText => _rawText ??= new string(_text, _start, _textLength);

    /// <summary>The field at this index as memory over the reader's buffer, valid until the next <see cref="Read"/>.</summary>
    public ReadOnlyMemory<char> FieldMemory(int index)
    {
        var (start, length) = _fields[index];
        return new ReadOnlyMemory<char>(_text, start, length);
    }

    /// <summary>The index of the first field holding bytes that are not valid in the file's encoding, or -1.</summary>
    public int InvalidEncodingField { get; private set; } = -1;

    /// <summary>The index of the first field holding a NUL (zero) character, which no text file holds, or -1.</summary>
    public int NulField { get; private set; } = -1;

    /// <summary>
    /// Reads the next record; false at the end of the file. Blank lines are skipped.
    /// Throws <see cref="FormatException"/> for a quoted field that never closes.
    /// </summary>
    public bool Read()
    {
        _fields.Clear();
        InvalidEncodingField = -1;
        NulField = -1;
        int lineStart, lineLength;
        do
        {
            if (!NextLine(out lineStart, out lineLength)) return false;
            Line = _nextLine - 1;
        }
        while (_buffer.AsSpan(lineStart, lineLength).IsWhiteSpace());

        (_text, _start, _textLength) = (_buffer, lineStart, lineLength);
        LineSpan = 1;
        var quoted = false;
        if (!_whitespace)
        {
            var quotes = _buffer.AsSpan(lineStart, lineLength).Count('"');
            quoted = quotes > 0;
            if ((quotes & 1) == 1)
            {
                // A quoted field goes on past the line: gather the lines (reading more may move the buffer).
                _recordLength = 0;
                Append(_buffer.AsSpan(lineStart, lineLength));
                while ((quotes & 1) == 1)
                {
                    if (LineSpan >= MaxRecordLines || _recordLength > MaxLineLength || !NextLine(out lineStart, out lineLength))
                        throw new FormatException($"a quoted field opened on line {Line} is never closed (a '\"' inside an unquoted field, or a missing closing quote)");
                    var next = _buffer.AsSpan(lineStart, lineLength);
                    Append("\n");
                    Append(next);
                    LineSpan++;
                    quotes += next.Count('"');
                }
                (_text, _start, _textLength) = (_record, 0, _recordLength);
            }
        }
        // Unquoting rewrites the text in place, so a record with quotes keeps its original text now.
        _rawText = quoted ? new string(_text, _start, _textLength) : null;
        if (_whitespace) SplitWhitespace();
        else SplitDelimited();
        if (_text.AsSpan(_start, _textLength).ContainsAny(InvalidByteMarker, '\0'))
        {
            InvalidEncodingField = FirstFieldWith(InvalidByteMarker);
            NulField = FirstFieldWith('\0');
        }
        return true;
    }

    private int FirstFieldWith(char c)
    {
        for (var i = 0; i < _fields.Count; i++)
            if (Field(i).Contains(c)) return i;
        return -1;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_recordLength + text.Length > _record.Length)
            Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordLength + text.Length));
        text.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += text.Length;
    }

    private void SplitWhitespace()
    {
        var text = _text;
        var end = _start + _textLength;
        var i = _start;
        while (i < end)
        {
            while (i < end && (text[i] == ' ' || text[i] == '\t')) i++;
            if (i >= end) break;
            var start = i;
            while (i < end && text[i] != ' ' && text[i] != '\t') i++;
            _fields.Add((start, i - start));
        }
    }

    private void SplitDelimited()
    {
        var record = _text;
        var n = _start + _textLength;
        var i = _start;
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
                // Anything between the closing quote and the delimiter is left out; blanks are common there.
                var next = record.AsSpan(i, n - i).IndexOf(_delimiter);
                if (next < 0) break;
                i += next + 1;
            }
            else
            {
                var next = record.AsSpan(i, n - i).IndexOf(_delimiter);
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

    /// <summary>The next line as a position in the read buffer, valid until the next call (which may move the buffer).</summary>
    private bool NextLine(out int start, out int length)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_position, _length - _position);
            if (_lineEnd == '\0') _lineEnd = LineEnd(pending, _endOfFile);
            var newline = _lineEnd == '\0' ? -1 : pending.IndexOf(_lineEnd);
            if (newline >= 0)
            {
                start = _position;
                length = _lineEnd == '\n' && newline > 0 && pending[newline - 1] == '\r' ? newline - 1 : newline;
                _position += newline + 1;
                _nextLine++;
                return true;
            }
            if (_endOfFile)
            {
                if (pending.IsEmpty)
                {
                    start = length = 0;
                    return false;
                }
                start = _position;
                length = pending[^1] == '\r' ? pending.Length - 1 : pending.Length;
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
            if (_length == _buffer.Length)
            {
                if (_buffer.Length >= MaxLineLength)
                    throw new FormatException($"line {_nextLine} is longer than {MaxLineLength:N0} characters: no row of values within the import's bounds is that long (is the file a text file with line breaks?)");
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            var read = _reader.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0) _endOfFile = true;
            else _length += read;
        }
    }

    /// <summary>The file's line end from its first line break: CR LF and LF end lines at LF, a CR alone at CR; '\0' when more text is needed to tell.</summary>
    private static char LineEnd(ReadOnlySpan<char> text, bool endOfFile)
    {
        var i = text.IndexOfAny('\r', '\n');
        if (i >= 0 && text[i] == '\n') return '\n';
        if (i >= 0 && i + 1 < text.Length) return text[i + 1] == '\n' ? '\n' : '\r';
        return endOfFile ? '\n' : '\0';
    }

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
