using System.Data.Common;
using Clientele.Storage.Import;
using Clientele.Tables;

namespace Clientele.Storage.Postgres;

/// <summary>
/// An import's rows on PostgreSQL: one binary <c>COPY</c> into <see cref="ImportSql.LoadTable"/>, fed row by row as the file
/// is read (the server parses while the client reads), inside the import's transaction. Nothing is written to disk on
/// the client; a killed import's connection ends and its transaction with it.
/// </summary>
internal sealed class PostgresRowLoad : RowLoad
{
    private readonly TableWriter _copy;

    public PostgresRowLoad(DbConnection connection, ImportSql sql, CanonicalTable table, bool keepRaw)
    {
        _copy = PostgresDialect.Instance.BulkWriter(connection, sql.LoadTable, ValidatedRows.StreamColumns(table, keepRaw));
        Rows = new ValidatedRows(table, keepRaw, _copy, sql.ImportId);
    }

    /// <inheritdoc />
    public override ValidatedRows Rows { get; }

    /// <inheritdoc />
    public override long Finish() => _copy.Complete();

    /// <inheritdoc />
    public override void Dispose()
    {
        Rows.Dispose();
        _copy.Dispose();
    }
}
