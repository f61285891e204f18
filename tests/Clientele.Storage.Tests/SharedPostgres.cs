[assembly: AssemblyFixture(typeof(Clientele.Storage.Tests.SharedPostgres))]

namespace Clientele.Storage.Tests;

/// <summary>
/// The test assembly's one <see cref="PostgresServer"/>, started when a test first asks for it (a run that needs none
/// starts none) and stopped when the assembly's tests end. Tests keep apart by each using databases of its own
/// (<see cref="PostgresServer.NewDatabaseUrl"/>).
/// </summary>
public sealed class SharedPostgres : IDisposable
{
    private readonly Lazy<PostgresServer> _server = new(PostgresServer.Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The running server; skips the calling test when PostgreSQL is not installed.</summary>
    public PostgresServer Server
    {
        get
        {
            PostgresServer.Require();
            return _server.Value;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_server.IsValueCreated) _server.Value.Dispose();
    }
}
