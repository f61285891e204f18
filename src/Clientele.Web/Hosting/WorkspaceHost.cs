using Clientele.Money;
using Clientele.Storage;

namespace Clientele.Web.Hosting;

/// <summary>
/// The server's workspace. It stays open for the server's life (so another process cannot write to it underneath), and
/// each request reads through a connection of its own. Writes (imports, analyses, overrides, users) take turns: DuckDB
/// would reject two transactions that change the same rows, and an import or an analysis is one long transaction.
/// </summary>
public sealed class WorkspaceHost : IDisposable
{
    private readonly Workspace _workspace;
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Opens the workspace at <paramref name="path"/>, creating it when there is no such file.</summary>
    /// <exception cref="WorkspaceException">The path is a PostgreSQL URL: this build serves DuckDB workspaces only.</exception>
    public WorkspaceHost(string path)
    {
        if (Workspace.IsDatabaseUrl(path))
            throw new WorkspaceException("the server does not run on a PostgreSQL workspace in this build (docs/postgres.md); serve a DuckDB workspace file.");
        _workspace = Workspace.OpenOrCreate(path, out var created);
        Created = created;
    }

    /// <summary>The workspace file.</summary>
    public string Path => _workspace.Path;

    /// <summary>The file did not exist and was created when the server started.</summary>
    public bool Created { get; }

    /// <summary>The workspace's money format (currency and number format), read now: a change shows at the next read.</summary>
    public MoneyFormat Money => Read(MoneySetting.Read);

    /// <summary>Runs a read on a connection of its own.</summary>
    public T Read<T>(Func<Workspace, T> read)
    {
        using var connection = _workspace.Connect();
        return read(connection);
    }

    /// <summary>
    /// A connection of its own to the workspace, for a read that runs longer than one call (a <c>clientele</c> read command run
    /// for a CLI on this machine). Dispose it when done. Never write through it: changes take turns through <see cref="WriteAsync{T}"/>.
    /// </summary>
    public Workspace Connect() => _workspace.Connect();

    /// <summary>Runs a change once no other change is running, on a connection of its own.</summary>
    public async Task<T> WriteAsync<T>(Func<Workspace, T> write, CancellationToken cancellationToken = default)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            using var connection = _workspace.Connect();
            return write(connection);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>
    /// Runs a small change on a connection of its own without waiting for the turn: only for a table no change that takes turns
    /// writes (the data-protection keys), so the two cannot touch the same rows.
    /// </summary>
    public T WriteApart<T>(Func<Workspace, T> write)
    {
        using var connection = _workspace.Connect();
        return write(connection);
    }

    /// <summary>Whether a change is running now (an import or an analysis holds the turn for its whole length).</summary>
    public bool Writing => _writer.CurrentCount == 0;

    /// <inheritdoc />
    public void Dispose()
    {
        _workspace.Dispose();
        _writer.Dispose();
    }
}
