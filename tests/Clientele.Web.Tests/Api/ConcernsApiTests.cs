using System.Globalization;
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
    public async Task The_trend_is_the_share_of_the_same_segment_in_the_previous_analysis_counted_by_independent_sql()
    {
        var report = (await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<ConcernReport>("/api/concerns", TestContext.Current.CancellationToken))!;
        Assert.Equal(DemoCompany.Earlier, report.PreviousAsOf);
        var families = Assert.Single(report.Groups, g => g.Class == "persons/families");
        var taste = Assert.Single(families.Concerns, c => c.Concern == "water-taste");
        var before = SnapshotSql.Rows(_factory.Workspace, """
            SELECT count(DISTINCT s.customer_id), count(DISTINCT i.customer_id)
            FROM snapshot_customers s
            LEFT JOIN interactions i ON i.customer_id = s.customer_id AND i.kind = 'support' AND i.tag = 'water-taste' AND i.occurred_at < $earlier + INTERVAL 1 DAY
            WHERE s.as_of = $earlier AND s.segment = 'persons/families'
            """)[0];
        var (customers, raising) = (Convert.ToInt64(before[0], CultureInfo.InvariantCulture), Convert.ToInt64(before[1], CultureInfo.InvariantCulture));
        Assert.Equal(customers, families.PreviousCustomers);
        Assert.Equal((double)raising / customers, taste.PreviousShare!.Value, 12);
        Assert.Equal((taste.Share - (double)raising / customers) * 100, taste.ChangePoints!.Value, 9);
    }

    [Fact]
    public async Task An_analysis_without_a_previous_one_has_null_trends()
    {
        var json = await _factory.ClientWithKey(Role.Viewer).GetStringAsync($"/api/concerns?asOf={DemoCompany.Earlier:yyyy-MM-dd}", TestContext.Current.CancellationToken);
        var report = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        Assert.Null(report["previousAsOf"]);
        var figure = report["base"]!["concerns"]![0]!;
        Assert.Null(figure["previousShare"]);
        Assert.Null(figure["changePoints"]);
        Assert.Contains("\"changePoints\":null", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_interactions_behind_a_figure_are_paged_and_counted_as_the_figure()
    {
        var client = _factory.ClientWithKey(Role.Viewer);
        var report = (await client.GetFromJsonAsync<ConcernReport>("/api/concerns", TestContext.Current.CancellationToken))!;
        var taste = Assert.Single(Assert.Single(report.Groups, g => g.Class == "persons/families").Concerns, c => c.Concern == "water-taste");
        var page = (await client.GetFromJsonAsync<ConcernInteractionPage>(
            "/api/concerns/interactions?dimension=segment&class=persons/families&concern=Water%20Taste&page=2&pageSize=10", TestContext.Current.CancellationToken))!;
        Assert.Equal((taste.Interactions, taste.Customers, "water-taste", 2, 10), (page.Matching, page.Customers, page.Concern, page.Page, page.PageSize));
        Assert.Equal(10, page.Interactions.Count);
        var newest = SnapshotSql.Rows(_factory.Workspace, """
            SELECT i.occurred_at FROM interactions i JOIN snapshot_customers s ON s.customer_id = i.customer_id AND s.as_of = $as_of
            WHERE s.segment = 'persons/families' AND i.kind = 'support' AND i.tag = 'water-taste' AND i.occurred_at < $as_of + INTERVAL 1 DAY
            ORDER BY i.occurred_at DESC LIMIT 10 OFFSET 10
            """).Select(r => (DateTime)r[0]!).ToList();
        Assert.Equal(newest, page.Interactions.Select(i => i.OccurredAt));
        Assert.All(page.Interactions, i => Assert.Equal(("support", "water-taste"), (i.Kind, i.Tag)));
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
    [InlineData("/api/concerns/interactions", "name a concern")]
    [InlineData("/api/concerns/interactions?concern=price&page=0", "page must be 1 or more")]
    [InlineData("/api/concerns/interactions?concern=price&pageSize=500", "page size must be 1 to 200")]
    [InlineData("/api/concerns/interactions?concern=price&dimension=ladder&class=champion", "unknown class 'champion' of ladder")]
    public async Task Bad_input_is_a_400_saying_what_is_wrong(string path, string detail)
    {
        var response = await _factory.ClientWithKey(Role.Viewer).GetAsync(path, TestContext.Current.CancellationToken);
        await SnapshotSql.AssertProblem(response, HttpStatusCode.BadRequest, detail);
    }

    [Fact]
    public async Task Without_credentials_the_concerns_are_refused() => await SnapshotSql.AssertUnauthenticated(_factory, "/api/concerns");

    [Fact]
    public async Task Without_credentials_the_interactions_are_refused() => await SnapshotSql.AssertUnauthenticated(_factory, "/api/concerns/interactions?concern=price");

    [Fact]
    public async Task An_empty_workspace_says_there_is_no_analysis_yet() => await SnapshotSql.AssertNoAnalysis("/api/concerns");
}
