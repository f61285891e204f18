using Clientele.Money;
using Clientele.Storage;

namespace Clientele.Web.Hosting;

/// <summary>
/// The server's workspace: a DuckDB file or a PostgreSQL database. It stays open for the server's life, and each request
/// reads through a connection of its own. This server's writes (imports, analyses, overrides, users) take turns: on DuckDB,
/// which would reject two transactions that change the same rows, the server is the file's only writer (it holds it open,
/// so no other process can write it), and an import or an analysis is one long transaction. On PostgreSQL other servers
/// and <c>clientele</c> commands write the same database at the same time: their transactions keep each change whole and
/// each read consistent, and what a server keeps in memory is checked against the database on every request
/// (<see cref="ChangeStamp"/>, and the snapshots' creation times for the listings).
/// </summary>
public sealed class WorkspaceHost : IDisposable
{
    private readonly Workspace _workspace;
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>
    /// Opens the workspace at <paramref name="path"/> (a file, or a <c>postgres://</c> URL), creating it when there is no
    /// such file or the database holds no workspace.
    /// </summary>
    public WorkspaceHost(string path)
    {
        _workspace = Workspace.OpenOrCreate(path, out var created);
        Created = created;
    }

    /// <summary>The workspace file, or the URL of its PostgreSQL database without the password.</summary>
    public string Path => _workspace.Path;

    /// <summary>Whether the workspace is a PostgreSQL database, which other processes read and write too.</summary>
    public bool IsPostgres => _workspace.IsPostgres;

    /// <summary>The file (or the database's workspace) did not exist and was created when the server started.</summary>
    public bool Created { get; }

    /// <summary>The workspace's money format (currency and number format), read now: a change shows at the next read.</summary>
    public MoneyFormat Money => Read(MoneySetting.Read);

    /// <summary>Runs a read on a connection of its own.</summary>
    public T Read<T>(Func<Workspace, T> read) => OnConnection(read);

    /// <summary>
    /// A connection of its own to the workspace, for a read that runs longer than one call (a <c>clientele</c> read command run
    /// for a CLI on this machine). Dispose it when done. Never write through it: changes take turns through <see cref="WriteAsync{T}"/>.
    /// </summary>
    public Workspace Connect() => Guard(_workspace.Connect);

    /// <summary>Runs a change once no other change of this server is running, on a connection of its own.</summary>
    public async Task<T> WriteAsync<T>(Func<Workspace, T> write, CancellationToken cancellationToken = default)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            return OnConnection(write);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>
    /// Runs a small change on a connection of its own without waiting for the turn: only for a table no change that takes turns
    /// writes (the data-protection keys), so the two cannot touch the same rows. (On PostgreSQL nothing needs the turn to be
    /// correct; this only keeps a sign-in from waiting behind this server's analysis.)
    /// </summary>
    public T WriteApart<T>(Func<Workspace, T> write) => OnConnection(write);

    /// <summary>Runs <paramref name="work"/> on a connection of its own, a lost connection told as <see cref="Guard{T}"/> tells it.</summary>
    private T OnConnection<T>(Func<Workspace, T> work) => Guard(() =>
    {
        using var connection = _workspace.Connect();
        return work(connection);
    });

    /// <summary>
    /// Runs <paramref name="work"/>, turning a lost connection to a PostgreSQL workspace into the
    /// <see cref="WorkspaceUnavailableException"/> that says so, and memory or disk space run out into the
    /// <see cref="OutOfResourcesException"/> that says so, which the pages show as they show every
    /// <see cref="WorkspaceException"/> and the API answers with 503 or 507 (ApiProblems).
    /// </summary>
    private T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (WorkspaceUnavailableException.From(e, Path) is { } unavailable && !ReferenceEquals(unavailable, e))
        {
            throw unavailable;
        }
        catch (Exception e) when (OutOfResourcesException.From(e, Path) is { } exhausted && !ReferenceEquals(exhausted, e))
        {
            throw exhausted;
        }
    }

    /// <summary>Whether a change of this server is running now (an import or an analysis holds the turn for its whole length).</summary>
    public bool Writing => _writer.CurrentCount == 0;

    /// <inheritdoc />
    public void Dispose()
    {
        _workspace.Dispose();
        _writer.Dispose();
    }
}
