using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Storage.Snapshots;

namespace Clientele.Web.Tests.Api;

public sealed class SegmentsApiTests : IClassFixture<SegmentsApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public SegmentsApiTests(Server server) => _factory = server.Factory;

    [Fact]
    public async Task A_viewer_gets_the_value_classes_with_counts_shares_value_and_growth_since_the_earlier_snapshot()
    {
        var report = (await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<SegmentReport>("/api/segments/value-class", TestContext.Current.CancellationToken))!;
        Assert.Equal(("value_class", DemoCompany.Latest, DemoCompany.Earlier), (report.Dimension, report.AsOf, report.PreviousAsOf));
        var all = SnapshotSql.Long(_factory.Workspace, "SELECT count(*) FROM snapshot_customers WHERE as_of = $as_of");
        Assert.Equal(all, report.Customers);
        var mvc = Assert.Single(report.Classes, c => c.Class == "MVC");
        var row = SnapshotSql.Rows(_factory.Workspace,
            "SELECT count(*), sum(value) FILTER (WHERE isfinite(value)) FROM snapshot_customers WHERE as_of = $as_of AND value_class = 'MVC'")[0];
        var customers = Convert.ToInt64(row[0], CultureInfo.InvariantCulture);
        Assert.Equal(customers, mvc.Customers);
        Assert.Equal((double)customers / all, mvc.Share, 9);
        Assert.Equal(Convert.ToDouble(row[1], CultureInfo.InvariantCulture), mvc.TotalValue!.Value, 6);
        var before = SnapshotSql.Long(_factory.Workspace, "SELECT count(*) FROM snapshot_customers WHERE as_of = $earlier AND value_class = 'MVC'");
        Assert.Equal(customers - before, mvc.Growth);
        string[] order = ["MVC", "MGC", "BZC", "other"];
        var classes = report.Classes.Where(c => c.Class is not null).Select(c => c.Class!).ToList();
        Assert.Equal(classes.OrderBy(c => Array.IndexOf(order, c)), classes);
        Assert.Empty(report.Nodes);
    }

    [Fact]
    public async Task The_segment_dimension_comes_with_the_structure_map()
    {
        var report = (await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<SegmentReport>("/api/segments/segment", TestContext.Current.CancellationToken))!;
        Assert.Equal(SnapshotSql.Long(_factory.Workspace, "SELECT count(*) FROM snapshot_segments WHERE as_of = $as_of"), report.Nodes.Count);
        Assert.NotEmpty(report.Classes);
    }

    [Fact]
    public async Task An_unknown_dimension_is_a_400_listing_the_dimensions()
    {
        var response = await _factory.ClientWithKey(Role.Viewer).GetAsync("/api/segments/colour", TestContext.Current.CancellationToken);
        var detail = await SnapshotSql.AssertProblem(response, HttpStatusCode.BadRequest, "unknown dimension 'colour'");
        Assert.Contains("value_tier", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_snapshot_is_a_400()
    {
        var response = await _factory.ClientWithKey(Role.Viewer).GetAsync("/api/segments/ladder?asOf=2001-01-01", TestContext.Current.CancellationToken);
        await SnapshotSql.AssertProblem(response, HttpStatusCode.BadRequest, "no analysis as of 2001-01-01");
    }

    [Fact]
    public async Task Without_credentials_the_segments_are_refused() => await SnapshotSql.AssertUnauthenticated(_factory, "/api/segments/ladder");

    [Fact]
    public async Task An_empty_workspace_says_there_is_no_analysis_yet() => await SnapshotSql.AssertNoAnalysis("/api/segments/ladder");
}
