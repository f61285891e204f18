using System.Globalization;
using DuckDB.NET.Data;
using static Clientele.Storage.Schema.WorkspaceSchema;

namespace Clientele.Storage.Removal;

/// <summary>
/// One removal as conditions per table: counted for the preview (in a transaction rolled back), then deleted in one
/// transaction. The same conditions serve both, so what is shown is what is done.
/// </summary>
internal sealed class RemovalSql(DuckDBConnection connection, IReadOnlyList<DuckDBParameter> parameters)
{
    public long Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters.Where(p => sql.Contains("$" + p.ParameterName, StringComparison.Ordinal)))
            command.Parameters.Add(new DuckDBParameter(parameter.ParameterName, parameter.Value));
        return command.ExecuteNonQuery();
    }

    public long Count(string table, string where)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM main.{Quote(table)} WHERE {where}";
        foreach (var parameter in parameters.Where(p => where.Contains("$" + p.ParameterName, StringComparison.Ordinal)))
            command.Parameters.Add(new DuckDBParameter(parameter.ParameterName, parameter.Value));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Counts (and, when <paramref name="delete"/>, deletes) the rows of each condition; returns the tables with rows.</summary>
    public IReadOnlyList<TableRows> Remove(IEnumerable<(string Table, string Where)> conditions, bool delete, Action<string>? progress)
    {
        var removed = new List<TableRows>();
        foreach (var (table, where) in conditions)
        {
            progress?.Invoke(table);
            var rows = delete ? Execute($"DELETE FROM main.{Quote(table)} WHERE {where}") : Count(table, where);
            if (rows > 0) removed.Add(new TableRows(table, rows));
        }
        return removed;
    }
}
