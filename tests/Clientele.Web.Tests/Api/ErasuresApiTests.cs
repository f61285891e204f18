using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Storage.Removal;

namespace Clientele.Web.Tests.Api;

/// <summary>Erasing a customer through the API: admins only; afterwards no endpoint knows the customer.</summary>
public sealed class ErasuresApiTests : IDisposable
{
    private readonly ClienteleFactory _factory = new();

    private string Buyer() => _factory.Workspace.Read(w => w.Scalar<string>(
        $"SELECT customer_id FROM snapshot_customers WHERE as_of = DATE '{DemoCompany.Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}' AND orders > 1 " +
        "AND customer_id IN (SELECT customer_id FROM snapshot_customers GROUP BY ALL HAVING count(*) = 2) ORDER BY customer_id LIMIT 1"))!;

    [Fact]
    public async Task Only_an_admin_erases_and_afterwards_the_customer_is_in_no_table_listing_or_profile()
    {
        var id = Buyer();
        var admin = _factory.ClientWithKey(Role.Admin);
        var analyst = _factory.ClientWithKey(Role.Analyst);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.DeleteAsync($"/api/customers/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/customers/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Contains(id, await admin.GetStringAsync($"/api/customers?search={id}", TestContext.Current.CancellationToken));

        var plan = await admin.GetFromJsonAsync<ErasurePlan>($"/api/customers/{id}/erasure", ClienteleFactory.Json, TestContext.Current.CancellationToken);
        Assert.Equal(2, plan!.Removed.Single(t => t.Table == "snapshot_customers").Rows);
        var response = await admin.DeleteAsync($"/api/customers/{id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(plan, await response.Content.ReadFromJsonAsync<ErasurePlan>(ClienteleFactory.Json, TestContext.Current.CancellationToken), new PlanComparer());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/customers/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.DoesNotContain(id, await admin.GetStringAsync($"/api/customers?search={id}", TestContext.Current.CancellationToken));
        Assert.Equal(1, _factory.Workspace.Read(w => w.Scalar<long>("SELECT count(*) FROM erasures WHERE erased_by = 'key:test admin'")));
    }

    private sealed class PlanComparer : IEqualityComparer<ErasurePlan?>
    {
        public bool Equals(ErasurePlan? x, ErasurePlan? y) => x!.CustomerId == y!.CustomerId && x.Removed.SequenceEqual(y.Removed) && x.Cleared == y.Cleared;

        public int GetHashCode(ErasurePlan? plan) => plan!.CustomerId.GetHashCode(StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();
}
