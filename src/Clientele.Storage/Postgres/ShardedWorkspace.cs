using System.Data.Common;
using System.Globalization;
using Clientele.Storage.Schema;
using Npgsql;

namespace Clientele.Storage.Postgres;

/// <summary>
/// A PostgreSQL workspace spread over several databases (<c>clientele init --shards</c>, <c>--distributed</c>;
/// docs/scale-out.md). With PostgreSQL's own sharding, each shard database holds the distributed tables
/// (<see cref="ShardedSchema.Tables"/>) as plain tables with their indexes; the coordinator holds every other table, and each
/// distributed table as a parent <c>PARTITION BY HASH</c> of its customer id with one <c>postgres_fdw</c> foreign table per shard
/// as its partitions. Every command then works on the coordinator's URL as on one database: PostgreSQL routes the rows and
/// runs each per-customer aggregate on the shards, concurrently (async foreign scans, partitionwise aggregation).
/// </summary>
public static class ShardedWorkspace
{
    /// <summary>The metadata key under which a sharded workspace lists its shards (URLs without passwords, in partition order).</summary>
    internal const string ShardsKey = "shards";

    /// <summary>The name of the coordinator's foreign server for the shard at a position (a partition's remainder).</summary>
    internal static string Server(int shard) => $"clientele_shard_{shard}";

