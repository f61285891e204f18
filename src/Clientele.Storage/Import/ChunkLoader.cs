using System.Threading.Channels;
using DuckDB.NET.Data;

namespace Clientele.Storage.Import;

/// <summary>
/// Loads the files of <see cref="ValidatedRows"/> one after another on a background thread, inside the
/// import's open transaction, while the next file is being read and written. At most one file waits,
/// so the disk holds at most two. Each file is deleted once loaded.
/// </summary>
internal sealed class ChunkLoader : IDisposable
{
    private readonly Channel<string> _files = Channel.CreateBounded<string>(1);
    private readonly Task _work;

    public ChunkLoader(DuckDBConnection connection, Func<string, string> loadSql)
    {
        _work = Task.Run(async () =>
        {
            try
            {
                await foreach (var path in _files.Reader.ReadAllAsync().ConfigureAwait(false))
                {
                    try
                    {
                        using var command = connection.CreateCommand();
                        command.CommandText = loadSql(path);
                        Loaded += command.ExecuteNonQuery();
                    }
                    finally
                    {
                        File.Delete(path);
                    }
                }
            }
            catch (Exception e)
            {
                // Let a waiting writer fail at once instead of blocking on a full channel.
                _files.Writer.TryComplete(e);
                while (_files.Reader.TryRead(out var left)) File.Delete(left);
                throw;
            }
        });
    }

    /// <summary>Rows inserted so far.</summary>
    public long Loaded { get; private set; }

    /// <summary>Queues a file; waits while another file is still waiting.</summary>
    public void Enqueue(string path)
    {
        try
        {
            _files.Writer.WriteAsync(path).AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException)
        {
            File.Delete(path);
            Finish();
            throw;
        }
    }

    /// <summary>Waits for every queued file to be loaded; rethrows the loader's failure.</summary>
    public long Finish()
    {
        _files.Writer.TryComplete();
        _work.GetAwaiter().GetResult();
        return Loaded;
    }

    public void Dispose()
    {
        _files.Writer.TryComplete();
        try
        {
            _work.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // Already reported by Finish, or the import is being abandoned: its transaction rolls back.
        }
    }
}
