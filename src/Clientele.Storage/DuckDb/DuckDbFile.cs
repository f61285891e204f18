using System.Data.Common;
using DuckDB.NET.Data;

namespace Clientele.Storage.DuckDb;

/// <summary>A DuckDB workspace's file: connecting to it (one writing process per file), and removing it.</summary>
internal static class DuckDbFile
{
    /// <summary>An open connection to the file (DuckDB creates a missing file).</summary>
    /// <exception cref="WorkspaceException">The file is held by another process (a running server's note says which), or is not a DuckDB file.</exception>
    public static DbConnection Connect(string path)
    {
        var connection = new DuckDBConnection($"Data Source={path}");
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // Row order is never relied on (every query sorts), so inserts may run in parallel.
            command.CommandText = "SET preserve_insertion_order = false";
            command.ExecuteNonQuery();
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            if (!e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
                throw new WorkspaceException($"cannot open {path}: {FirstLine(e.Message)}.", e);
            throw new WorkspaceException(ServingRecord.Read(path) is { } serving
                ? $"cannot open {path}: {serving.Advice()}"
                : $"cannot open {path}: {FirstLine(e.Message)}. Another process (another clientele command, such as an import) holds it; run this command again when it has finished, or stop it.", e);
        }
        return connection;
    }

    /// <summary>Removes the file and its write-ahead log.</summary>
    public static void Delete(string path)
    {
        File.Delete(path);
        File.Delete(path + ".wal");
    }

    private static string FirstLine(string message) => message.Split('\n')[0].TrimEnd('.');
}
