using System.Data.Common;

namespace Clientele.Storage.Postgres;

/// <summary>
/// Every Citus call Clientele makes, in one place (<c>clientele init --distributed</c>): the distributed tables
/// (<see cref="ShardedSchema.Tables"/>) become Citus distributed tables by their customer id, co-located with
/// <c>customers</c>, with the same unique indexes as a shard of PostgreSQL's own sharding; every other table becomes a
/// reference table (a copy on every worker). Citus is not available on the machines this was built on: these statements
/// follow Citus's documentation and have not run (docs/scale-out.md).
/// </summary>
internal static class CitusDistribution
{
    /// <summary>Whether the database has the Citus extension.</summary>
    public static bool Installed(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pg_extension WHERE extname = 'citus'";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The statements for one declaration: the table as declared, then its indexes and the call that distributes it.</summary>
    public static IEnumerable<string> Placed(string declaration)
    {
        yield return declaration;
        if (ShardedSchema.TableOf(declaration) is not { } name) yield break;
        if (ShardedSchema.Of(declaration) is not { } table)
        {
            foreach (var index in ShardedSchema.WholeTableIndexes(declaration)) yield return index;
            yield return $"SELECT create_reference_table('{name}')";
            yield break;
        }
        foreach (var index in ShardedSchema.ShardIndexes(table)) yield return index;
        var first = ShardedSchema.Tables[0].Table;
        yield return $"SELECT create_distributed_table('{table.Table}', '{table.Column}', colocate_with => '{(table.Table == first ? "default" : first)}')";
    }
}
