using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Clientele.Classification;
using Clientele.Storage;
using Clientele.Storage.Access;
using Clientele.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Clientele.Web.Tests.Api;

public sealed class OverridesApiTests : IClassFixture<OverridesApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public OverridesApiTests(Server server) => _factory = server.Factory;

    /// <summary>The n-th customer of the latest analysis by id, so each test changes a customer of its own.</summary>
    private string Customer(int n) => _factory.Workspace.Read(w => w.Scalar<string>(
        $"SELECT customer_id FROM snapshot_customers WHERE as_of = DATE '{DemoCompany.Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}' " +
        $"ORDER BY customer_id LIMIT 1 OFFSET {n}"))!;

    private IReadOnlyList<Override> Stored() => _factory.Workspace.Read(OverrideTable.All);

    private static async Task<string> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken))!.Detail ?? "";
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, string id, string dimension, object body) =>
        client.PutAsJsonAsync($"/api/customers/{Uri.EscapeDataString(id)}/overrides/{dimension}", body, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_signed_in_analyst_sets_an_override_that_is_listed_and_shown_in_the_customers_profile()
    {
        var analyst = await _factory.AddUserAsync(Role.Analyst);
        var client = await _factory.SignedInAsync(analyst);
        var id = Customer(1);

        var response = await Put(client, id, "value-class", new OverrideRequest("bzc", " brings traffic to the shop "));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var change = await response.Content.ReadFromJsonAsync<OverrideChange>(TestContext.Current.CancellationToken);
        Assert.Equal((id, "value_class", "BZC", "brings traffic to the shop", analyst),
            (change!.Override!.CustomerId, change.Override.Dimension, change.Override.Class, change.Override.Reason, change.Override.SetBy));
        Assert.Null(change.Replaced);
        Assert.Contains("next analysis", change.Note, StringComparison.Ordinal);
        Assert.Contains(Stored(), o => o.CustomerId == id && o.Dimension == "value_class" && o.Class == "BZC" && o.SetBy == analyst);

        var listed = await client.GetFromJsonAsync<List<Override>>("/api/overrides", TestContext.Current.CancellationToken);
        Assert.Contains(listed!, o => o.CustomerId == id && o.Class == "BZC");
        var mine = await client.GetFromJsonAsync<List<Override>>($"/api/overrides?customer={id}", TestContext.Current.CancellationToken);
        Assert.Equal([id], mine!.Select(o => o.CustomerId));
        var profile = await client.GetFromJsonAsync<CustomerDetail>($"/api/customers/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(("value_class", "BZC", "brings traffic to the shop"), (profile!.Overrides.Single().Dimension, profile.Overrides.Single().Class, profile.Overrides.Single().Reason));
    }

    [Fact]
    public async Task Setting_an_override_again_replaces_the_earlier_one_and_says_which()
    {
        var analyst = _factory.ClientWithKey(Role.Analyst);
        var id = Customer(2);
        await Put(analyst, id, "ladder", new OverrideRequest("advocate", "spoke at our conference"));

        var response = await Put(analyst, id, "ladder", new OverrideRequest("supporter", "quieter since"));

        var change = await response.Content.ReadFromJsonAsync<OverrideChange>(TestContext.Current.CancellationToken);
        Assert.Equal(("supporter", "advocate"), (change!.Override!.Class, change.Replaced!.Class));
        Assert.Equal(["supporter"], Stored().Where(o => o.CustomerId == id).Select(o => o.Class));
    }

    [Fact]
    public async Task An_open_dimension_takes_any_class_text()
    {
        var id = Customer(3);
        var response = await Put(_factory.ClientWithKey(Role.Analyst), id, "segment", new OverrideRequest("Retail/Students", "our own call"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Stored(), o => o.CustomerId == id && o.Dimension == "segment" && o.Class == "Retail/Students");
    }

    [Fact]
    public async Task A_viewer_cannot_set_or_remove_an_override_and_nothing_changes()
    {
        var id = Customer(4);
        await Put(_factory.ClientWithKey(Role.Analyst), id, "value_class", new OverrideRequest("MVC", "prestige customer"));
        var before = Stored();
        var viewerName = await _factory.AddUserAsync(Role.Viewer);
        var viewerCookie = await _factory.SignedInAsync(viewerName);
        var viewerKey = _factory.ClientWithKey(Role.Viewer);

        Assert.Equal(HttpStatusCode.Forbidden, (await Put(viewerCookie, id, "value_class", new OverrideRequest("BZC", "no"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Put(viewerKey, Customer(5), "ladder", new OverrideRequest("advocate", "no"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await viewerKey.DeleteAsync($"/api/customers/{id}/overrides/value_class", TestContext.Current.CancellationToken)).StatusCode);

        Assert.Equal(before, Stored());
    }

    [Fact]
    public async Task A_change_without_credentials_is_a_401_and_nothing_changes()
    {
        var before = Stored();
        var anonymous = _factory.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await Put(anonymous, Customer(6), "ladder", new OverrideRequest("advocate", "no"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await anonymous.DeleteAsync($"/api/customers/{Customer(6)}/overrides/ladder", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/overrides", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(before, Stored());
    }

    [Fact]
    public async Task A_cookie_change_without_the_anti_forgery_header_is_refused()
    {
        var analyst = await _factory.AddUserAsync(Role.Analyst);
        var client = await _factory.SignedInAsync(analyst);
        client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var id = Customer(7);

        var response = await Put(client, id, "ladder", new OverrideRequest("advocate", "why"));

        Assert.Contains("X-CSRF-TOKEN", await Problem(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.DoesNotContain(Stored(), o => o.CustomerId == id);
    }

    [Theory]
    [InlineData("mood", "x", "why", "unknown dimension 'mood': choose one of ladder, value_tier, value_class")]
    [InlineData("value_tier", "gold", "why", "unknown class 'gold' of value_tier: choose one of small, medium, large, VIP.")]
    [InlineData("value_tier", "", "why", "class is empty: choose one of small, medium, large, VIP.")]
    [InlineData("segment", " ", "why", "class is empty: name the class of segment")]
    [InlineData("ladder", "advocate", " ", "reason is empty")]
    public async Task A_bad_override_is_a_400_saying_what_is_valid_and_nothing_changes(string dimension, string @class, string reason, string detail)
    {
        var before = Stored();
        var response = await Put(_factory.ClientWithKey(Role.Analyst), Customer(8), dimension, new OverrideRequest(@class, reason));
        Assert.Contains(detail, await Problem(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(before, Stored());
    }

    [Fact]
    public async Task An_override_for_an_unknown_customer_is_a_404()
    {
        var response = await Put(_factory.ClientWithKey(Role.Analyst), "NOBODY-42", "ladder", new OverrideRequest("advocate", "why"));
        Assert.Contains("unknown customer 'NOBODY-42'", await Problem(response, HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analyst_removes_an_override_and_removing_it_again_is_a_404()
    {
        var analyst = _factory.ClientWithKey(Role.Analyst);
        var id = Customer(9);
        await Put(analyst, id, "churn_status", new OverrideRequest("at-risk", "complained twice"));

        var removed = await analyst.DeleteAsync($"/api/customers/{id}/overrides/churn-status", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var change = await removed.Content.ReadFromJsonAsync<OverrideChange>(TestContext.Current.CancellationToken);
        Assert.Equal(("at-risk", null), (change!.Replaced!.Class, change.Override));
        Assert.DoesNotContain(Stored(), o => o.CustomerId == id);
        var again = await analyst.DeleteAsync($"/api/customers/{id}/overrides/churn_status", TestContext.Current.CancellationToken);
        Assert.Contains($"customer '{id}' has no override of churn_status", await Problem(again, HttpStatusCode.NotFound), StringComparison.Ordinal);
        var unknown = await analyst.DeleteAsync($"/api/customers/{id}/overrides/mood", TestContext.Current.CancellationToken);
        Assert.Contains("unknown dimension 'mood'", await Problem(unknown, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }
}
