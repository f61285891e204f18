using Clientele.Storage.Import;

namespace Clientele.Storage.Postgres;

/// <summary>
/// Rows written to their shards directly: one binary <c>COPY</c> into the table on each shard's connection
/// (<see cref="ShardTransactions"/>), all open at once, and each row sent to the shard PostgreSQL's hash partitioning would put it in
/// (<see cref="PartitionHash"/> of the distribution column). A row's values are held until the row is complete, since the
/// distribution column need not come first.
/// </summary>
internal sealed class ShardRowRouter : TableWriter
{
    private enum Kind : byte { Null, Text, Number, Integer, Unsigned, Decimal, Boolean, Timestamp, Date }

    /// <summary>One value of the row being written (a tagged union: only the field of its kind is set).</summary>
    private struct Cell
    {
        public Kind Kind;
        public long Integer;
        public double Number;
        public decimal Decimal;
        public string? Text;
        public DateTime Time;
    }

    private readonly PostgresTableWriter[] _shards;
    private readonly int _key;
    private readonly Cell[] _row;
    private int _column = -1;

    /// <param name="shards">A transaction on each shard, in partition order.</param>
    /// <param name="table">The table on every shard.</param>
    /// <param name="columns">The columns written, in the order of each row's values.</param>
    /// <param name="distribution">The column whose hash names the shard (a text column of <paramref name="columns"/>).</param>
    public ShardRowRouter(ShardTransactions shards, string table, IReadOnlyList<string> columns, string distribution)
    {
        _key = columns.ToList().IndexOf(distribution);
        if (_key < 0) throw new ArgumentException($"{distribution} is not among the columns written", nameof(distribution));
        _row = new Cell[columns.Count];
        _shards = new PostgresTableWriter[shards.Count];
        try
        {
            for (var i = 0; i < shards.Count; i++) _shards[i] = new PostgresTableWriter(shards[i], table, columns);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Rows sent to each shard so far, in partition order.</summary>
    public long[] Rows { get; private set; } = [];

    public override TableWriter Row()
    {
        Send();
        _column = 0;
        return this;
    }

    public override TableWriter Text(string? value) => value is null ? Put(Kind.Null) : Put(Kind.Text, text: value);

    public override TableWriter Number(double? value) => value is { } v ? Put(Kind.Number, number: v) : Put(Kind.Null);

    public override TableWriter Integer(long? value) => value is { } v ? Put(Kind.Integer, integer: v) : Put(Kind.Null);

    public override TableWriter Unsigned(ulong? value) => value is { } v ? Put(Kind.Unsigned, integer: unchecked((long)v)) : Put(Kind.Null);

    public override TableWriter Decimal(decimal? value) => value is { } v ? Put(Kind.Decimal, @decimal: v) : Put(Kind.Null);

    public override TableWriter Boolean(bool? value) => value is { } v ? Put(Kind.Boolean, integer: v ? 1 : 0) : Put(Kind.Null);

    public override TableWriter Timestamp(DateTime? value) => value is { } v ? Put(Kind.Timestamp, time: v) : Put(Kind.Null);

    public override TableWriter Date(DateOnly? value) => value is { } v ? Put(Kind.Date, time: v.ToDateTime(TimeOnly.MinValue)) : Put(Kind.Null);

    public override long Complete()
    {
        Send();
        Rows = [.. _shards.Select(s => s.Complete())];
        return Rows.Sum();
    }

    public override void Dispose()
    {
        foreach (var shard in _shards) shard?.Dispose();
    }

    private ShardRowRouter Put(Kind kind, string? text = null, double number = 0, long integer = 0, decimal @decimal = 0, DateTime time = default)
    {
        _row[_column++] = new Cell { Kind = kind, Text = text, Number = number, Integer = integer, Decimal = @decimal, Time = time };
        return this;
    }

    /// <summary>Writes the row held (if any) to its shard.</summary>
    private void Send()
    {
        if (_column < 0) return;
        if (_column != _row.Length) throw new InvalidOperationException($"a row of {_column} values for {_row.Length} columns");
        var key = _row[_key];
        var writer = _shards[PartitionHash.Remainder(key.Kind == Kind.Null ? null : key.Text, _shards.Length)];
        writer.Row();
        foreach (ref readonly var cell in _row.AsSpan())
        {
            _ = cell.Kind switch
            {
                Kind.Null => writer.Text(null),
                Kind.Text => writer.Text(cell.Text),
                Kind.Number => writer.Number(cell.Number),
                Kind.Integer => writer.Integer(cell.Integer),
                Kind.Unsigned => writer.Unsigned(unchecked((ulong)cell.Integer)),
                Kind.Decimal => writer.Decimal(cell.Decimal),
                Kind.Boolean => writer.Boolean(cell.Integer != 0),
                Kind.Timestamp => writer.Timestamp(cell.Time),
                _ => writer.Date(DateOnly.FromDateTime(cell.Time)),
            };
        }
        _column = -1;
    }
}
