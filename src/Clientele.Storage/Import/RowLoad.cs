namespace Clientele.Storage.Import;

/// <summary>
/// How an import's validated rows reach the database while the file is read, inside the import's transaction
/// (<see cref="SqlDialect.ImportLoad"/>): DuckDB reads normalised CSV files with its parallel reader
/// (<see cref="DuckDb.DuckDbRowLoad"/>), PostgreSQL takes a binary <c>COPY</c> stream (<see cref="Postgres.PostgresRowLoad"/>).
/// Disposing without <see cref="Finish"/> stores nothing the transaction keeps.
/// </summary>
internal abstract class RowLoad : IDisposable
{
    /// <summary>Where the scanner puts each good row.</summary>
    public abstract ValidatedRows Rows { get; }

    /// <summary>Waits until every row is in <see cref="ImportSql.LoadTable"/>; rethrows the load's failure.</summary>
    /// <returns>The number of rows loaded.</returns>
    public abstract long Finish();

    /// <inheritdoc />
    public abstract void Dispose();
}
