using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Web.Api;

namespace Clientele.Web.Tests.Api;

public sealed class StructureApiTests : IClassFixture<StructureApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public StructureApiTests(Server server) => _factory = server.Factory;

    [Fact]
    public async Task A_viewer_gets_every_node_parents_first_with_the_figures_analyze_stored()
    {
        var map = (await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<StructureReport>("/api/structure", TestContext.Current.CancellationToken))!;
        Assert.Equal(DemoCompany.Latest, map.AsOf);
        var rows = SnapshotSql.Rows(_factory.Workspace,
            "SELECT path, parent, actual_customers, value, expected_revenue, target_customers, target_only FROM snapshot_segments WHERE as_of = $as_of");
        Assert.Equal(rows.Count, map.Nodes.Count);
        Assert.Contains(map.Nodes, n => n.Level > 0);
        foreach (var row in rows)
        {
            var node = Assert.Single(map.Nodes, n => n.Path == (string)row[0]!);
            Assert.Equal(Convert.ToInt64(row[2], CultureInfo.InvariantCulture), node.ActualCustomers);
            Assert.Equal(Convert.ToDouble(row[3], CultureInfo.InvariantCulture), node.Value, 6);
            Assert.Equal(Convert.ToDouble(row[4], CultureInfo.InvariantCulture), node.ExpectedRevenue, 6);
            Assert.Equal((bool)row[6]!, node.TargetOnly);
            if (row[1] is string parent)
                Assert.True(map.Nodes.ToList().FindIndex(n => n.Path == parent) < map.Nodes.ToList().IndexOf(node), $"{parent} comes before {node.Path}");
        }
        Assert.Equal(rows.Count(r => (bool)r[6]!), map.TargetOnly);
        var top = SnapshotSql.Rows(_factory.Workspace, "SELECT sum(actual_customers)::BIGINT, sum(value) FROM snapshot_segments WHERE as_of = $as_of AND level = 0")[0];
        Assert.Equal(Convert.ToInt64(top[0], CultureInfo.InvariantCulture), map.ActualCustomers);
        Assert.Equal(Convert.ToDouble(top[1], CultureInfo.InvariantCulture), map.Value, 6);
    }

    [Fact]
    public async Task A_missing_snapshot_is_a_400()
    {
        var response = await _factory.ClientWithKey(Role.Viewer).GetAsync("/api/structure?asOf=2001-01-01", TestContext.Current.CancellationToken);
        await SnapshotSql.AssertProblem(response, HttpStatusCode.BadRequest, "no analysis as of 2001-01-01");
    }

    [Fact]
    public async Task Without_credentials_the_structure_map_is_refused() => await SnapshotSql.AssertUnauthenticated(_factory, "/api/structure");

    [Fact]
    public async Task An_empty_workspace_says_there_is_no_analysis_yet() => await SnapshotSql.AssertNoAnalysis("/api/structure");
}
