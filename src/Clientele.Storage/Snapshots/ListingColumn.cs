using System.Data.Common;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// One column of a <see cref="SnapshotListing"/>: numbers (any numeric or boolean SQL type, as doubles with a null mark)
/// or texts (a code per customer into a table of the distinct values, so a filter tests each distinct value once).
/// </summary>
internal abstract class ListingColumn
{
    /// <summary>The value of a row as <see cref="SnapshotQuery.Customers"/> gives it: double, int, long, bool or string; NaN and infinities as null.</summary>
    public abstract object? Value(int row);

    /// <summary>
    /// Each row's place in ascending SQL order (equal values share a place, from 0), or -1 for NULL. DuckDB's order:
    /// NaN above +infinity, strings by their UTF-8 bytes.
    /// </summary>
    public abstract int[] Places();

    internal abstract void Add(DbDataReader reader, int i, int row);

    internal abstract void Complete(int rows);

    /// <summary>Sets a row's value (a value as <c>DbDataReader.GetValue</c> gives it, null for NULL); a row at or past the end grows the column to <paramref name="rows"/>.</summary>
    internal abstract void Set(int row, object? value, int rows);

    /// <summary>
    /// How rows compare in the order of <see cref="Places"/>, for rows that are not NULL (<see cref="IsNull"/>): the same
    /// order, computed pairwise, so a few changed rows can be moved within a kept order without placing every row again.
    /// </summary>
    internal abstract Comparison<int> Comparer();

    /// <summary>Whether a row's value is NULL (placed -1 by <see cref="Places"/>).</summary>
    internal abstract bool IsNull(int row);

    /// <summary>Compares strings as DuckDB does: by their UTF-8 bytes, i.e. by code point (UTF-16 order differs for surrogates).</summary>
    public static int CompareUtf8(string? a, string? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        var common = a.AsSpan().CommonPrefixLength(b);
        if (common == a.Length || common == b.Length) return a.Length.CompareTo(b.Length);
        return CodePointOrder(a[common]).CompareTo(CodePointOrder(b[common]));
    }

    /// <summary>Moves surrogates above U+E000..U+FFFF, so a UTF-16 unit compares as the code point it starts.</summary>
    private static int CodePointOrder(char c) => c < 0xD800 ? c : c < 0xE000 ? c + 0x2000 : c - 0x800;

    /// <summary>Dense places of the rows listed in <paramref name="order"/>, already sorted; -1 for the rest.</summary>
    protected static int[] Dense(int rows, int[] order, Func<int, int, bool> same)
    {
        var places = new int[rows];
        Array.Fill(places, -1);
        var place = -1;
        for (var i = 0; i < order.Length; i++)
        {
            if (i == 0 || !same(order[i - 1], order[i])) place++;
            places[order[i]] = place;
        }
        return places;
    }
}

/// <summary>A numeric or boolean column: doubles, a null mark, and the CLR type the value is given back as.</summary>
internal sealed class ListingNumbers(Type type, int capacity) : ListingColumn
{
    private double[] _values = new double[capacity];
    private bool[] _nulls = new bool[capacity];

    public override object? Value(int row)
    {
        if (_nulls[row]) return null;
        var d = _values[row];
        if (type == typeof(double)) return double.IsFinite(d) ? d : null;
        if (type == typeof(float)) return double.IsFinite(d) ? d : null;
        if (type == typeof(int)) return (int)d;
        if (type == typeof(long)) return (long)d;
        if (type == typeof(short)) return (short)d;
        if (type == typeof(bool)) return d != 0;
        return d;
    }

    public override int[] Places()
    {
        var rows = _values.Length;
        var order = new List<int>(rows);
        var nans = new List<int>();
        for (var r = 0; r < rows; r++)
            if (!_nulls[r]) (double.IsNaN(_values[r]) ? nans : order).Add(r);
        var sorted = order.ToArray();
        var keys = Array.ConvertAll(sorted, r => _values[r]);
        Array.Sort(keys, sorted);
        int[] all = [.. sorted, .. nans];
        var values = _values;
        return Dense(rows, all, (a, b) => values[a] == values[b] || (double.IsNaN(values[a]) && double.IsNaN(values[b])));
    }

