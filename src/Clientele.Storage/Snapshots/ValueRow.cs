namespace Clientele.Storage.Snapshots;

/// <summary>
/// A snapshot's rows kept as values, one array a row in the order of the columns it was made for, for an engine that takes a
/// few rows as statement parameters (<see cref="DuckDb.DuckDbSnapshotLoad"/>'s path for a live update's handful of rows). A
/// null is <see cref="DBNull.Value"/>; numbers stay the doubles they are, so nothing is lost to a text form.
/// </summary>
internal sealed class ValueRow(string table, IReadOnlyList<(string Name, string Type)> columns) : SnapshotRow(table, columns)
{
    private readonly string _table = table;
    private readonly int _width = columns.Count;
    private object[] _current = new object[columns.Count];
    private int _at;

    /// <summary>The rows ended so far, each one value a column.</summary>
    public List<object[]> Rows { get; } = [];

    private void Put(object? value)
    {
        if (_at >= _width) throw new InvalidOperationException($"a row of {_table} was given more than its {_width} columns.");
        _current[_at++] = value ?? DBNull.Value;
    }

    protected override void WriteDate(DateOnly value) => Put(value);

    protected override void WriteText(string? value) => Put(value);

    protected override void WriteNumber(double? value) => Put(value);

    protected override void WriteInteger(int? value) => Put(value);

    protected override void WriteBoolean(bool? value) => Put(value);

    protected override void WriteEnd()
    {
        if (_at != _width) throw new InvalidOperationException($"a row of {_table} was given {_at} of its {_width} columns.");
        Rows.Add(_current);
        _current = new object[_width];
        _at = 0;
    }
}
