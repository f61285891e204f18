using System.Data.Common;

namespace Clientele.Storage.Import;

/// <summary>
/// An import's own connection to each shard of a sharded workspace, each with a transaction open (docs/scale-out.md, importing):
/// the rows go to their shard here, and the import's work on them runs there, not through the coordinator. Listed in partition
/// order (the shard at position i holds the hash partition of remainder i, of <see cref="Count"/>). <see cref="Commit"/> commits
/// them one after another; disposing without it rolls every one back. There is no two-phase commit: the caller commits the
/// shards before the coordinator, so a failure between leaves rows no import records, never an import without its rows.
/// </summary>
internal sealed class ShardTransactions : IDisposable
{
    private readonly (DbConnection Connection, DbTransaction Transaction)[] _shards;

    public ShardTransactions(IReadOnlyList<DbConnection> connections)
    {
        _shards = new (DbConnection, DbTransaction)[connections.Count];
        try
        {
            for (var i = 0; i < connections.Count; i++) _shards[i] = (connections[i], connections[i].BeginTransaction());
        }
        catch
        {
            foreach (var connection in connections) connection.Dispose();
            throw;
        }
    }

    /// <summary>The number of shards, the hash modulus.</summary>
    public int Count => _shards.Length;

    /// <summary>The connection to the shard of remainder <paramref name="shard"/>.</summary>
    public DbConnection this[int shard] => _shards[shard].Connection;

    /// <summary>Runs <paramref name="work"/> on every shard at once (each on its own connection); rethrows the first failure.</summary>
    public T[] OnEach<T>(Func<DbConnection, int, T> work)
    {
        var tasks = Enumerable.Range(0, Count).Select(i => Task.Run(() => work(_shards[i].Connection, i))).ToArray();
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return [.. tasks.Select(t => t.Result)];
    }

    /// <summary>How many shards <see cref="Commit"/> has committed so far (all of them once it returns).</summary>
    public int Committed { get; private set; }

    /// <summary>Commits each shard's transaction, in order.</summary>
    public void Commit()
    {
        foreach (var (_, transaction) in _shards)
        {
            transaction.Commit();
            Committed++;
        }
    }

    public void Dispose()
    {
        foreach (var (connection, transaction) in _shards)
        {
            transaction?.Dispose();
            connection?.Dispose();
        }
    }
}
