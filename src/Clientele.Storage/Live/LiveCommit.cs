using System.Data.Common;

namespace Clientele.Storage.Live;

/// <summary>
/// The commit of a live path's transaction (events stored, a live update's rows): the engine does not compact tables in it
/// (<see cref="SqlDialect.DeferCompaction"/>), so a live update never waits for the rewrite of row groups its deletes and those
/// before it left. The compaction is left to the next other commit that checkpoints (an analysis, a bulk import, an undo or an
/// erasure) or to closing the workspace; until then deleted rows keep their place in the file, at most one row per customer
/// re-classified live.
/// </summary>
internal static class LiveCommit
{
    /// <summary>Commits <paramref name="transaction"/> with compaction deferred, and lets it again whether or not the commit succeeded.</summary>
    public static void Commit(Workspace workspace, DbTransaction transaction)
    {
        foreach (var statement in workspace.Dialect.DeferCompaction(true)) workspace.Execute(statement);
        try
        {
            transaction.Commit();
        }
        finally
        {
            foreach (var statement in workspace.Dialect.DeferCompaction(false)) workspace.Execute(statement);
        }
    }
}
