using System.Net;
using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Web.Api;

namespace Clientele.Web.Tests.Api;

public sealed class ReferralsApiTests : IClassFixture<ReferralsApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public ReferralsApiTests(Server server) => _factory = server.Factory;

    [Fact]
    public async Task The_graph_counts_every_referral_and_shows_at_most_the_limit_leaders_first()
    {
        var client = _factory.ClientWithKey(Role.Viewer);
        var graph = await client.GetFromJsonAsync<ReferralGraphView>("/api/referrals?limit=50", TestContext.Current.CancellationToken);
        var (edges, referrers) = _factory.Workspace.Read(w => (
            w.Scalar<long>($"SELECT count(*) FROM (SELECT DISTINCT referrer_id, referred_id FROM referrals r WHERE referrer_id <> referred_id " +
                $"AND referrer_id IN (SELECT customer_id FROM snapshot_customers WHERE as_of = DATE '{DemoCompany.Latest:yyyy-MM-dd}') " +
                $"AND referred_id IN (SELECT customer_id FROM snapshot_customers WHERE as_of = DATE '{DemoCompany.Latest:yyyy-MM-dd}'))"),
            w.Scalar<long>("SELECT count(DISTINCT referrer_id) FROM referrals")));
        Assert.Equal(DemoCompany.Latest, graph!.AsOf);
        Assert.True(edges > 0, "the demo company has referrals");
        Assert.Equal(edges, graph.TotalEdges);
        Assert.Equal(50, graph.ShownNodes);
        Assert.Equal(graph.Nodes.Count, graph.ShownNodes);
        Assert.True(graph.TotalNodes >= graph.ShownNodes && referrers > 0);
        var shown = graph.Nodes.Select(n => n.CustomerId).ToHashSet();
        Assert.All(graph.Edges, e => Assert.True(shown.Contains(e.Referrer) && shown.Contains(e.Referred)));
        Assert.True(graph.Edges.Count > 0);
        // Leaders, callers and spreaders with referrals come first.
        var first = graph.Nodes[0];
        Assert.True(first.Roles.Split(", ").Any(r => r is "leader" or "caller" or "positive-spreader" or "negative-spreader") || first.Referred > 0);
        var big = await client.GetFromJsonAsync<ReferralGraphView>("/api/referrals?limit=5000", TestContext.Current.CancellationToken);
        Assert.Equal(big!.TotalEdges, big.ShownEdges);
    }

    [Fact]
    public async Task A_limit_out_of_range_is_a_400_and_no_credentials_a_401()
    {
        var bad = await _factory.ClientWithKey(Role.Viewer).GetAsync("/api/referrals?limit=5001", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("limit must be 1 to 5,000", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var anonymous = await _factory.Anonymous().GetAsync("/api/referrals", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task An_unknown_as_of_date_is_a_400_naming_the_dates_there_are()
    {
        var response = await _factory.ClientWithKey(Role.Viewer).GetAsync("/api/referrals?asOf=1999-01-01", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no analysis as of 1999-01-01", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
