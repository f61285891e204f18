using System.Globalization;
using Clientele.Storage.Live;

namespace Clientele.Storage.Tests.DuckDb;

/// <summary>
/// A live path's commit does not compact the tables it checkpoints (DuckDB's vacuum merges adjacent row groups that deletes
/// thinned, rewriting their rows: seconds at a million customers), and lets compaction again after; a plain commit still compacts.
/// </summary>
public sealed class LiveCommitTests : IDisposable
{
    private readonly TempWorkspace _folder = new();

    private Workspace Workspace => _folder.Workspace!;

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// Three row groups (DuckDB's are 122,880 rows), the first two thinned to a third by a delete: with the third's 4,240 rows they
    /// fit in one, so a checkpoint that vacuums merges all three. The delete is committed with every commit checkpointing.
    /// </summary>
    private (long Groups, long Rows) DeleteAndCommit(bool live)
    {
        Workspace.Execute("CREATE TABLE thinned AS SELECT range::INTEGER AS v FROM range(250000)");
        Workspace.Execute("CHECKPOINT");
        Assert.Equal(3, Groups());
        Workspace.Execute("SET GLOBAL checkpoint_threshold = '1B'");
        try
        {
            using var transaction = Workspace.Db.BeginTransaction();
            Workspace.Execute("DELETE FROM thinned WHERE v < 245760 AND v % 3 <> 0");
            if (live) LiveCommit.Commit(Workspace, transaction);
            else transaction.Commit();
        }
        finally
        {
            Workspace.Execute("RESET GLOBAL checkpoint_threshold");
        }
        return (Groups(), Workspace.Scalar<long>("SELECT count(*) FROM thinned"));
    }

    private long Groups() => Workspace.Scalar<long>("SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('thinned')");

    private string VacuumTasks() => Convert.ToString(Workspace.Scalar<object>("SELECT current_setting('max_vacuum_tasks')"), CultureInfo.InvariantCulture)!;

    [Fact]
    public void A_live_commit_leaves_the_thinned_row_groups_as_they_are_and_lets_compaction_again()
    {
        var before = VacuumTasks();
        var (groups, rows) = DeleteAndCommit(live: true);
        Assert.Equal(3, groups);
        Assert.Equal(245760 / 3 + (250000 - 245760), rows);
        Assert.Equal(before, VacuumTasks());
    }

    [Fact]
    public void A_plain_commit_still_compacts()
    {
        var (groups, rows) = DeleteAndCommit(live: false);
        Assert.Equal(1, groups);
        Assert.Equal(245760 / 3 + (250000 - 245760), rows);
    }
}
