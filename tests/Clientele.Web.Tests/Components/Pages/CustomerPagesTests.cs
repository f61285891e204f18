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
    public async Task A_filter_that_leaves_classes_out_is_shown_and_counted_with_the_customers_without_a_class()
    {
        var html = await Page(Role.Viewer, "/customers?where=ladder%3Dcustomer&where=churn_status!%3Dlapsed%2Clost");
        var day = DemoCompany.Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var expected = _factory.Workspace.Read(w => w.Scalar<long>(
            $"SELECT count(*) FROM snapshot_customers WHERE as_of = DATE '{day}' AND ladder = 'customer' AND (churn_status IS NULL OR churn_status NOT IN ('lapsed', 'lost'))"));
        Assert.True(expected > 0);
        Assert.Contains($"data-testid=\"customers-total\">{expected.ToString("N0", CultureInfo.InvariantCulture)}<", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"exclusion-churn_status\"", html, StringComparison.Ordinal);
        Assert.Contains("not lapsed or lost", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lapsed_customer_s_page_keeps_its_classes_and_says_which_give_no_action()
    {
        var day = DemoCompany.Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (lapsed, active) = _factory.Workspace.Read(w => (
            w.Scalar<string>($"SELECT min(customer_id) FROM snapshot_customers WHERE as_of = DATE '{day}' AND churn_status = 'lapsed' AND ladder = 'customer'")!,
            w.Scalar<string>($"SELECT min(customer_id) FROM snapshot_customers WHERE as_of = DATE '{day}' AND churn_status = 'active' AND ladder = 'customer'")!));
        var (tier, valueClass) = _factory.Workspace.Read(w => (
            w.Scalar<string>($"SELECT value_tier FROM snapshot_customers WHERE as_of = DATE '{day}' AND customer_id = '{lapsed}'")!,
            w.Scalar<string>($"SELECT value_class FROM snapshot_customers WHERE as_of = DATE '{day}' AND customer_id = '{lapsed}'")!));
        var html = await Page(Role.Viewer, $"/customers/{lapsed}");
        // One note names every class whose action is withheld: the ladder's follow-up, the value tier's level of service, and the
        // value class's unless it is a BZC (whose cost to serve is fixed whatever its status), and direct service (a customer buys from us).
        var withheld = $"ladder = customer, value_tier = {tier}{(valueClass == "BZC" ? "" : $", value_class = {valueClass}")}, supply_chain = direct";
        Assert.Contains($"{withheld}: no action while lapsed (the churn status&#x27;s win-back comes first).", html, StringComparison.Ordinal);
        Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(Clientele.Classification.Playbook.Defaults["ladder"]["customer"]), html, StringComparison.Ordinal);
        Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(Clientele.Classification.Playbook.Defaults["value_tier"][tier]), html, StringComparison.Ordinal);
        Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(Clientele.Classification.Playbook.Defaults["supply_chain"]["direct"]), html, StringComparison.Ordinal);
        var live = await Page(Role.Viewer, $"/customers/{active}");
        Assert.DoesNotContain("data-testid=\"action-withheld\"", live, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Clientele.Classification.Playbook.Defaults["ladder"]["customer"]), live, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_customer_page_shows_the_override_form_to_analysts_only()
    {
        var day = DemoCompany.Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var id = _factory.Workspace.Read(w => w.Scalar<string>($"SELECT customer_id FROM snapshot_customers WHERE as_of = DATE '{day}' ORDER BY customer_id LIMIT 1"))!;
        var analyst = await Page(Role.Analyst, $"/customers/{id}");
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
        // An action not for every customer of its class says for whom it is, and links to those customers.
        Assert.Contains("data-testid=\"playbook-condition-value_tier-VIP\">Not for lapsed or lost customers", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"playbook-condition-ladder-customer\">Only for active and at-risk customers", html, StringComparison.Ordinal);
        Assert.DoesNotContain("playbook-condition-value_class-BZC", html, StringComparison.Ordinal);
        Assert.Contains("where=value_tier%3DVIP&amp;where=churn_status%21%3Dlapsed%2Clost", html, StringComparison.Ordinal);
    }
}