    internal override void Add(DbDataReader reader, int i, int row)
    {
        if (reader.IsDBNull(i)) _nulls[row] = true;
        else if (type == typeof(double)) _values[row] = reader.GetDouble(i);
        else if (type == typeof(int)) _values[row] = reader.GetInt32(i);
        else if (type == typeof(bool)) _values[row] = reader.GetBoolean(i) ? 1 : 0;
        else _values[row] = Convert.ToDouble(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal override void Complete(int rows)
    {
        Array.Resize(ref _values, rows);
        Array.Resize(ref _nulls, rows);
    }

    internal override void Set(int row, object? value, int rows)
    {
        if (rows > _values.Length) Complete(rows);
        _nulls[row] = value is null;
        _values[row] = value switch
        {
            null => 0,
            bool b => b ? 1 : 0,
            _ => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    internal override bool IsNull(int row) => _nulls[row];

    internal override Comparison<int> Comparer()
    {
        var values = _values;
        // DuckDB's order: NaN above +infinity, NaNs equal to each other.
        return (a, b) =>
        {
            var (x, y) = (values[a], values[b]);
            if (double.IsNaN(x)) return double.IsNaN(y) ? 0 : 1;
            if (double.IsNaN(y)) return -1;
            return x < y ? -1 : x > y ? 1 : 0;
        };
    }
}

/// <summary>A text column: a code per row into the distinct values (code 0 is NULL).</summary>
internal sealed class ListingTexts : ListingColumn
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly List<string?> _table = [null];
    private int[] _wide;
    private byte[]? _narrow;

    public ListingTexts(int capacity) => _wide = new int[capacity];

    /// <summary>The distinct values; index 0 is NULL.</summary>
    public IReadOnlyList<string?> Table => _table;

    /// <summary>The code of a row's value (an index into <see cref="Table"/>).</summary>
    public int Code(int row) => _narrow is { } narrow ? narrow[row] : _wide[row];

    public override object? Value(int row) => _table[Code(row)];

    /// <summary>Each code's place in ascending order; -1 for NULL.</summary>
    public int[] CodePlaces()
    {
        var codes = Enumerable.Range(1, _table.Count - 1).ToArray();
        Array.Sort(codes, (a, b) => CompareUtf8(_table[a], _table[b]));
        var places = new int[_table.Count];
        places[0] = -1;
        for (var i = 0; i < codes.Length; i++) places[codes[i]] = i;
        return places;
    }

    public override int[] Places() => ByCode(CodePlaces());

    /// <summary>Each row's place given a place per code.</summary>
    public int[] ByCode(int[] codePlaces)
    {
        var places = new int[_narrow?.Length ?? _wide.Length];
        for (var r = 0; r < places.Length; r++) places[r] = codePlaces[Code(r)];
        return places;
    }

    internal override void Add(DbDataReader reader, int i, int row)
    {
        if (reader.IsDBNull(i)) return;
        var text = reader.GetString(i);
        if (!_codes.TryGetValue(text, out var code))
        {
            code = _table.Count;
            _codes.Add(text, code);
            _table.Add(text);
        }
        _wide[row] = code;
    }

    internal override void Set(int row, object? value, int rows)
    {
        var code = 0;
        if (value is string text && !_codes.TryGetValue(text, out code))
        {
            code = _table.Count;
            _codes.Add(text, code);
            _table.Add(text);
        }
        if (_narrow is { } narrow)
        {
            if (code <= byte.MaxValue && rows <= narrow.Length)
            {
                narrow[row] = (byte)code;
                return;
            }
            // A value past the byte codes, or new rows: back to a code of four bytes per row until compacted.
            _wide = Array.ConvertAll(narrow, c => (int)c);
            _narrow = null;
        }
        if (rows > _wide.Length) Array.Resize(ref _wide, rows);
        _wide[row] = code;
    }

    /// <summary>After <see cref="Set"/>: back to a byte per row when the codes fit.</summary>
    internal void Compact()
    {
        if (_narrow is null) Complete(_wide.Length);
    }

    internal override bool IsNull(int row) => Code(row) == 0;

    internal override Comparison<int> Comparer() => ByCodeComparer(CodePlaces());

    /// <summary>Rows compared by a place per code (not NULL ones).</summary>
    internal Comparison<int> ByCodeComparer(int[] codePlaces) => (a, b) => codePlaces[Code(a)].CompareTo(codePlaces[Code(b)]);

    internal override void Complete(int rows)
    {
        Array.Resize(ref _wide, rows);
        if (_table.Count > byte.MaxValue + 1) return;
        // Most dimensions have a handful of classes: a byte per customer instead of four.
        _narrow = Array.ConvertAll(_wide, c => (byte)c);
        _wide = [];
    }
}
