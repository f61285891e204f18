using System.Net;
using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Storage.Concerns;

namespace Clientele.Web.Tests.Api;

public sealed class ConcernsApiTests : IClassFixture<ConcernsApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public ConcernsApiTests(Server server) => _factory = server.Factory;

    [Fact]
    public async Task A_viewer_gets_the_concerns_of_every_segment_counted_as_independent_sql_counts_them()
    {
        var report = (await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<ConcernReport>("/api/concerns", TestContext.Current.CancellationToken))!;
        Assert.Equal(("segment", DemoCompany.Latest, 5), (report.Dimension, report.AsOf, report.Top));
        Assert.Equal(SnapshotSql.Long(_factory.Workspace, "SELECT count(*) FROM snapshot_customers WHERE as_of = $as_of"), report.Base.Customers);
        var families = Assert.Single(report.Groups, g => g.Class == "persons/families");
        var taste = Assert.Single(families.Concerns, c => c.Concern == "water-taste");
        var customers = SnapshotSql.Long(_factory.Workspace, """
            SELECT count(DISTINCT i.customer_id) FROM interactions i JOIN snapshot_customers s ON s.customer_id = i.customer_id AND s.as_of = $as_of
            WHERE s.segment = 'persons/families' AND i.kind = 'support' AND i.tag = 'water-taste' AND i.occurred_at < $as_of + INTERVAL 1 DAY
            """);
        Assert.Equal(customers, taste.Customers);
        Assert.False(taste.General);
    }

    [Fact]
    public async Task One_class_of_a_dimension_is_one_group()
    {
        var report = (await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<ConcernReport>("/api/concerns?dimension=churn_status&class=lost&top=2", TestContext.Current.CancellationToken))!;
        var lost = Assert.Single(report.Groups);
        Assert.Equal(("churn_status", "lost"), (report.Dimension, lost.Class));
        Assert.Equal(SnapshotSql.Long(_factory.Workspace, "SELECT count(*) FROM snapshot_customers WHERE as_of = $as_of AND churn_status = 'lost'"), lost.Customers);
        Assert.True(lost.Concerns.Count(c => !c.General) <= 2);
    }

    [Theory]
    [InlineData("/api/concerns?dimension=colour", "unknown dimension 'colour'")]
    [InlineData("/api/concerns?segment=nowhere", "is in segment 'nowhere'")]
    [InlineData("/api/concerns?top=0", "top must be 1 or more")]
    [InlineData("/api/concerns?asOf=2001-01-01", "no analysis as of 2001-01-01")]
    public async Task Bad_input_is_a_400_saying_what_is_wrong(string path, string detail)
    {
        var response = await _factory.ClientWithKey(Role.Viewer).GetAsync(path, TestContext.Current.CancellationToken);
        await SnapshotSql.AssertProblem(response, HttpStatusCode.BadRequest, detail);
    }

    [Fact]
    public async Task Without_credentials_the_concerns_are_refused() => await SnapshotSql.AssertUnauthenticated(_factory, "/api/concerns");

    [Fact]
    public async Task An_empty_workspace_says_there_is_no_analysis_yet() => await SnapshotSql.AssertNoAnalysis("/api/concerns");
}
