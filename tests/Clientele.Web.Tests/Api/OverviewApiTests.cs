using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Clientele.Classification;
using Clientele.Storage.Access;
using Clientele.Web.Api;

namespace Clientele.Web.Tests.Api;

public sealed class OverviewApiTests : IClassFixture<OverviewApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public OverviewApiTests(Server server) => _factory = server.Factory;

    private Task<OverviewReport?> Get(string path) =>
        _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<OverviewReport>(path, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_viewer_gets_the_ladder_in_ladder_order_with_the_counts_of_the_latest_snapshot()
    {
        var overview = (await Get("/api/overview"))!;
        Assert.Equal(DemoCompany.Latest, overview.AsOf);
        Assert.Equal(DemoCompany.Earlier, overview.PreviousAsOf);
        Assert.Equal(SnapshotSql.Long(_factory.Workspace, "SELECT count(*) FROM snapshot_customers WHERE as_of = $as_of"), overview.Customers);
        Assert.Equal(SnapshotSql.Double(_factory.Workspace, "SELECT sum(value) FILTER (WHERE isfinite(value)) FROM snapshot_customers WHERE as_of = $as_of"),
            overview.TotalValue, 6);
        Assert.Equal(SnapshotSql.Scalar(_factory.Workspace, "SELECT model FROM snapshots WHERE as_of = $as_of") as string, overview.Model);
        Assert.False(overview.Freshness.Stale, "the demo company was imported before it was analyzed");
        Assert.Null(overview.Freshness.Warning);

        var expected = SnapshotSql.Rows(_factory.Workspace, "SELECT ladder, count(*) FROM snapshot_customers WHERE as_of = $as_of AND ladder IS NOT NULL GROUP BY ladder")
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture));
        Assert.Equal(DimensionClasses.Closed[Dimensions.Ladder].Where(expected.ContainsKey), overview.Ladder.Select(c => c.Class));
        Assert.All(overview.Ladder, c => Assert.Equal(expected[c.Class!], c.Customers));
        Assert.True(overview.Ladder.Count >= 3, "the demo company has customers on several rungs");
    }

    [Fact]
    public async Task Value_classes_tiers_and_churn_status_count_the_customers_that_hold_them()
    {
        var overview = (await Get($"/api/overview?asOf={DemoCompany.Earlier:yyyy-MM-dd}"))!;
        Assert.Equal(DemoCompany.Earlier, overview.AsOf);
        foreach (var (dimension, classes) in new[]
                 {
                     (Dimensions.ValueClass, overview.ValueClasses), (Dimensions.ValueTier, overview.ValueTiers), (Dimensions.ChurnStatus, overview.ChurnStatus),
                 })
        {
            var rows = SnapshotSql.Rows(_factory.Workspace,
                $"SELECT {dimension}, count(*), sum(value) FILTER (WHERE isfinite(value)) FROM snapshot_customers WHERE as_of = $earlier AND {dimension} IS NOT NULL GROUP BY ALL");
            Assert.Equal(rows.Count, classes.Count);
            foreach (var row in rows)
            {
                var found = Assert.Single(classes, c => c.Class == (string)row[0]!);
                Assert.Equal(Convert.ToInt64(row[1], CultureInfo.InvariantCulture), found.Customers);
                Assert.Equal(Convert.ToDouble(row[2], CultureInfo.InvariantCulture), found.TotalValue!.Value, 6);
            }
        }
        Assert.Contains(overview.ValueClasses, c => c.Class == "MVC" && c.Customers > 0);
    }

    [Fact]
    public async Task The_strategy_matrix_puts_each_class_in_its_quadrant_with_customers_and_value()
    {
        var grid = (await Get("/api/overview"))!.Strategy;
        Assert.Equal(("share of wallet", "upcoming purchase volume"), (grid.Rows, grid.Columns));
        Assert.Equal(StrategyMatrix.Classes, grid.Cells.Select(c => c.Class));
        var keep = grid.Cells.Single(c => c.Class == "keep");
        Assert.Equal(("high", "large", 0, 1), (keep.ShareOfWallet, keep.Volume, keep.Row, keep.Column));
        var abandon = grid.Cells.Single(c => c.Class == "acquire-or-abandon");
        Assert.Equal(("low", "small", 1, 0), (abandon.ShareOfWallet, abandon.Volume, abandon.Row, abandon.Column));
        Assert.Equal(5, grid.Cells.Select(c => (c.Row, c.Column)).Distinct().Count());
        var unknown = grid.Cells.Single(c => c.Class == StrategyMatrix.ShareUnknown);
        Assert.Equal(("unknown", "any", 2), (unknown.ShareOfWallet, unknown.Volume, unknown.Row));
        foreach (var cell in grid.Cells)
        {
            var row = SnapshotSql.Rows(_factory.Workspace,
                $"SELECT count(*), coalesce(sum(value) FILTER (WHERE isfinite(value)), 0) FROM snapshot_customers WHERE as_of = $as_of AND strategy = '{cell.Class}'")[0];
            Assert.Equal(Convert.ToInt64(row[0], CultureInfo.InvariantCulture), cell.Customers);
            Assert.Equal(Convert.ToDouble(row[1], CultureInfo.InvariantCulture), cell.TotalValue, 6);
        }
        Assert.True(grid.Cells.Sum(c => c.Customers) > 0);
    }

    [Fact]
    public async Task The_top_actions_are_the_playbook_classes_with_most_future_net_value_at_stake_each_with_its_customers()
    {
        var actions = (await Get("/api/overview"))!.Actions;
        Assert.Equal(SegmentsApi.TopActions, actions.Count);
        for (var i = 1; i < actions.Count; i++) Assert.True(Math.Abs(actions[i - 1].ValueAtStake) >= Math.Abs(actions[i].ValueAtStake));
        foreach (var a in actions)
        {
            Assert.DoesNotContain((a.Dimension, a.Class), Playbook.Routine);
            Assert.Equal(Playbook.Defaults[a.Dimension][a.Class], a.Action);
            var holds = a.Dimension == Dimensions.Influence ? $"list_contains(string_split(influence, ', '), '{a.Class}')" : $"{a.Dimension} = '{a.Class}'";
            // A buyer's ladder action is for live relationships: the active and at-risk only.
            if (a.Dimension == Dimensions.Ladder && a.Class is "buyer" or "customer" or "supporter" or "advocate") holds += " AND churn_status IN ('active', 'at-risk')";
            // A level of service is not for a customer who left: none lapsed or lost (those without a churn status included).
            if (a.Dimension == Dimensions.ValueTier || (a.Dimension == Dimensions.ValueClass && a.Class is "MVC" or "other"))
                holds += " AND coalesce(churn_status NOT IN ('lapsed', 'lost'), true)";
            var row = SnapshotSql.Rows(_factory.Workspace,
                $"SELECT count(*), coalesce(sum(future_net_value) FILTER (WHERE isfinite(future_net_value)), 0) FROM snapshot_customers WHERE as_of = $as_of AND {holds}")[0];
            Assert.Equal(Convert.ToInt64(row[0], CultureInfo.InvariantCulture), a.Customers);
            Assert.Equal(Convert.ToDouble(row[1], CultureInfo.InvariantCulture), a.ValueAtStake, 6);
        }
        // Every class left out (but routine ones) has no more at stake than the last one listed.
        var least = Math.Abs(actions[^1].ValueAtStake);
        foreach (var dimension in Playbook.Defaults.Keys.Where(d => d != Dimensions.Influence))
        {
            foreach (var row in SnapshotSql.Rows(_factory.Workspace,
                         $"SELECT {dimension}, sum(future_net_value) FILTER (WHERE isfinite(future_net_value)) FROM snapshot_customers WHERE as_of = $as_of AND {dimension} IS NOT NULL"
                         + dimension switch
                         {
                             Dimensions.Ladder => " AND (ladder NOT IN ('buyer', 'customer', 'supporter', 'advocate') OR churn_status IN ('active', 'at-risk'))",
                             Dimensions.ValueTier => " AND coalesce(churn_status NOT IN ('lapsed', 'lost'), true)",
                             Dimensions.ValueClass => " AND (value_class NOT IN ('MVC', 'other') OR coalesce(churn_status NOT IN ('lapsed', 'lost'), true))",
                             _ => "",
                         } + " GROUP BY ALL"))
            {
                var @class = (string)row[0]!;
                if (Playbook.Routine.Contains((dimension, @class)) || actions.Any(a => a.Dimension == dimension && a.Class == @class)) continue;
                Assert.True(Math.Abs(row[1] is null ? 0 : Convert.ToDouble(row[1], CultureInfo.InvariantCulture)) <= least, $"{dimension}={@class} has more at stake than the last action listed");
            }
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_report_endpoint()
    {
        var document = await _factory.ClientWithKey(Role.Viewer).GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        foreach (var name in new[] { "GetOverview", "GetSegments", "GetStructureMap", "GetTransitions", "GetValueScatter", "GetChurn", "StrategyCell", "MovedDownCustomer" })
            Assert.Contains(name, document, StringComparison.Ordinal);
        Assert.Contains("future net value", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_credentials_the_overview_is_refused() => await SnapshotSql.AssertUnauthenticated(_factory, "/api/overview");

    [Fact]
    public async Task An_as_of_date_without_analysis_is_a_400_that_lists_the_dates_there_are()
    {
        var response = await _factory.ClientWithKey(Role.Viewer).GetAsync("/api/overview?asOf=2001-01-01", TestContext.Current.CancellationToken);
        var detail = await SnapshotSql.AssertProblem(response, HttpStatusCode.BadRequest, "no analysis as of 2001-01-01");
        Assert.Contains(DemoCompany.Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_as_of_that_is_not_a_date_is_a_400_naming_the_parameter()
    {
        var response = await _factory.ClientWithKey(Role.Viewer).GetAsync("/api/overview?asOf=yesterday", TestContext.Current.CancellationToken);
        await SnapshotSql.AssertProblem(response, HttpStatusCode.BadRequest, "asOf");
    }

    [Fact]
    public async Task An_empty_workspace_says_there_is_no_analysis_yet() => await SnapshotSql.AssertNoAnalysis("/api/overview");
}
