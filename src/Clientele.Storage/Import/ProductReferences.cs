using System.Globalization;
using System.Text;
using Clientele.Tables;
using System.Data.Common;
using static Clientele.Storage.Schema.WorkspaceSchema;

namespace Clientele.Storage.Import;

/// <summary>
/// After an import of orders or interactions, the product ids its rows name that the products table lacks (their
/// product line is then unknown unless the row gives one); after an import of products, the stored orders and
/// interactions whose product ids it still lacks. Each finding is one sentence for the import's output, naming the
/// most frequent ids.
/// </summary>
internal static class ProductReferences
{
    /// <summary>How many ids a sentence names; the rest are counted.</summary>
    public const int IdsNamed = 5;

    /// <summary>The tables whose rows name a product by <c>product_id</c>.</summary>
    private static readonly CanonicalTable[] Naming = [CanonicalTables.Orders, CanonicalTables.Interactions];

    /// <summary>The sentences about <paramref name="table"/>'s import <paramref name="importId"/> (none for other tables).</summary>
    public static IReadOnlyList<string> Check(DbConnection connection, SqlDialect dialect, CanonicalTable table, int importId)
    {
        var notes = new List<string>();
        if (Naming.Contains(table))
        {
            var rows = $"{Quote(table.Name)} WHERE {ImportIdColumn} = {importId}";
            if (Count(connection, "SELECT count(*) FROM (SELECT 1 FROM products LIMIT 1) AS product") == 0)
            {
                var unlined = Count(connection, $"SELECT count(*) FROM {rows} AND product_id IS NOT NULL AND product_line IS NULL");
                if (unlined > 0)
                {
                    notes.Add(string.Format(CultureInfo.InvariantCulture,
                        "{0:N0} {1} {2} a product id but no product line, and the products table is empty: import products (product_id, product_line) to give them their lines.",
                        unlined, Rows(table, unlined), unlined == 1 ? "names" : "name"));
                }
            }
            else if (Unknown(connection, dialect, rows) is { Count: > 0 } ids)
            {
                notes.Add(Sentence(ids, Rows(table, ids.Sum(i => i.Rows)), "lacks", "the file"));
            }
        }
        else if (table == CanonicalTables.Products)
        {
            foreach (var naming in Naming)
            {
                if (Unknown(connection, dialect, $"{Quote(naming.Name)} WHERE true") is { Count: > 0 } ids)
                    notes.Add(Sentence(ids, "stored " + Rows(naming, ids.Sum(i => i.Rows)), "still lacks", $"the {Row(naming)}"));
            }
        }
        return notes;
    }

    /// <summary>
    /// The same sentences for an import of orders or interactions written to the shards of a sharded workspace, before they
    /// commit: each shard counts its rows of the import by product id, and the coordinator, which holds the products, finds the
    /// ids it lacks among those counts.
    /// </summary>
    public static IReadOnlyList<string> Check(DbConnection coordinator, ShardTransactions shards, SqlDialect dialect, CanonicalTable table, int importId)
    {
        if (!Naming.Contains(table)) return Check(coordinator, dialect, table, importId);
        var rows = $"{Quote(table.Name)} WHERE {ImportIdColumn} = {importId}";
        if (Count(coordinator, "SELECT count(*) FROM (SELECT 1 FROM products LIMIT 1) AS product") == 0)
        {
            var unlined = shards.OnEach((c, _) => Count(c, $"SELECT count(*) FROM {rows} AND product_id IS NOT NULL AND product_line IS NULL")).Sum();
            return unlined == 0 ? [] : [string.Format(CultureInfo.InvariantCulture,
                "{0:N0} {1} {2} a product id but no product line, and the products table is empty: import products (product_id, product_line) to give them their lines.",
                unlined, Rows(table, unlined), unlined == 1 ? "names" : "name")];
        }
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var shard in shards.OnEach((c, _) => Counted(c, $"SELECT product_id, count(*) FROM {rows} AND product_id IS NOT NULL GROUP BY product_id")))
            foreach (var (id, n) in shard) counts[id] = counts.GetValueOrDefault(id) + n;
        using var command = coordinator.CreateCommand();
        command.CommandText = dialect.Statement($"""
            SELECT id, n FROM unnest($ids, $counts) AS counted(id, n) WHERE id NOT IN (SELECT product_id FROM products)
            ORDER BY n DESC, {dialect.OrdinalText("id")}
            """);
        command.Parameters.Add(dialect.Parameter("ids", counts.Keys.ToArray()));
        command.Parameters.Add(dialect.Parameter("counts", counts.Values.ToArray()));
        var ids = new List<(string Id, long Rows)>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) ids.Add((reader.GetString(0), reader.GetInt64(1)));
        return ids.Count == 0 ? [] : [Sentence(ids, Rows(table, ids.Sum(i => i.Rows)), "lacks", "the file")];
    }

    private static List<(string Id, long Rows)> Counted(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var counted = new List<(string, long)>();
        while (reader.Read()) counted.Add((reader.GetString(0), reader.GetInt64(1)));
        return counted;
    }

    private static string Row(CanonicalTable table) => table == CanonicalTables.Orders ? "order" : "interaction";

    private static string Rows(CanonicalTable table, long count) => Row(table) + (count == 1 ? "" : "s");

    private static string Sentence(List<(string Id, long Rows)> ids, string rows, string lacks, string lineSource)
    {
        var total = ids.Sum(i => i.Rows);
        var text = new StringBuilder();
        text.Append(total.ToString("N0", CultureInfo.InvariantCulture)).Append(' ').Append(rows)
            .Append(total == 1 ? " names a product id" : " name product ids").Append(" the products table ").Append(lacks).Append(": ");
        text.AppendJoin(", ", ids.Take(IdsNamed).Select(i => string.Format(CultureInfo.InvariantCulture, "{0} ({1:N0})", i.Id, i.Rows)));
        if (ids.Count > IdsNamed) text.Append(CultureInfo.InvariantCulture, $" and {ids.Count - IdsNamed:N0} more");
        text.Append(CultureInfo.InvariantCulture, $". Their product line is unknown unless {lineSource} gives one; import products with those ids, or fix the ids.");
        return text.ToString();
    }

    /// <summary>The product ids of <paramref name="rows"/> ("table WHERE ...") that products lacks, most rows first, then by id.</summary>
    private static List<(string Id, long Rows)> Unknown(DbConnection connection, SqlDialect dialect, string rows)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT product_id, count(*) AS n FROM {rows} AND product_id IS NOT NULL
              AND product_id NOT IN (SELECT product_id FROM products)
            GROUP BY product_id ORDER BY n DESC, {dialect.OrdinalText("product_id")}
            """;
        using var reader = command.ExecuteReader();
        var ids = new List<(string, long)>();
        while (reader.Read()) ids.Add((reader.GetString(0), reader.GetInt64(1)));
        return ids;
    }

    private static long Count(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
