using System.Globalization;
using System.Net;
using Clientele.Storage.Access;

namespace Clientele.Web.Tests.Components.Pages;

/// <summary>The customers, customer and playbook pages as the server first renders them (the browser tests drive them further).</summary>
public sealed class CustomerPagesTests : IClassFixture<CustomerPagesTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public CustomerPagesTests(Server server) => _factory = server.Factory;

    private async Task<string> Page(Role role, string path)
    {
        var client = await _factory.SignedInAsync(await _factory.AddUserAsync(role));
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_customers_page_takes_its_filters_from_the_address_and_shows_how_many_match()
    {
        var html = await Page(Role.Viewer, "/customers?where=ladder%3Dadvocate&where=churn_status%3Dactive");
        File.WriteAllText("/tmp/wt-a-customers.html", html);
        var day = DemoCompany.Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var expected = _factory.Workspace.Read(w => w.Scalar<long>(
            $"SELECT count(*) FROM snapshot_customers WHERE as_of = DATE '{day}' AND ladder = 'advocate' AND churn_status = 'active'"));
        Assert.Contains($"data-testid=\"customers-total\">{expected.ToString("N0", CultureInfo.InvariantCulture)}<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_customer_page_shows_the_override_form_to_analysts_only()
    {
        var day = DemoCompany.Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var id = _factory.Workspace.Read(w => w.Scalar<string>($"SELECT customer_id FROM snapshot_customers WHERE as_of = DATE '{day}' ORDER BY customer_id LIMIT 1"))!;
        var analyst = await Page(Role.Analyst, $"/customers/{id}");
        File.WriteAllText("/tmp/wt-a-customer.html", analyst);
        Assert.Contains("data-testid=\"customer-classes\"", analyst, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"override-form\"", analyst, StringComparison.Ordinal);
        var viewer = await Page(Role.Viewer, $"/customers/{id}");
        Assert.Contains("data-testid=\"customer-classes\"", viewer, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"override-form\"", viewer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_playbook_page_lists_the_actions()
    {
        var html = await Page(Role.Viewer, "/playbook");
        Assert.Contains("data-testid=\"playbook-value_class\"", html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Clientele.Classification.Playbook.Defaults["value_class"]["MVC"]), html, StringComparison.Ordinal);
    }
}
