using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Web.Api;

namespace Clientele.Web.Tests.Api;

public sealed class ValueApiTests : IClassFixture<ValueApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public ValueApiTests(Server server) => _factory = server.Factory;

    private const string Eligible = "FROM snapshot_customers WHERE as_of = $as_of AND value_class IS NOT NULL AND isfinite(past_net_value) AND isfinite(future_net_value)";

    [Fact]
    public async Task A_viewer_gets_every_actual_customer_as_a_point_of_past_against_future_net_value()
    {
        var scatter = (await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<ValueScatter>("/api/value", TestContext.Current.CancellationToken))!;
        var rows = SnapshotSql.Rows(_factory.Workspace, $"SELECT customer_id, value_class, past_net_value, future_net_value {Eligible}");
        Assert.InRange(rows.Count, 1, ValueApi.DefaultLimit);
        Assert.Equal((DemoCompany.Latest, "past_net_value", "future_net_value"), (scatter.AsOf, scatter.X, scatter.Y));
        Assert.Equal(rows.Count, scatter.Customers);
        Assert.False(scatter.Sampled);
        Assert.Equal(rows.Count, scatter.Points.Count);
        var points = scatter.Points.ToDictionary(p => p.CustomerId);
        foreach (var row in rows)
        {
            var point = points[(string)row[0]!];
            Assert.Equal((string)row[1]!, point.ValueClass);
            Assert.Equal(Convert.ToDouble(row[2], CultureInfo.InvariantCulture), point.PastNetValue, 6);
            Assert.Equal(Convert.ToDouble(row[3], CultureInfo.InvariantCulture), point.FutureNetValue, 6);
        }
        Assert.Contains(scatter.Points, p => p.ValueClass == "MVC");
        Assert.Contains(scatter.Points, p => p.ValueClass != "MVC");
    }

    [Fact]
    public async Task A_small_limit_keeps_the_most_valuable_half_and_samples_the_rest_across_the_range()
    {
        var scatter = (await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<ValueScatter>("/api/value?limit=100", TestContext.Current.CancellationToken))!;
        Assert.True(scatter.Sampled);
        Assert.Equal(100, scatter.Points.Count);
        Assert.Contains("the 50 most valuable", scatter.Sampling, StringComparison.Ordinal);
        var top = SnapshotSql.Rows(_factory.Workspace, $"SELECT customer_id {Eligible} ORDER BY value DESC, customer_id LIMIT 50").Select(r => (string)r[0]!);
        Assert.Equal(top, scatter.Points.Where(p => p.InTop).Select(p => p.CustomerId));
        var least = SnapshotSql.Double(_factory.Workspace, $"SELECT quantile_cont(value, 0.1) {Eligible}");
        Assert.Contains(scatter.Points, p => !p.InTop && p.Value <= least);
        Assert.Equal(scatter.Points.Count, scatter.Points.Select(p => p.CustomerId).Distinct().Count());
    }

    [Theory]
    [InlineData("/api/value?limit=20001", "limit 20001 is out of range: choose 1 to 20000")]
    [InlineData("/api/value?limit=0", "limit 0 is out of range")]
    [InlineData("/api/value?asOf=2001-01-01", "no analysis as of 2001-01-01")]
    public async Task Bad_arguments_are_a_400_saying_what_is_wrong(string path, string detail)
    {
        var response = await _factory.ClientWithKey(Role.Viewer).GetAsync(path, TestContext.Current.CancellationToken);
        await SnapshotSql.AssertProblem(response, HttpStatusCode.BadRequest, detail);
    }

    [Fact]
    public async Task Without_credentials_the_value_scatter_is_refused() => await SnapshotSql.AssertUnauthenticated(_factory, "/api/value");

    [Fact]
    public async Task An_empty_workspace_says_there_is_no_analysis_yet() => await SnapshotSql.AssertNoAnalysis("/api/value");
}
