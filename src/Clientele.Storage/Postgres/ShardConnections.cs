using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Clientele.Storage.Import;
using Npgsql;

namespace Clientele.Storage.Postgres;

/// <summary>
/// Connections of the workspace's own to the shards behind a distributed table of a sharded workspace (<see cref="ShardedWorkspace"/>),
/// found as <c>postgres_fdw</c> finds them: each foreign partition's server (host, port, database, session options) and the current
/// user's mapping to it (user, password), and the partition's remainder read from its bound, so position i is the shard of
/// remainder i. The coordinator's other settings (TLS, timeouts) carry over.
/// </summary>
internal static partial class ShardConnections
{
    /// <summary>
    /// A transaction on each shard of <paramref name="table"/>, in partition order, or null when the table is not partitioned over
    /// foreign tables of one modulus (a workspace in one database, a table that stays whole).
    /// </summary>
    /// <remarks>
    /// Also null where the client's hash (<see cref="PartitionHash"/>) could not be PostgreSQL's: a coordinator database whose
    /// encoding is not UTF-8 (PostgreSQL hashes the key's bytes in the database's encoding) or a partition key of a
    /// nondeterministic collation. The rows then go through the coordinator, which routes them itself.
    /// </remarks>
    public static ShardTransactions? Open(DbConnection coordinator, string table) =>
        HashesAsTheClient(coordinator, table) ? Connect(coordinator, table) : null;

    /// <summary>
    /// A transaction on each shard of <paramref name="table"/>, in partition order, whatever the coordinator's encoding (for work
    /// that routes no row: a schema upgrade's indexes), or null when the table is not partitioned over foreign tables of one modulus.
    /// </summary>
    public static ShardTransactions? Connect(DbConnection coordinator, string table)
    {
        var partitions = new List<(int Remainder, int Modulus, string[] Server, string[]? Mapping)>();
        using (var command = coordinator.CreateCommand())
        {
            command.CommandText = """
                SELECT pg_get_expr(c.relpartbound, c.oid), s.srvoptions, um.umoptions
                FROM pg_inherits i
                JOIN pg_class c ON c.oid = i.inhrelid
                JOIN pg_foreign_table ft ON ft.ftrelid = c.oid
                JOIN pg_foreign_server s ON s.oid = ft.ftserver
                LEFT JOIN pg_user_mappings um ON um.srvid = s.oid AND um.usename IN (current_user, 'public')
                WHERE i.inhparent = to_regclass(@table)
                ORDER BY um.usename = 'public'
                """;
            command.Parameters.Add(new NpgsqlParameter("table", Schema.WorkspaceSchema.Quote(table)));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (Bound().Match(reader.GetString(0)) is not { Success: true } bound) return null;
                var remainder = int.Parse(bound.Groups["r"].Value, CultureInfo.InvariantCulture);
                if (partitions.Any(p => p.Remainder == remainder)) continue;  // the user's own mapping came first
                partitions.Add((remainder, int.Parse(bound.Groups["m"].Value, CultureInfo.InvariantCulture),
                    (string[])reader.GetValue(1), reader.IsDBNull(2) ? null : (string[])reader.GetValue(2)));
            }
        }
        if (partitions.Count == 0 || partitions.Any(p => p.Modulus != partitions.Count)) return null;
        var user = Scalar(coordinator, "SELECT current_user");
        var connections = new List<DbConnection>();
        try
        {
            foreach (var (_, _, server, mapping) in partitions.OrderBy(p => p.Remainder))
                connections.Add(Connect(coordinator.ConnectionString, Options(server), Options(mapping ?? []), user));
        }
        catch
        {
            foreach (var connection in connections) connection.Dispose();
            throw;
        }
        return new ShardTransactions(connections);
    }

    /// <summary>Whether PostgreSQL hashes the table's partition key as <see cref="PartitionHash"/> does: UTF-8 bytes, a deterministic collation.</summary>
    private static bool HashesAsTheClient(DbConnection coordinator, string table)
    {
        using var command = coordinator.CreateCommand();
        command.CommandText = """
            SELECT pg_encoding_to_char(d.encoding) = 'UTF8'
                   AND coalesce((SELECT co.collisdeterministic FROM pg_partitioned_table pt JOIN pg_collation co ON co.oid = pt.partcollation[0]
                                 WHERE pt.partrelid = to_regclass(@table)), true)
            FROM pg_database d WHERE d.datname = current_database()
            """;
        command.Parameters.Add(new NpgsqlParameter("table", Schema.WorkspaceSchema.Quote(table)));
        return command.ExecuteScalar() is true;
    }

    private static DbConnection Connect(string coordinator, Dictionary<string, string> server, Dictionary<string, string> mapping, string user)
    {
        var builder = new NpgsqlConnectionStringBuilder(coordinator)
        {
            Host = server.GetValueOrDefault("host", "localhost"),
            Port = server.TryGetValue("port", out var port) ? int.Parse(port, CultureInfo.InvariantCulture) : 5432,
            Database = server["dbname"],
            Username = mapping.GetValueOrDefault("user", user),
            Password = mapping.GetValueOrDefault("password"),
            Options = server.GetValueOrDefault("options"),
        };
        try
        {
            return PostgresDatabase.Open(builder.ConnectionString, PostgresDatabase.RaiseWorkMemory);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw PostgresFailure.CannotConnect($"the shard {builder.Host}:{builder.Port}/{builder.Database}", e);
        }
    }

    /// <summary>A catalogue's option list (<c>key=value</c>, the value possibly holding '=') as a dictionary.</summary>
    private static Dictionary<string, string> Options(string[] options) =>
        options.Select(o => o.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "", StringComparer.Ordinal);

    private static string Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }

    [GeneratedRegex(@"^FOR VALUES WITH \(modulus (?<m>\d+), remainder (?<r>\d+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Bound();
}
