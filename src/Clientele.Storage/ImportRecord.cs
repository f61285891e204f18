namespace Clientele.Storage;

/// <summary>One import as recorded in the workspace's <c>imports</c> table.</summary>
public sealed record ImportRecord(
    int ImportId,
    string Table,
    string SourcePath,
    string SourceSha256,
    long SourceBytes,
    string Options,
    DateTime ImportedAt,
    double Seconds,
    long RowsRead,
    long RowsAdded,
    long RowsUpdated,
    long RowsAlreadyPresent,
    long RowsRejected,
    long RowsFiltered,
    long CustomersCreated,
    string IgnoredColumns)
{
    /// <summary>Records where an import's file came from, when the path it was read from means nothing later (an upload's temporary copy).</summary>
    public static void SetSourcePath(Workspace workspace, int importId, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        using var command = workspace.Command("UPDATE imports SET source_path = $path WHERE import_id = $id", ("path", sourcePath), ("id", importId));
        command.ExecuteNonQuery();
    }

    internal static IReadOnlyList<ImportRecord> ReadAll(Workspace workspace)
    {
        using var command = workspace.Command("""
            SELECT import_id, table_name, source_path, source_sha256, source_bytes, options, imported_at, seconds,
                   rows_read, rows_added, rows_updated, rows_already_present, rows_rejected, rows_filtered,
                   customers_created, ignored_columns
            FROM imports ORDER BY import_id
            """);
        using var reader = command.ExecuteReader();
        var records = new List<ImportRecord>();
        while (reader.Read())
        {
            records.Add(new ImportRecord(
                reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                reader.GetString(5), reader.GetDateTime(6), reader.GetDouble(7), reader.GetInt64(8), reader.GetInt64(9),
                reader.GetInt64(10), reader.GetInt64(11), reader.GetInt64(12), reader.GetInt64(13), reader.GetInt64(14),
                reader.GetString(15)));
        }
        return records;
    }
}
