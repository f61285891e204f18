namespace Clientele.Storage.Tests.Contract;

/// <summary>
/// Every column of a workspace's tables as its engine reports it (<c>information_schema.columns</c>), with PostgreSQL's
/// type names written as DuckDB's, so two workspaces' schemas compare as lists.
/// </summary>
public sealed record SchemaColumns(string Table, int Position, string Column, string Type, bool Nullable)
{
    /// <summary>The columns, by table and then position.</summary>
    public static IReadOnlyList<SchemaColumns> Of(Workspace workspace)
    {
        using var command = workspace.Command("""
            SELECT table_name, CAST(ordinal_position AS INTEGER), column_name, data_type, CAST(numeric_precision AS INTEGER),
                   CAST(numeric_scale AS INTEGER), is_nullable
            FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """);
        using var reader = command.ExecuteReader();
        var columns = new List<SchemaColumns>();
        while (reader.Read())
        {
            var type = reader.GetString(3).ToUpperInvariant() switch
            {
                "CHARACTER VARYING" or "TEXT" => "VARCHAR",
                "DOUBLE PRECISION" => "DOUBLE",
                "TIMESTAMP WITHOUT TIME ZONE" => "TIMESTAMP",
                "NUMERIC" when reader.GetInt32(4) == 20 && reader.GetInt32(5) == 0 => "UBIGINT",
                "NUMERIC" => $"DECIMAL({reader.GetInt32(4)},{reader.GetInt32(5)})",
                var other => other,
            };
            columns.Add(new SchemaColumns(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), type, reader.GetString(6) == "YES"));
        }
        return columns;
    }

    /// <summary>The columns as a set, whatever their positions (a column an upgrade adds comes last).</summary>
    public static IEnumerable<string> Unordered(Workspace workspace) =>
        Of(workspace).Select(c => $"{c.Table}.{c.Column} {c.Type}{(c.Nullable ? "" : " NOT NULL")}").Order(StringComparer.Ordinal);
}
