namespace Clientele.Storage.Snapshots;

/// <summary>
/// One row of a snapshot table written field by field, in the order of the columns it was made for, by the engine's row sink
/// (<see cref="SnapshotLoad"/>): a CSV line for DuckDB's reader (<see cref="CsvRow"/>), a row of PostgreSQL's binary
/// <c>COPY</c>. A number that is NaN (no value) is a null. An infinite number is refused with a
/// <see cref="WorkspaceException"/> naming the column: nothing infinite is ever stored in a snapshot (values within the
/// import's bounds never make one; the guard is for what would).
/// </summary>
internal abstract class SnapshotRow(string table, IReadOnlyList<(string Name, string Type)> columns)
{
    private int _field;
    private long _row = 1;

    public SnapshotRow Date(DateOnly value)
    {
        Next();
        WriteDate(value);
        return this;
    }

    public SnapshotRow Text(string? value)
    {
        Next();
        WriteText(value);
        return this;
    }

    public SnapshotRow Number(double? value)
    {
        Next();
        if (value is { } v && double.IsInfinity(v))
        {
            var column = _field <= columns.Count ? columns[_field - 1].Name : $"column {_field}";
            throw new WorkspaceException(
                $"the analysis produced an infinite {column} (row {_row:N0} of {table}); nothing was saved. The data holds values too large to add up: " +
                "check the amounts, margins and costs of the biggest customers (clientele summary --format csv).");
        }
        WriteNumber(value is { } finite && !double.IsNaN(finite) ? finite : null);
        return this;
    }

    public SnapshotRow Integer(int? value)
    {
        Next();
        WriteInteger(value);
        return this;
    }

    public SnapshotRow Boolean(bool? value)
    {
        Next();
        WriteBoolean(value);
        return this;
    }

    /// <summary>Numbers the next row <paramref name="row"/> (from 1) in the messages: a row formatted in a chunk of its own counts from the chunk's first item.</summary>
    internal void NumberFrom(long row) => _row = row;

    public void End()
    {
        WriteEnd();
        _field = 0;
        _row++;
    }

    private void Next()
    {
        if (_field++ == 0) Begin();
    }

    /// <summary>Called before a row's first field.</summary>
    protected virtual void Begin()
    {
    }

    protected abstract void WriteDate(DateOnly value);

    protected abstract void WriteText(string? value);

    protected abstract void WriteNumber(double? value);

    protected abstract void WriteInteger(int? value);

    protected abstract void WriteBoolean(bool? value);

    protected abstract void WriteEnd();
}
