using Clientele.Storage.Postgres;
using Clientele.Storage.Tests.Contract;
using Clientele.Tables;

namespace Clientele.Storage.Tests.Postgres;

public sealed partial class ShardedWorkspaceTests
{
    /// <summary>
    /// The importer computes a customer id's shard from its UTF-8 bytes, as PostgreSQL does in a UTF-8 database. A coordinator
    /// database in another encoding hashes other bytes for an id such as "Zoë": there the rows go through the coordinator, which
    /// routes them itself, and each lands where PostgreSQL looks for it.
    /// </summary>
    [Fact]
    public void On_a_coordinator_database_that_is_not_UTF8_each_imported_row_is_on_the_shard_PostgreSQL_looks_in()
    {
        using var files = new TempWorkspace(create: false);
        var url = servers.Coordinator.NewDatabaseUrl();
        using (var connection = new Npgsql.NpgsqlConnection(servers.Coordinator.ConnectionString()))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{new Uri(url).AbsolutePath.TrimStart('/')}\" ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0";
            create.ExecuteNonQuery();
        }
        IReadOnlyList<string> shards = [.. servers.Shards.Select(s => s.NewDatabaseUrl())];
        using var sharded = ShardedWorkspace.Create(url, shards);
        var ids = new[] { "Zoë", "Åsa", "Müller", "Señora", "Ørsted", "Çelik", "Þór", "Ñandú" };
        // The ids whose UTF-8 and LATIN1 bytes put them on different shards: the case a client's UTF-8 hash would get wrong.
        Assert.Contains(ids, id => PartitionHash.Remainder(id, 2) != LatinRemainder(sharded, id));
        var path = Path.Combine(files.Folder, "orders.csv");
        File.WriteAllText(path, "order_id,customer_id,ordered_at,amount\n" + string.Concat(ids.Select((id, i) => $"O{i},{id},2025-03-0{1 + i % 9},{i + 1}\n")));
        var result = new Clientele.Storage.Import.Importer(sharded).Import(CanonicalTables.Orders, path, new Clientele.Storage.Import.ImportOptions(),
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(ids.Length, result.RowsAdded);
        foreach (var id in ids)
        {
            // Found by the coordinator where its partition pruning looks, and one order each.
            Assert.Equal(1L, sharded.Scalar<long>($"SELECT count(*) FROM orders WHERE customer_id = '{id}'"));
            Assert.Equal(1L, sharded.Scalar<long>($"SELECT count(*) FROM customer_days WHERE customer_id = '{id}'"));
        }
        Assert.Equal(ids.Length, shards.Sum(s => Count(s, "orders")));
    }

    /// <summary>The remainder of 2 PostgreSQL gives an id in the workspace's (LATIN1) coordinator database.</summary>
    private static int LatinRemainder(Workspace workspace, string id)
    {
        using var command = workspace.Command("SELECT satisfies_hash_partition('orders'::regclass, 2, 1, $id::varchar)", ("id", id));
        return (bool)command.ExecuteScalar()! ? 1 : 0;
    }
}
