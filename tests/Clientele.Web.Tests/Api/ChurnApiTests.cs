using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Storage.Snapshots;
using Clientele.Web.Api;

namespace Clientele.Web.Tests.Api;

public sealed class ChurnApiTests : IClassFixture<ChurnApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public ChurnApiTests(Server server) => _factory = server.Factory;

    [Fact]
    public async Task A_viewer_gets_the_churn_reasons_of_lapsed_and_lost_customers_per_top_level_segment()
    {
        var report = (await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<ChurnReport>("/api/churn", TestContext.Current.CancellationToken))!;
        Assert.Equal((DemoCompany.Latest, 1), (report.AsOf, report.SegmentLevel));
        var rows = SnapshotSql.Rows(_factory.Workspace,
            "SELECT split_part(segment, '/', 1), churn_reason, count(*) FROM snapshot_customers " +
            "WHERE as_of = $as_of AND churn_status IN ('lapsed', 'lost') GROUP BY ALL");
        Assert.True(rows.Count > 1, "the demo company has lapsed or lost customers in several segments");
        Assert.Equal(rows.Count, report.Reasons.Count);
        foreach (var row in rows)
            Assert.Equal(Convert.ToInt64(row[2], CultureInfo.InvariantCulture),
                Assert.Single(report.Reasons, r => r.Segment == (string?)row[0] && r.Reason == (string?)row[1]).Customers);
        Assert.Equal(rows.Sum(r => Convert.ToInt64(r[2], CultureInfo.InvariantCulture)), report.Churned);
        Assert.DoesNotContain(report.Reasons, r => r.Segment?.Contains('/', StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_at_risk_customers_come_most_valuable_first_with_p_alive_now_and_before()
    {
        var report = (await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<ChurnReport>("/api/churn?limit=10", TestContext.Current.CancellationToken))!;
        Assert.Equal(SnapshotSql.Long(_factory.Workspace, "SELECT count(*) FROM snapshot_customers WHERE as_of = $as_of AND churn_status = 'at-risk'"), report.AtRiskTotal);
        var top = SnapshotSql.Rows(_factory.Workspace,
            "SELECT customer_id, p_alive, p_alive_previous FROM snapshot_customers WHERE as_of = $as_of AND churn_status = 'at-risk' " +
            "ORDER BY CASE WHEN isfinite(value) THEN value END DESC NULLS LAST, customer_id LIMIT 10");
        Assert.True(top.Count > 0, "the demo company has customers at risk");
        Assert.Equal(top.Count, report.AtRisk.Count);
        for (var i = 0; i < top.Count; i++)
        {
            var customer = report.AtRisk[i];
            Assert.Equal((string)top[i][0]!, customer.CustomerId);
            Assert.Equal(top[i][1] is null ? null : Convert.ToDouble(top[i][1], CultureInfo.InvariantCulture), customer.PAlive);
            Assert.Equal(top[i][2] is null ? null : Convert.ToDouble(top[i][2], CultureInfo.InvariantCulture), customer.PAlivePrevious);
            // The reason is rendered when read from the row's figures: the profile's, which states the status.
            Assert.Equal(_factory.Workspace.Read(w => SnapshotQuery.Profile(w, customer.CustomerId)).Classes.Single(c => c.Dimension == "churn_status").Reason, customer.Reason);
            Assert.StartsWith("at-risk: ", customer.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_deeper_segment_level_splits_the_reasons_by_domain()
    {
        var report = (await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<ChurnReport>("/api/churn?segmentLevel=2", TestContext.Current.CancellationToken))!;
        var segments = SnapshotSql.Long(_factory.Workspace,
            "SELECT count(DISTINCT array_to_string(list_slice(string_split(segment, '/'), 1, 2), '/')) FROM snapshot_customers " +
            "WHERE as_of = $as_of AND churn_status IN ('lapsed', 'lost')");
        Assert.Equal(segments, report.Reasons.Select(r => r.Segment).Where(s => s is not null).Distinct().Count());
    }

    [Theory]
    [InlineData("/api/churn?segmentLevel=0", "segmentLevel 0 is out of range: choose 1 to 5")]
    [InlineData("/api/churn?limit=0", "limit 0 is out of range: choose 1 to 1000")]
    [InlineData("/api/churn?asOf=2001-01-01", "no analysis as of 2001-01-01")]
    public async Task Bad_arguments_are_a_400_saying_what_is_wrong(string path, string detail)
    {
        var response = await _factory.ClientWithKey(Role.Viewer).GetAsync(path, TestContext.Current.CancellationToken);
        await SnapshotSql.AssertProblem(response, HttpStatusCode.BadRequest, detail);
    }

    [Fact]
    public async Task Without_credentials_the_churn_report_is_refused() => await SnapshotSql.AssertUnauthenticated(_factory, "/api/churn");

    [Fact]
    public async Task An_empty_workspace_says_there_is_no_analysis_yet() => await SnapshotSql.AssertNoAnalysis("/api/churn");
}
