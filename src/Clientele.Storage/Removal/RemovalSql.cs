using System.Globalization;
using static Clientele.Storage.Schema.WorkspaceSchema;

namespace Clientele.Storage.Removal;

/// <summary>
/// One removal as conditions per table: counted for the preview (in a transaction rolled back), then deleted in one
/// transaction. The same conditions serve both, so what is shown is what is done. The SQL is the same on both engines
/// (parameters spelled <c>$name</c>, <see cref="Workspace.Command"/>).
/// </summary>
internal sealed class RemovalSql(Workspace workspace, IReadOnlyList<(string Name, object? Value)> parameters)
{
    public long Execute(string sql)
    {
        using var command = workspace.Command(sql, Used(sql));
        return command.ExecuteNonQuery();
    }

    public long Count(string table, string where)
    {
        var sql = $"SELECT count(*) FROM {Quote(table)} WHERE {where}";
        using var command = workspace.Command(sql, Used(sql));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>A temporary table of this connection made from <paramref name="query"/>, replacing one of the name (<see cref="SqlDialect.ReplaceTempTable"/>).</summary>
    public void TempTable(string name, string query)
    {
        foreach (var statement in workspace.Dialect.ReplaceTempTable(name, query)) Execute(statement);
    }

    /// <summary>Counts (and, when <paramref name="delete"/>, deletes) the rows of each condition; returns the tables with rows.</summary>
    public IReadOnlyList<TableRows> Remove(IEnumerable<(string Table, string Where)> conditions, bool delete, Action<string>? progress)
    {
        var removed = new List<TableRows>();
        foreach (var (table, where) in conditions)
        {
            progress?.Invoke(table);
            var rows = delete ? Execute($"DELETE FROM {Quote(table)} WHERE {where}") : Count(table, where);
            if (rows > 0) removed.Add(new TableRows(table, rows));
        }
        return removed;
    }

    private (string Name, object? Value)[] Used(string sql) =>
        [.. parameters.Where(p => sql.Contains("$" + p.Name, StringComparison.Ordinal))];
}
