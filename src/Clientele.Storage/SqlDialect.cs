using System.Data.Common;
using System.Text;
using Clientele.Tables;

namespace Clientele.Storage;

/// <summary>
/// What the SQL of a workspace's engine spells differently: its provider's parameters, its column types, and the few
/// functions and statements DuckDB and PostgreSQL do not share. Storage code writes SQL once, in the spelling both engines
/// accept, with parameters as <c>$name</c>, and asks the workspace's dialect (<see cref="Workspace.Dialect"/>) only for what
/// differs. One dialect per provider: <see cref="DuckDb.DuckDbDialect"/>, <see cref="Postgres.PostgresDialect"/>.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>The engine's name as users know it (DuckDB, PostgreSQL).</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The statement as this engine's provider takes it. Storage code names parameters <c>$name</c> (a letter or underscore
    /// after the dollar); a provider that spells them otherwise rewrites them here, and only here.
    /// </summary>
    public abstract string Statement(string sql);

    /// <summary>A parameter of this engine's provider, named as in the statement (without the <c>$</c>); null is SQL NULL.</summary>
    public abstract DbParameter Parameter(string name, object? value);

    /// <summary>The column type of a canonical column.</summary>
    public abstract string ColumnType(ColumnType type);

    /// <summary>
    /// A declared <c>CREATE TABLE</c> or <c>ALTER TABLE</c> statement as this engine takes it. Tables are declared once, with
    /// the type names VARCHAR, DOUBLE, BIGINT, INTEGER, UBIGINT, BOOLEAN, DATE, TIMESTAMP and DECIMAL(p, s); a dialect renames
    /// those its engine does not have.
    /// </summary>
    public abstract string Declaration(string statement);

    /// <summary>
    /// A bulk load of rows into <paramref name="table"/>'s <paramref name="columns"/> (by name; the others get NULL) on the
    /// open connection, inside its transaction if one is open. Dispose it when done.
    /// </summary>
    public abstract TableWriter BulkWriter(DbConnection connection, string table, IReadOnlyList<string> columns);

    /// <summary>
    /// How an import's validated rows reach <paramref name="sql"/>'s <see cref="Import.ImportSql.LoadTable"/> while the file is read:
    /// the engine's fastest bulk path, inside the import's transaction.
    /// </summary>
    public abstract Import.RowLoad ImportLoad(Workspace workspace, Import.ImportSql sql, CanonicalTable table, bool keepRaw, int rowsPerChunk);

    /// <summary>
    /// A transaction on each shard that holds <paramref name="table"/> when the workspace is spread over several databases and an
    /// import can write each shard's rows there itself (docs/scale-out.md); null otherwise, and on an engine without shards.
    /// </summary>
    public virtual Import.ShardTransactions? Shards(DbConnection connection, CanonicalTable table) => null;

    /// <summary>
    /// How a snapshot's rows (customers, product lines, buying roles) reach the engine inside the snapshot's open transaction:
    /// DuckDB's parallel reader over a CSV file beside the workspace, PostgreSQL's binary <c>COPY</c>.
    /// </summary>
    public abstract Snapshots.SnapshotLoad SnapshotLoad(Workspace workspace);

    /// <summary>
    /// How an analysis's snapshot reaches the engine (<see cref="Snapshots.SnapshotWriter"/>):
    /// <see cref="SnapshotLoad"/>, except on a sharded workspace, whose distributed snapshot tables' rows go to their shards directly
    /// (docs/scale-out.md). A live update's few rows go to temporary tables through <see cref="SnapshotLoad"/>.
    /// </summary>
    public virtual Snapshots.SnapshotLoad AnalysisSnapshotLoad(Workspace workspace) => SnapshotLoad(workspace);

    /// <summary>
    /// A text expression to sort by in code-point order (ordinal, as .NET's <see cref="StringComparer.Ordinal"/>), whatever the
    /// database's collation: customers come back in the same order from both engines.
    /// </summary>
    public abstract string OrdinalText(string expression);

    /// <summary>Whether the DOUBLE <paramref name="value"/> is a finite number (neither NaN nor infinite); NULL for NULL.</summary>
    public abstract string IsFinite(string value);

    /// <summary>
    /// A set-returning expression for a SELECT list: one row per item of the text list <paramref name="list"/> joined by
    /// <paramref name="separator"/> (a constant), one NULL row for a NULL list.
    /// </summary>
    public abstract string ListItems(string list, string separator);

    /// <summary>
    /// The condition that <paramref name="column"/> is one of the texts of the list parameter <paramref name="parameter"/> (its
    /// name, without <c>$</c>), in the form that lets the engine narrow the table by them: DuckDB skips the row groups by a
    /// subquery's values (<c>list_contains</c> scanned them all), PostgreSQL sends an array comparison to each shard of a sharded
    /// table, where a join with the values on the coordinator brings every row of the table there first.
    /// </summary>
    public abstract string AmongIds(string column, string parameter);

    /// <summary>Whether the JSON object in the text column <paramref name="json"/> has the key <paramref name="key"/> (a constant name), whatever its value, JSON null included.</summary>
    public abstract string JsonHasKey(string json, string key);

    /// <summary>The text of the key <paramref name="key"/> (a constant name) of the JSON object in the text column <paramref name="json"/>; NULL when absent or JSON null.</summary>
    public abstract string JsonText(string json, string key);

    /// <summary>
    /// Whether the text column <paramref name="json"/> holds text <see cref="JsonText"/> can read (valid JSON); false or null
    /// where it does not, so a guarded read gives null instead of failing the statement.
    /// </summary>
    public abstract string JsonReadable(string json);

    /// <summary>A JSON object of the members (SQL key and value expressions), in their order: DuckDB's <c>json_object</c>, PostgreSQL's <c>json_build_object</c>.</summary>
    public abstract string JsonObject(IEnumerable<(string Key, string Value)> members);

    /// <summary>The value of <paramref name="value"/> on the row with the least <paramref name="key"/> of a group.</summary>
    public abstract string ArgMin(string value, string key);

    /// <summary>The value of <paramref name="value"/> on the row with the greatest <paramref name="key"/> of a group.</summary>
    public abstract string ArgMax(string value, string key);

    /// <summary>
    /// The non-null <paramref name="value"/> of the group's first row in the order of <paramref name="order"/> (several
    /// expressions, compared one after another, ascending; a null sorts after every value), among the rows
    /// <paramref name="filter"/> keeps (all when null): an arg-min over a compound key.
    /// </summary>
    public abstract string ArgMinBy(string value, IReadOnlyList<string> order, string? filter = null);

    /// <summary>As <see cref="ArgMinBy"/>, the group's last row in that order (a null sorts after every value, so it counts as the greatest).</summary>
    public abstract string ArgMaxBy(string value, IReadOnlyList<string> order, string? filter = null);

    /// <summary>
    /// A set-returning function for the FROM clause: the members of the JSON object in the text <paramref name="json"/>, one
    /// row each, read through <see cref="JsonMemberKey"/> and <see cref="JsonMemberNumber"/>; none when it is null or not an
    /// object.
    /// </summary>
    public abstract string JsonMembers(string json);

    /// <summary>The key of a member of <see cref="JsonMembers"/> aliased <paramref name="member"/>.</summary>
    public virtual string JsonMemberKey(string member) => $"{member}.key";

    /// <summary>The value of a member of <see cref="JsonMembers"/> aliased <paramref name="member"/> as a DOUBLE PRECISION when it is a JSON number, else null.</summary>
    public abstract string JsonMemberNumber(string member);

    /// <summary>The integer quotient of two BIGINT expressions, rounded toward zero (DuckDB's <c>/</c> on integers gives a DOUBLE).</summary>
    public abstract string IntegerQuotient(string dividend, string divisor);

    /// <summary>Whole days from the date or timestamp <paramref name="from"/> to <paramref name="to"/> (negative when earlier).</summary>
    public abstract string DayDiff(string from, string to);

    /// <summary>The statements that make a temporary table of a query's rows, replacing one of that name.</summary>
    public abstract IReadOnlyList<string> ReplaceTempTable(string name, string query);

    /// <summary>
    /// The statement that refreshes the planner's statistics of a table many rows were just loaded into (inside the loading
    /// transaction), or null when the engine keeps them itself. PostgreSQL's are refreshed by autovacuum later, after the
    /// commit: until then a table that held one row when last analyzed is planned as one row, and a join over a million
    /// loaded rows as a nested loop.
    /// </summary>
    public abstract string? Analyze(string table);

    /// <summary>The statement that drops this connection's temporary table <paramref name="name"/> if there is one (never a table of the database).</summary>
    public abstract string DropTempTable(string name);

    /// <summary>
    /// Whether the engine has an as-of join (DuckDB's <c>ASOF JOIN</c>): the nearest earlier row per key in one pass. Without
    /// it, statements that would use one join every candidate row and aggregate.
    /// </summary>
    public abstract bool HasAsofJoin { get; }

    /// <summary>
    /// Whether per-customer statements group a customer-keyed table by its customer id on its own, before joining the result
    /// to the statement's temporary tables. A PostgreSQL table may be partitioned over shards (<see cref="Postgres.ShardedWorkspace"/>,
    /// or Citus), which answer a one-level <c>GROUP BY customer_id</c> of one table each, where a join with a temporary table
    /// of the coordinator brings every row to the coordinator first; DuckDB groups faster by the integer index once joined.
    /// </summary>
    public abstract bool GroupsByCustomerFirst { get; }

    /// <summary>
    /// The statements that bound the memory the engine keeps for this connection's work (it spills to disk beyond it), in
    /// megabytes, and the threads it works on (each holds buffers of its own, so a bound that suits two threads may not suit
    /// sixteen), or return both to their defaults when null; none when the engine has no such settings per connection
    /// (PostgreSQL's memory is the server's, set by its administrator).
    /// </summary>
    public abstract IReadOnlyList<string> MemoryLimit(int? megabytes, int? threads = null);

    /// <summary>
    /// The statements that stop (<paramref name="deferred"/>) or let again the engine compact tables as a commit checkpoints
    /// them; none when the engine compacts apart from commits (PostgreSQL's autovacuum). See <see cref="Live.LiveCommit"/>.
    /// </summary>
    public abstract IReadOnlyList<string> DeferCompaction(bool deferred);

    /// <summary>
    /// The statement that makes the transaction the only writer of <paramref name="table"/> until it ends, readers going on, or
    /// null where the engine needs none: PostgreSQL lets two transactions each add to rows as they were before the other
    /// committed (one's additions would be lost), DuckDB refuses the second of two conflicting writes.
    /// </summary>
    public abstract string? SoleWriter(string table);

    /// <summary>
    /// Rewrites every <c>$name</c> parameter outside quotes and comments with <paramref name="prefix"/>; <c>$1</c>
    /// (positional) is left as it is. Dollar-quoted strings are not used in Storage's SQL, so they are not recognised.
    /// </summary>
    protected static string RenameParameters(string sql, char prefix)
    {
        if (!sql.Contains('$', StringComparison.Ordinal)) return sql;
        var result = new StringBuilder(sql.Length);
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c is '\'' or '"')
            {
                var end = sql.IndexOf(c, i + 1);
                // A doubled quote inside a string or identifier is an escaped one: the scan simply continues past it.
                end = end < 0 ? sql.Length - 1 : end;
                result.Append(sql, i, end - i + 1);
                i = end;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                end = end < 0 ? sql.Length - 1 : end;
                result.Append(sql, i, end - i + 1);
                i = end;
            }
            else if (c == '$' && i + 1 < sql.Length && (char.IsAsciiLetter(sql[i + 1]) || sql[i + 1] == '_'))
            {
                result.Append(prefix);
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }
}
