namespace Clientele.Storage;

/// <summary>
/// How a server knows that data it keeps in memory was changed by another process of the same workspace (a second
/// <c>clientele serve</c> on one PostgreSQL database, or a <c>clientele</c> command run beside a server): every change to
/// that data writes a new random stamp to <c>clientele_meta</c> in the change's own transaction, and a server reads the
/// stamp (one read by primary key) before it answers from memory, reading the data again when the stamp is not the one it
/// read the data under. A stamp rather than a counter: two changes committed at once still leave a stamp no reader has seen.
/// </summary>
/// <remarks>
/// Read the stamp before the data: a change committed between the two reads then only makes the next request read again.
/// A workspace that was never changed has no stamp (null), which is a value like any other.
/// </remarks>
public sealed class ChangeStamp
{
    private ChangeStamp(string key) => Key = key;

    /// <summary>The users and the API keys (not a key's last use, which is no part of what a request is allowed).</summary>
    public static readonly ChangeStamp Access = new("changed_access");

    /// <summary>
    /// Rows of stored analyses removed in place (a customer erased), which the analysis's creation time, what a listing
    /// kept in memory is otherwise checked against, does not show.
    /// </summary>
    public static readonly ChangeStamp SnapshotRows = new("changed_snapshot_rows");

    /// <summary>Its key in <c>clientele_meta</c>.</summary>
    public string Key { get; }

    /// <summary>The stamp now, or null when the data was never changed.</summary>
    public string? Read(Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return workspace.Meta(Key);
    }

    /// <summary>Runs <paramref name="change"/> and writes a new stamp, in one transaction.</summary>
    internal T Change<T>(Workspace workspace, Func<T> change)
    {
        using var transaction = workspace.Db.BeginTransaction();
        var result = change();
        Write(workspace);
        transaction.Commit();
        return result;
    }

    /// <summary>Writes a new stamp, inside the caller's open transaction (the change's own).</summary>
    internal void Write(Workspace workspace) => workspace.SetMeta(Key, Guid.NewGuid().ToString("N"));
}
