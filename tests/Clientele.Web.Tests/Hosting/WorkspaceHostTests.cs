using Clientele.Storage;
using Clientele.Storage.Tests;
using Clientele.Web.Hosting;

namespace Clientele.Web.Tests.Hosting;

/// <summary>
/// The server's workspace on PostgreSQL when a read loses its connection: the dashboard's pages catch
/// <see cref="WorkspaceException"/> to show a failed load's message, so the loss must reach them as one.
/// </summary>
public sealed class WorkspaceHostTests(SharedPostgres postgres) : IDisposable
{
    private readonly string _url = postgres.Server.NewDatabaseUrl();

    [Fact]
    public void A_read_whose_session_is_ended_mid_way_is_a_WorkspaceException_that_names_the_workspace_and_the_next_read_answers()
    {
        using var host = new WorkspaceHost(_url);
        // The session ends itself, as an administrator's pg_terminate_backend would end it.
        var lost = Assert.Throws<WorkspaceUnavailableException>(() => host.Read(w => w.Scalar<bool>("SELECT pg_terminate_backend(pg_backend_pid())")));
        Assert.IsAssignableFrom<WorkspaceException>(lost);
        Assert.StartsWith($"lost the connection to {_url}: 57P01: terminating connection due to administrator command. ", lost.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Read(w => w.Scalar<int>("SELECT 1")));
    }

    public void Dispose() => postgres.Server.DropDatabase(_url);
}
