using DuckDB.NET.Data;

namespace Clientele.Storage.Import;

/// <summary>
/// A Parquet file to import: recognised by its magic bytes (<c>PAR1</c>), not its name, and read by DuckDB's
/// <c>read_parquet</c> into a CSV file with a header, which the importer then reads like any other file, so that the
/// mapping, checks, messages and options are those of CSV. A Parquet file has rows, not lines: errors give the row
/// number (1 is the first row).
/// </summary>
internal static class ParquetFile
{
    /// <summary>The hint under a refused Parquet file's errors.</summary>
    public const string RowsHint =
        "The number after the file name is the row of the Parquet file (1 is the first row), which has no lines. " +
        "Fix the file or the options, or pass --skip-bad-rows to import the good rows and write the bad ones to a rejects file.";

    /// <summary>Whether the file starts with Parquet's magic bytes.</summary>
    public static bool Is(string path)
    {
        Span<byte> start = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(start, 4, throwOnEndOfStream: false) == 4 && start.SequenceEqual("PAR1"u8);
    }

    /// <summary>Writes the Parquet file's rows to <paramref name="csv"/> (comma-separated, quoted where needed, a header, NULL empty).</summary>
    /// <remarks>An in-memory DuckDB reads it, whatever the workspace's engine.</remarks>
    /// <exception cref="ImportFailedException">DuckDB cannot read the file as Parquet.</exception>
    public static void ToCsv(string path, string csv)
    {
        try
        {
            using var connection = new DuckDBConnection("Data Source=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY (SELECT * FROM read_parquet({Schema.WorkspaceSchema.Literal(path)})) TO {Schema.WorkspaceSchema.Literal(csv)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"')";
            command.ExecuteNonQuery();
        }
        catch (DuckDBException e)
        {
            throw new ImportFailedException(path, [new ImportError(path, 0, 0, null, null,
                "the file starts like a Parquet file (PAR1) but DuckDB cannot read it: " + e.Message.Split('\n')[0])], 1);
        }
    }

}
