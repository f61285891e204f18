using System.Data.Common;
using Clientele.Tables;
using static Clientele.Storage.Schema.WorkspaceSchema;

namespace Clientele.Storage.Import;

/// <summary>
/// An import of orders or interactions into a sharded workspace (<see cref="Shards"/>): the rows were written to their shards
/// directly, and the same statements as on one database run on each shard's connection, at once, inside its transaction. Each
/// shard holds whole customers (one hash decides for every customer-keyed table), so a shard's part of the import needs no
/// other shard: its rows stored already (by content, which holds the customer), its customers' purchase days, the customers its
/// rows name. Only an id found stored earlier with another customer — so on another shard — is looked for across shards.
/// </summary>
internal sealed partial class ImportSql
{
    private Stored StoreOnShards(ShardTransactions shards, long loaded)
    {
        var local = shards.OnEach((connection, _) =>
        {
            if (loaded >= AnalyzeFrom && _dialect.Analyze(Quote(_table.Name)) is { } analyze) Execute(connection, analyze);
            var earlier = HasEarlier(connection);
            return (Earlier: earlier, Present: earlier ? RemoveAlreadyPresent(connection) : 0);
        });
        var present = local.Sum(l => l.Present) + RemovePresentOnOtherShards(shards, [.. local.Select(l => l.Earlier)]);
        var added = loaded - present;
        if (_table == CanonicalTables.Orders && added > 0)
        {
            // The writers of the purchase days through the coordinator (an event batch, an undo) take its lock first; so does this
            // import, before each shard's: none adds to days another has not committed yet.
            Summary.CustomerDays.Lock(_connection, _dialect);
            shards.OnEach((connection, _) => { Summary.CustomerDays.Add(connection, _dialect, _importId, inKeyOrder: true); return 0; });
        }
        var created = shards.OnEach((connection, _) => CreateCustomers(connection, Imported)).Sum();
        return new Stored(loaded, added, 0, 0, created);
    }

    /// <summary>
    /// Deletes this import's rows whose id another shard holds from an earlier import (the id stored with another customer
    /// before); returns how many. Each shard's ids are streamed to every other shard holding earlier rows and looked up there.
    /// </summary>
    private long RemovePresentOnOtherShards(ShardTransactions shards, bool[] earlier)
    {
        if (shards.Count < 2 || !earlier.Any(e => e)) return 0;
        const string Ids = "clientele_ids";
        var id = Quote(_table.Key[0]);
        var target = Quote(_table.Name);
        long removed = 0;
        for (var k = 0; k < shards.Count; k++)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < shards.Count; j++)
            {
                if (j == k || !earlier[j]) continue;
                Execute(shards[j], _dialect.DropTempTable(Ids));
                Execute(shards[j], $"CREATE TEMP TABLE {Ids} AS SELECT {id} AS id FROM {target} WHERE false");
                using (var writer = _dialect.BulkWriter(shards[j], Ids, ["id"]))
                using (var command = shards[k].CreateCommand())
                {
                    command.CommandText = $"SELECT DISTINCT {id} FROM {target} WHERE {ImportIdColumn} = {_importId} AND {id} IS NOT NULL";
                    using var reader = command.ExecuteReader();
                    while (reader.Read()) writer.Row().Text(reader.GetString(0));
                    writer.Complete();
                }
                using (var command = shards[j].CreateCommand())
                {
                    command.CommandText = $"""
                        SELECT i.id FROM {Ids} i
                        WHERE EXISTS (SELECT 1 FROM {target} e WHERE e.{id} = i.id AND e.{ImportIdColumn} <> {_importId})
                        """;
                    using var reader = command.ExecuteReader();
                    while (reader.Read()) found.Add(reader.GetString(0));
                }
                Execute(shards[j], $"DROP TABLE {Ids}");
            }
            if (found.Count == 0) continue;
            using var delete = shards[k].CreateCommand();
            delete.CommandText = _dialect.Statement($"DELETE FROM {target} WHERE {ImportIdColumn} = {_importId} AND {id} = ANY($ids)");
            delete.Parameters.Add(_dialect.Parameter("ids", found.ToArray()));
            removed += delete.ExecuteNonQuery();
        }
        return removed;
    }
}
