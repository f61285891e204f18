using System.Text.RegularExpressions;
using Clientele.Tables;

namespace Clientele.Storage.Postgres;

/// <summary>
/// Where each table of a workspace lives when it is spread over several databases — PostgreSQL's own sharding
/// (<see cref="ShardedWorkspace"/>) or Citus (<see cref="CitusDistribution"/>) — declared once: the large tables keyed by a
/// customer are distributed by that customer's id, every other table is small and stays whole (on the coordinator, or a
/// Citus reference table).
/// </summary>
/// <remarks>
/// Every row of one customer lands in the same shard, so every per-customer figure (<c>GROUP BY customer_id</c>) can be
/// computed inside a shard. The two tables that name two customers are distributed by the one whose figures the summary
/// counts over them: a referral by its referrer, a supply link by its seller. The analysis joins neither row by row with
/// another shard's table: the summary groups referrals by <c>referrer_id</c> and looks the referred up in an aggregate the
/// coordinator holds, and the networks are read as pairs of ids mapped on the coordinator (docs/scale-out.md).
/// </remarks>
internal static partial class ShardedSchema
{
    /// <summary>A distributed table, the column its rows are distributed by, and the indexes each shard keeps on it.</summary>
    /// <param name="Table">The table's name (as the workspace declares it).</param>
    /// <param name="Column">The distribution column: the customer id the table's rows belong to.</param>
    /// <param name="Unique">
    /// Columns unique in the whole table that each shard enforces; unique across shards too because they hold the distribution
    /// column (one customer's rows are in one shard). Null where the importer keeps the key (below).
    /// </param>
    /// <param name="Index">Columns each shard indexes for the reads of one customer (a profile), or null.</param>
    /// <param name="Lookups">
    /// Columns each shard indexes one by one for the importer's lookups of a few rows (an event batch: the rows already present
    /// by id and by content, this import's rows and the customers it created by its number), or null.
    /// </param>
    public sealed record Distributed(string Table, string Column, string? Unique, string? Index, IReadOnlyList<string>? Lookups = null);

    /// <summary>
    /// The distributed tables. Not unique on a shard, and checked by the importer against the whole table instead: an order's or
    /// interaction's id (the importer loads the rows first and then takes out those already present, so a unique index would
    /// refuse the load) and a contact's id (a contact is distributed by its organization, so one contact id moved to another
    /// organization would be in two shards; the importer's merge by key reads every shard).
    /// </summary>
    public static IReadOnlyList<Distributed> Tables { get; } =
    [
        // The customers an import or event batch created, read back by its number (EventStore; an undo's).
        new(CanonicalTables.Customers.Name, "customer_id", "customer_id", null, [Schema.WorkspaceSchema.ImportIdColumn]),
        new(CanonicalTables.Orders.Name, "customer_id", null, "customer_id", Lookups(CanonicalTables.Orders)),
        new(Summary.CustomerDays.Table, "customer_id", "customer_id, day", null),
        new(CanonicalTables.Interactions.Name, "customer_id", null, "customer_id", Lookups(CanonicalTables.Interactions)),
        new(CanonicalTables.Contacts.Name, "customer_id", null, "customer_id"),
        new(CanonicalTables.Referrals.Name, "referrer_id", "referrer_id, referred_id", null),
        new(CanonicalTables.SupplyLinks.Name, "seller_id", "seller_id, buyer_id", null),
        new(CanonicalTables.TruthCustomers.Name, "customer_id", "customer_id", null),
        new("snapshot_customers", "customer_id", "as_of, customer_id", null),
        new("snapshot_product_lines", "customer_id", null, "as_of, customer_id"),
    ];

    /// <summary>The distributed table a declaration (a <c>CREATE TABLE</c> statement) makes, or null for a table that stays whole.</summary>
    public static Distributed? Of(string declaration) =>
        CreatedTable().Match(declaration) is { Success: true } m ? Tables.FirstOrDefault(t => t.Table == m.Groups["name"].Value) : null;

    /// <summary>The name of the table a declaration makes, or null when it makes none (an upgrade's ALTER, an INSERT).</summary>
    public static string? TableOf(string declaration) => CreatedTable().Match(declaration) is { Success: true } m ? m.Groups["name"].Value : null;

    /// <summary>
    /// Tables that stay whole and are indexed for the reads and deletes of a few customers' rows (a live update's): the columns of
    /// each index.
    /// </summary>
    public static IReadOnlyList<(string Table, string Columns)> WholeIndexes { get; } = [("snapshot_buying_roles", "as_of, customer_id")];

    /// <summary>
    /// The statements that make a distributed table's indexes on a shard, or in the one database of a workspace on PostgreSQL (its
    /// declaration made it); each leaves an index of its name alone (an upgrade makes those an older workspace lacks).
    /// </summary>
    public static IEnumerable<string> ShardIndexes(Distributed table)
    {
        if (table.Unique is { } unique) yield return $"CREATE UNIQUE INDEX IF NOT EXISTS {table.Table}_unique ON {table.Table} ({unique})";
        if (table.Index is { } index) yield return $"CREATE INDEX IF NOT EXISTS {table.Table}_customer ON {table.Table} ({index})";
        foreach (var column in table.Lookups ?? []) yield return $"CREATE INDEX IF NOT EXISTS {table.Table}_{column} ON {table.Table} ({column})";
    }

    /// <summary>The indexes of a table that stays whole (<see cref="WholeIndexes"/>), made by its declaration.</summary>
    public static IEnumerable<string> WholeTableIndexes(string declaration) =>
        TableOf(declaration) is { } name ? WholeIndexes.Where(i => i.Table == name).Select(WholeIndex) : [];

    /// <summary>
    /// Every index a workspace on PostgreSQL keeps, for an upgrade from a workspace made without them (schema 13 → 14): in one
    /// database, the distributed tables' (<see cref="ShardIndexes"/>) and the whole tables'; on the coordinator of a sharded
    /// workspace, the whole tables' alone (each shard gets <see cref="ShardIndexes"/> of every table). Citus makes a distributed
    /// table's index on every worker from the coordinator's statement.
    /// </summary>
    public static IEnumerable<string> Upgrade(bool sharded) =>
        sharded ? WholeIndexes.Select(WholeIndex) : [.. Tables.SelectMany(ShardIndexes), .. WholeIndexes.Select(WholeIndex)];

    private static string WholeIndex((string Table, string Columns) index) =>
        $"CREATE INDEX IF NOT EXISTS {index.Table}_customer ON {index.Table} ({index.Columns})";

    /// <summary>
    /// The statements for one declaration in the one database of a workspace on PostgreSQL: the table, then the indexes a shard
    /// would keep on it (<see cref="ShardIndexes"/>) or a whole table's (<see cref="WholeIndexes"/>). PostgreSQL has no zone maps: without
    /// them every read of one customer's orders, and every check of an event's order id, scanned the whole table (at a million
    /// customers one order applied live took some 30 s; docs/postgres.md).
    /// </summary>
    public static IEnumerable<string> InOneDatabase(string declaration) =>
        [declaration, .. Of(declaration) is { } table ? ShardIndexes(table) : WholeTableIndexes(declaration)];

    /// <summary>The lookups of a table identified by its content: its key, the import's number, the content's hash (ImportSql).</summary>
    private static IReadOnlyList<string> Lookups(CanonicalTable table) =>
        [.. table.Key, Schema.WorkspaceSchema.ImportIdColumn, Schema.WorkspaceSchema.RowHashColumn];

    [GeneratedRegex(@"^\s*CREATE\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?""?(?<name>[a-z_]+)""?\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex CreatedTable();
}
