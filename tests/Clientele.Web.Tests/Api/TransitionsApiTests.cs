using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Storage.Snapshots;
using Clientele.Web.Api;
using DuckDB.NET.Data;

namespace Clientele.Web.Tests.Api;

public sealed class TransitionsApiTests : IClassFixture<TransitionsApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public TransitionsApiTests(Server server) => _factory = server.Factory;

    private const string Both = "FROM snapshot_customers f JOIN snapshot_customers t ON t.customer_id = f.customer_id WHERE f.as_of = $earlier AND t.as_of = $as_of";

    [Fact]
    public async Task By_default_a_viewer_gets_the_ladder_between_the_two_latest_snapshots()
    {
        var report = (await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<TransitionsReport>("/api/transitions", TestContext.Current.CancellationToken))!;
        Assert.Equal(("ladder", DemoCompany.Earlier, DemoCompany.Latest), (report.Dimension, report.From, report.To));
        Assert.Equal([DemoCompany.Earlier, DemoCompany.Latest], report.Snapshots);
        Assert.True(report.Ranked);
        var cells = SnapshotSql.Rows(_factory.Workspace, $"SELECT f.ladder, t.ladder, count(*) {Both} GROUP BY ALL");
        Assert.Equal(cells.Count, report.Matrix.Count);
        foreach (var cell in cells)
            Assert.Equal(Convert.ToInt64(cell[2], CultureInfo.InvariantCulture),
                Assert.Single(report.Matrix, m => m.From == (string?)cell[0] && m.To == (string?)cell[1]).Customers);
        Assert.Equal(
            SnapshotSql.Long(_factory.Workspace, "SELECT count(*) FROM snapshot_customers WHERE as_of = $as_of AND customer_id NOT IN (SELECT customer_id FROM snapshot_customers WHERE as_of = $earlier)"),
            report.Appeared.Sum(a => a.Customers));
    }

    [Fact]
    public async Task Who_moved_down_comes_most_valuable_first_with_the_later_reason_and_the_churn_reason()
    {
        var report = (await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<TransitionsReport>(
            "/api/transitions?dimension=ladder&limit=5", TestContext.Current.CancellationToken))!;
        const string rank = "CASE {0}.ladder WHEN 'no-relationship' THEN 0 WHEN 'prospect' THEN 1 WHEN 'buyer' THEN 2 WHEN 'customer' THEN 3 WHEN 'supporter' THEN 4 WHEN 'advocate' THEN 5 END";
        var down = string.Format(CultureInfo.InvariantCulture, rank, "t") + " < " + string.Format(CultureInfo.InvariantCulture, rank, "f");
        Assert.Equal(SnapshotSql.Long(_factory.Workspace, $"SELECT count(*) {Both} AND {down}"), report.MovedDownCount);
        var top = SnapshotSql.Rows(_factory.Workspace,
            $"SELECT t.customer_id, f.ladder, t.ladder, NULL, t.churn_status, t.churn_reason {Both} AND {down} " +
            "ORDER BY CASE WHEN isfinite(t.value) THEN t.value END DESC NULLS LAST, t.customer_id LIMIT 5");
        Assert.True(top.Count > 0, "someone in the demo company moves down the ladder");
        Assert.Equal(top.Count, report.MovedDown.Count);
        for (var i = 0; i < top.Count; i++)
        {
            var moved = report.MovedDown[i];
            Assert.Equal(((string)top[i][0]!, (string)top[i][1]!, (string)top[i][2]!), (moved.CustomerId, moved.From, moved.To));
            // The later reason is rendered when read from the row's figures: the later profile's, which states the rung.
            Assert.Equal(_factory.Workspace.Read(w => SnapshotQuery.Profile(w, moved.CustomerId)).Classes.Single(c => c.Dimension == "ladder").Reason, moved.Reason);
            Assert.StartsWith(moved.To, moved.Reason, StringComparison.Ordinal);
            Assert.Equal(((string?)top[i][4], (string?)top[i][5]), (moved.ChurnStatus, moved.ChurnReason));
        }
        Assert.NotNull(report.MovedDown[0].Reason);
    }

    [Fact]
    public async Task An_unranked_dimension_has_a_matrix_and_nobody_moved_down()
    {
        var report = (await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<TransitionsReport>(
            $"/api/transitions?dimension=value-class&from={DemoCompany.Earlier:yyyy-MM-dd}&to={DemoCompany.Latest:yyyy-MM-dd}", TestContext.Current.CancellationToken))!;
        Assert.Equal("value_class", report.Dimension);
        Assert.False(report.Ranked);
        Assert.Empty(report.MovedDown);
        Assert.Equal(SnapshotSql.Long(_factory.Workspace, $"SELECT count(*) {Both}"), report.Matrix.Sum(c => c.Customers));
    }

    [Theory]
    [InlineData("/api/transitions?limit=0", "limit 0 is out of range: choose 1 to 1000")]
    [InlineData("/api/transitions?limit=1001", "limit 1001 is out of range")]
    [InlineData("/api/transitions?limit=many", "limit")]
    [InlineData("/api/transitions?dimension=colour", "unknown dimension 'colour'")]
    [InlineData("/api/transitions?from=2001-01-01", "no analysis as of 2001-01-01")]
    [InlineData("/api/transitions?to=2001-01-01", "no analysis before 2001-01-01")]
    public async Task Bad_arguments_are_a_400_saying_what_is_wrong(string path, string detail)
    {
        var response = await _factory.ClientWithKey(Role.Viewer).GetAsync(path, TestContext.Current.CancellationToken);
        await SnapshotSql.AssertProblem(response, HttpStatusCode.BadRequest, detail);
    }

    [Fact]
    public async Task From_after_to_is_a_400()
    {
        var response = await _factory.ClientWithKey(Role.Viewer).GetAsync(
            $"/api/transitions?from={DemoCompany.Latest:yyyy-MM-dd}&to={DemoCompany.Earlier:yyyy-MM-dd}", TestContext.Current.CancellationToken);
        await SnapshotSql.AssertProblem(response, HttpStatusCode.BadRequest, "is after to");
    }

    [Fact]
    public async Task With_one_analysis_the_movement_is_a_400_asking_for_another()
    {
        using var one = new ClienteleFactory();
        await one.Workspace.WriteAsync(w =>
        {
            foreach (var table in new[] { "snapshots", "snapshot_customers", "snapshot_segments", "snapshot_product_lines", "snapshot_buying_roles" })
            {
                using var command = w.Connection.CreateCommand();
                command.CommandText = $"DELETE FROM {table} WHERE as_of = $earlier";
                command.Parameters.Add(new DuckDBParameter("earlier", DemoCompany.Earlier.ToDateTime(TimeOnly.MinValue)));
                command.ExecuteNonQuery();
            }
            return 0;
        }, TestContext.Current.CancellationToken);
        var response = await one.ClientWithKey(Role.Viewer).GetAsync("/api/transitions", TestContext.Current.CancellationToken);
        await SnapshotSql.AssertProblem(response, HttpStatusCode.BadRequest, "movement needs two analyses, and the workspace has one");
    }

    [Fact]
    public async Task Without_credentials_the_movement_is_refused() => await SnapshotSql.AssertUnauthenticated(_factory, "/api/transitions");

    [Fact]
    public async Task An_empty_workspace_says_there_is_no_analysis_yet() => await SnapshotSql.AssertNoAnalysis("/api/transitions");
}