    /// <summary>
    /// Makes a sharded workspace: the distributed tables on each shard (databases created when missing), then, in one
    /// transaction on the coordinator, <c>postgres_fdw</c>, one foreign server per shard, the tables and their foreign
    /// partitions, and partitionwise aggregation and joins for every session of the database. The number of shards is the
    /// hash modulus and is fixed: there is no rebalancing.
    /// </summary>
    /// <param name="coordinator">The workspace's URL: the database that holds no workspace yet.</param>
    /// <param name="shards">One URL per shard database, in order (two databases of one server are two shards: a way to use its cores).</param>
    /// <exception cref="WorkspaceException">A URL is wrong or repeated, the coordinator holds a workspace, or a shard holds tables of one.</exception>
    public static Workspace Create(string coordinator, IReadOnlyList<string> shards)
    {
        if (!PostgresUrl.IsUrl(coordinator))
            throw new WorkspaceException($"--shards makes a PostgreSQL workspace: name the coordinator's database with --workspace postgres://user@host:port/database, not {coordinator}.");
        if (shards.Count == 0) throw new WorkspaceException("--shards names no shard: give their URLs, comma-separated.");
        var url = PostgresUrl.Parse(coordinator);
        var parts = shards.Select(PostgresUrl.Parse).ToList();
        var repeated = parts.Prepend(url).GroupBy(p => Address(p)).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new WorkspaceException($"{repeated.First().Display} is named twice among the coordinator and the shards: each must be a database of its own.");
        if (Workspace.Exists(coordinator))
            throw new WorkspaceException($"{url.Display} holds a workspace already; open it, or name another database with --workspace.");
        var workMemory = parts.Select(MakeShard).ToList();
        if (!PostgresDatabase.Exists(url)) PostgresDatabase.Create(url);
        using (var connection = PostgresDatabase.Connect(url))
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, "CREATE EXTENSION IF NOT EXISTS postgres_fdw");
            for (var i = 0; i < parts.Count; i++)
                foreach (var statement in ForeignServer(i, parts[i], workMemory[i])) Execute(connection, statement);
            WorkspaceSchema.Create(connection, PostgresDialect.Instance, declaration => OnCoordinator(declaration, parts.Count));
            Execute(connection, $"INSERT INTO {WorkspaceSchema.MetaTable} VALUES ('{ShardsKey}', {WorkspaceSchema.Literal(string.Join(",", parts.Select(p => p.Display)))})");
            // Every session of the workspace's database: each per-customer GROUP BY is then a GROUP BY on each shard.
            foreach (var setting in new[] { "enable_partitionwise_aggregate", "enable_partitionwise_join" })
                Execute(connection, $"ALTER DATABASE {WorkspaceSchema.Quote(url.Database)} SET {setting} = on");
            transaction.Commit();
            // A pooled session keeps the settings it started with: the workspace's sessions must start after ALTER DATABASE.
            NpgsqlConnection.ClearPool((NpgsqlConnection)connection);
        }
        return Workspace.Open(coordinator);
    }

    /// <summary>
    /// Makes a workspace in a database with the Citus extension: the same tables, the distributed ones made Citus distributed
    /// tables by their customer id (co-located), every other one a reference table (<see cref="CitusDistribution"/>).
    /// </summary>
    /// <exception cref="WorkspaceException">The database does not exist, lacks Citus, or holds a workspace.</exception>
    public static Workspace CreateOnCitus(string location)
    {
        if (!PostgresUrl.IsUrl(location))
            throw new WorkspaceException($"--distributed makes a workspace in a PostgreSQL database with Citus: name it with --workspace postgres://user@host:port/database, not {location}.");
        var url = PostgresUrl.Parse(location);
        if (!PostgresDatabase.Exists(url))
            throw new WorkspaceException($"--distributed needs a database with the Citus extension, and {url.Database} does not exist at {url.Display}: " +
                                         "create it, run CREATE EXTENSION citus in it (docs/scale-out.md), then run `clientele init --distributed` again.");
        using (var connection = PostgresDatabase.Connect(url))
        {
            if (WorkspaceSchema.TableExists(connection, PostgresDialect.Instance, WorkspaceSchema.MetaTable))
                throw new WorkspaceException($"{url.Display} holds a workspace already; open it, or name another database with --workspace.");
            if (!CitusDistribution.Installed(connection))
                throw new WorkspaceException($"{url.Display} has no Citus extension, so --distributed cannot distribute the tables: run CREATE EXTENSION citus in it " +
                                             "(Citus installed on the server and in shared_preload_libraries; docs/scale-out.md), or use --shards for PostgreSQL's own sharding.");
            using var transaction = connection.BeginTransaction();
            WorkspaceSchema.Create(connection, PostgresDialect.Instance, CitusDistribution.Placed);
            transaction.Commit();
        }
        return Workspace.Open(location);
    }

    /// <summary>The shards a workspace's metadata lists, or an empty list for a workspace in one database.</summary>
    internal static IReadOnlyList<string> Shards(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT value FROM {WorkspaceSchema.MetaTable} WHERE key = '{ShardsKey}'";
        return command.ExecuteScalar() is string list ? list.Split(',') : [];
    }

    /// <summary>
    /// Makes the distributed tables and their indexes in a shard's database, in one transaction; returns the <c>work_mem</c> a
    /// workspace session has there (the shard's own, raised as <see cref="PostgresDatabase.Connect"/> raises it), for the
    /// coordinator's sessions on the shard.
    /// </summary>
    private static string MakeShard(PostgresUrl shard)
    {
        if (!PostgresDatabase.Exists(shard)) PostgresDatabase.Create(shard);
        using var connection = PostgresDatabase.Connect(shard);
        var present = ShardedSchema.Tables.Where(t => WorkspaceSchema.TableExists(connection, PostgresDialect.Instance, t.Table)).Select(t => t.Table).ToList();
        if (present.Count > 0)
            throw new WorkspaceException($"the shard {shard.Display} holds tables of a workspace already ({string.Join(", ", present)}): " +
                                         "name an empty database, or drop them there first.");
        using var transaction = connection.BeginTransaction();
        foreach (var declaration in WorkspaceSchema.Declarations().Select(PostgresDialect.Instance.Declaration))
        {
            if (ShardedSchema.Of(declaration) is not { } table) continue;
            Execute(connection, declaration);
            foreach (var index in ShardedSchema.ShardIndexes(table)) Execute(connection, index);
        }
        transaction.Commit();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('work_mem')";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>The coordinator's statements for one declaration: a table that stays whole as declared, a distributed one partitioned.</summary>
    private static IEnumerable<string> OnCoordinator(string declaration, int shards)
    {
        if (ShardedSchema.Of(declaration) is not { } table)
        {
            yield return declaration;
            foreach (var index in ShardedSchema.WholeTableIndexes(declaration)) yield return index;
            yield break;
        }
        yield return $"{declaration} PARTITION BY HASH ({table.Column})";
        for (var i = 0; i < shards; i++)
        {
            yield return $"CREATE FOREIGN TABLE {table.Table}_shard_{i} PARTITION OF {table.Table} " +
                         $"FOR VALUES WITH (MODULUS {shards}, REMAINDER {i}) SERVER {Server(i)} OPTIONS (table_name {WorkspaceSchema.Literal(table.Table)})";
        }
    }

    /// <summary>
    /// The planner's cost of bringing one row from a shard (postgres_fdw's <c>fdw_tuple_cost</c>): PostgreSQL 17's default, which
    /// replaced 0.01 as too low. At 0.01 a per-customer aggregate that shrinks the rows little (the interactions: a few per
    /// customer) was planned on the coordinator, every row of every shard brought there.
    /// </summary>
    private const string RowTransferCost = "0.2";

    /// <summary>
    /// The foreign server of one shard and the current user's mapping to it. Async scans let the coordinator run one query's
    /// partitions on every shard at once; rows are fetched 10,000 at a time and inserted 1,000 at a time. The coordinator's
    /// sessions on the shard start with <paramref name="workMemory"/> (the per-customer aggregates run there; docs/postgres.md
    /// says why PostgreSQL's 4 MB default is not enough).
    /// </summary>
    private static IEnumerable<string> ForeignServer(int i, PostgresUrl shard, string workMemory)
    {
        var address = new NpgsqlConnectionStringBuilder(shard.ConnectionString);
        yield return $"CREATE SERVER {Server(i)} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host {WorkspaceSchema.Literal(address.Host!)}, " +
                     $"port {WorkspaceSchema.Literal(address.Port.ToString(CultureInfo.InvariantCulture))}, dbname {WorkspaceSchema.Literal(shard.Database)}, " +
                     $"options {WorkspaceSchema.Literal("-c work_mem=" + workMemory)}, " +
                     $"async_capable 'true', use_remote_estimate 'true', fdw_tuple_cost '{RowTransferCost}', fetch_size '10000', batch_size '1000')";
        var user = new List<string>();
        if (address.Username is { Length: > 0 } name) user.Add($"user {WorkspaceSchema.Literal(name)}");
        if (address.Password is { Length: > 0 } password) user.Add($"password {WorkspaceSchema.Literal(password)}");
        yield return $"CREATE USER MAPPING FOR CURRENT_USER SERVER {Server(i)}{(user.Count > 0 ? $" OPTIONS ({string.Join(", ", user)})" : "")}";
    }

    private static string Address(PostgresUrl url)
    {
        var address = new NpgsqlConnectionStringBuilder(url.ConnectionString);
        return $"{address.Host}:{address.Port}/{url.Database}";
    }


    private static void Execute(DbConnection connection, string sql) => WorkspaceSchema.Execute(connection, sql);
}
