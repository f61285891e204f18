using Clientele.Storage.Import;
using Clientele.Tables;

namespace Clientele.Storage.DuckDb;

/// <summary>
/// An import's rows on DuckDB: written as normalised CSV files beside the workspace, each loaded by DuckDB's parallel
/// <c>read_csv</c> on a background thread (<see cref="ChunkLoader"/>) while the next is written.
/// </summary>
internal sealed class DuckDbRowLoad : RowLoad
{
    private readonly ChunkLoader _loader;

    public DuckDbRowLoad(Workspace workspace, ImportSql sql, CanonicalTable table, bool keepRaw, int rowsPerChunk)
    {
        ChunkLoader? loader = null;
        Rows = new ValidatedRows(workspace.Path, table, keepRaw, file => loader!.Enqueue(file), rowsPerChunk);
        _loader = loader = new ChunkLoader(workspace.Connection, sql.LoadSql);
    }

    /// <inheritdoc />
    public override ValidatedRows Rows { get; }

    /// <inheritdoc />
    public override long Finish()
    {
        Rows.Complete();
        return _loader.Finish();
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _loader.Dispose();
        Rows.Dispose();
    }
}
