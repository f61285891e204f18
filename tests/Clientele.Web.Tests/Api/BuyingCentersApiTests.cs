using System.Net;
using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Web.Api;

namespace Clientele.Web.Tests.Api;

public sealed class BuyingCentersApiTests : IClassFixture<BuyingCentersApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public BuyingCentersApiTests(Server server) => _factory = server.Factory;

    private string Day => DemoCompany.Latest.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_list_counts_the_organizations_and_gives_each_the_six_roles_with_their_holders()
    {
        var page = await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<BuyingCenterPage>("/api/buying-centers?pageSize=20", TestContext.Current.CancellationToken);
        var organizations = _factory.Workspace.Read(w => w.Scalar<long>($"SELECT count(*) FROM snapshot_customers WHERE as_of = DATE '{Day}' AND buying_center IS NOT NULL"));
        Assert.Equal(organizations, page!.Total);
        Assert.Equal(20, page.Organizations.Count);
        Assert.Equal(["payer", "user", "beneficiary", "decider", "promoter", "stimulator"], page.Roles);
        foreach (var organization in page.Organizations)
        {
            Assert.Equal(page.Roles, organization.Roles.Select(r => r.Role));
            Assert.Equal(organization.Roles.Where(r => r.Holders.Count == 0).Select(r => r.Role), organization.Missing);
            var held = _factory.Workspace.Read(w => w.Scalar<long>(
                $"SELECT count(*) FROM snapshot_buying_roles WHERE as_of = DATE '{Day}' AND customer_id = '{organization.CustomerId.Replace("'", "''", StringComparison.Ordinal)}'"));
            Assert.Equal(held, organization.Roles.Sum(r => r.Holders.Count));
        }
    }

    [Fact]
    public async Task Missing_decider_keeps_exactly_the_organizations_without_a_known_decider()
    {
        var page = await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<BuyingCenterPage>("/api/buying-centers?missing=decider&pageSize=500", TestContext.Current.CancellationToken);
        var expected = _factory.Workspace.Read(w => w.Scalar<long>(
            $"SELECT count(*) FROM snapshot_customers c WHERE as_of = DATE '{Day}' AND buying_center IS NOT NULL AND NOT EXISTS " +
            "(SELECT 1 FROM snapshot_buying_roles r WHERE r.as_of = c.as_of AND r.customer_id = c.customer_id AND r.role = 'decider')"));
        Assert.True(expected > 0);
        Assert.Equal(expected, page!.Total);
        Assert.All(page.Organizations, o => Assert.Contains("decider", o.Missing));
    }

    [Fact]
    public async Task One_organization_reads_like_its_row_in_the_list()
    {
        var client = _factory.ClientWithKey(Role.Viewer);
        var page = await client.GetFromJsonAsync<BuyingCenterPage>("/api/buying-centers?pageSize=1", TestContext.Current.CancellationToken);
        var first = page!.Organizations[0];
        var one = await client.GetFromJsonAsync<Storage.Snapshots.BuyingCenterRow>($"/api/buying-centers/{first.CustomerId}", TestContext.Current.CancellationToken);
        Assert.Equal(first.Class, one!.Class);
        Assert.Equal(first.Missing, one.Missing);
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_400_or_404_and_no_credentials_a_401()
    {
        var client = _factory.ClientWithKey(Role.Viewer);
        var role = await client.GetAsync("/api/buying-centers?missing=boss", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, role.StatusCode);
        Assert.Contains("unknown buying role 'boss'", await role.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var unknown = await client.GetAsync("/api/buying-centers/NO-SUCH-ID", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var size = await client.GetAsync("/api/buying-centers?pageSize=0", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, size.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.Anonymous().GetAsync("/api/buying-centers", TestContext.Current.CancellationToken)).StatusCode);
    }
}
