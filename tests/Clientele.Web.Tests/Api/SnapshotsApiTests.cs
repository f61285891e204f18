using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Storage.Snapshots;

namespace Clientele.Web.Tests.Api;

public sealed class SnapshotsApiTests : IClassFixture<SnapshotsApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public ClienteleFactory Empty { get; } = new(DemoCompany.Empty());

        public void Dispose()
        {
            Factory.Dispose();
            Empty.Dispose();
        }
    }

    private readonly Server _server;

    public SnapshotsApiTests(Server server) => _server = server;

    [Fact]
    public async Task Lists_both_analyses_of_the_demo_company_oldest_first_with_their_customer_counts()
    {
        var snapshots = await _server.Factory.ClientWithKey(Role.Viewer)
            .GetFromJsonAsync<List<SnapshotInfo>>("/api/snapshots", TestContext.Current.CancellationToken);

        Assert.Equal([DemoCompany.Earlier, DemoCompany.Latest], snapshots!.Select(s => s.AsOf));
        foreach (var snapshot in snapshots!)
        {
            var counted = _server.Factory.Workspace.Read(w => w.Scalar<long>(
                $"SELECT count(*) FROM snapshot_customers WHERE as_of = DATE '{snapshot.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'"));
            Assert.Equal(counted, snapshot.Customers);
            Assert.True(counted > 0);
        }
        Assert.Equal(new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), snapshots![1].CreatedAt);
    }

    [Fact]
    public async Task A_workspace_without_an_analysis_lists_none()
    {
        var snapshots = await _server.Empty.ClientWithKey(Role.Viewer)
            .GetFromJsonAsync<List<SnapshotInfo>>("/api/snapshots", TestContext.Current.CancellationToken);
        Assert.Empty(snapshots!);
    }

    [Fact]
    public async Task Listing_the_analyses_needs_credentials()
    {
        var response = await _server.Factory.Anonymous().GetAsync("/api/snapshots", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
