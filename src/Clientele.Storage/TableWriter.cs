namespace Clientele.Storage;

/// <summary>
/// Rows appended to one table in bulk, by column name (<see cref="SqlDialect.BulkWriter"/>): DuckDB's appender, PostgreSQL's
/// binary <c>COPY</c>. Each row is <see cref="Row"/> then one value per named column, in the order they were named, each
/// typed as its column (a null is a SQL NULL). Nothing is stored before <see cref="Complete"/>; disposing without it
/// stores nothing. Values are written unboxed, so a million rows cost no allocation per value.
/// </summary>
internal abstract class TableWriter : IDisposable
{
    /// <summary>Starts the next row.</summary>
    public abstract TableWriter Row();

    /// <summary>A VARCHAR value.</summary>
    public abstract TableWriter Text(string? value);

    /// <summary>A DOUBLE value.</summary>
    public abstract TableWriter Number(double? value);

    /// <summary>An INTEGER or BIGINT value (PostgreSQL's column decides the width; UBIGINT, NUMERIC there, takes it too).</summary>
    public abstract TableWriter Integer(long? value);

    /// <summary>A UBIGINT value: a row's 64-bit content hash, whatever its top bit (NUMERIC(20, 0) on PostgreSQL).</summary>
    public abstract TableWriter Unsigned(ulong? value);

    /// <summary>A DECIMAL(p, s) value, exact.</summary>
    public abstract TableWriter Decimal(decimal? value);

    /// <summary>A BOOLEAN value.</summary>
    public abstract TableWriter Boolean(bool? value);

    /// <summary>A TIMESTAMP value (UTC, without a zone, whatever the kind).</summary>
    public abstract TableWriter Timestamp(DateTime? value);

    /// <summary>A DATE value.</summary>
    public abstract TableWriter Date(DateOnly? value);

    /// <summary>Stores every row written, inside the connection's open transaction if there is one.</summary>
    /// <returns>The number of rows stored.</returns>
    public abstract long Complete();

    /// <inheritdoc />
    public abstract void Dispose();
}
