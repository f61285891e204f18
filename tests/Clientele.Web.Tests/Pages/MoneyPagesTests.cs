using System.Net;
using Clientele.Money;
using Clientele.Storage;
using Clientele.Storage.Access;

namespace Clientele.Web.Tests.Pages;

/// <summary>Every dashboard page with amounts names the workspace's currency (prerendered HTML).</summary>
public sealed class MoneyPagesTests : IClassFixture<MoneyPagesTests.Server>
{
    public sealed class Server : IDisposable
    {
        public Server() => Factory.Workspace.WriteAsync(w => { MoneySetting.Store(w, MoneyFormat.Parse("EUR", "1.234,5")); return 0; }).GetAwaiter().GetResult();

        public ClienteleFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public MoneyPagesTests(Server server) => _factory = server.Factory;

    private async Task<string> Page(string path)
    {
        var client = await _factory.SignedInAsync(await _factory.AddUserAsync(Role.Viewer));
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/", "Value at stake (EUR)")]
    [InlineData("/customers", "Value (EUR)")]
    [InlineData("/churn", "Value (EUR)")]
    [InlineData("/movement", "Value (EUR)")]
    [InlineData("/structure", "Expected revenue (EUR)")]
    [InlineData("/value", "Amounts in EUR.")]
    public async Task A_page_with_amounts_names_the_currency(string path, string expected) =>
        Assert.Contains(expected, await Page(path), StringComparison.Ordinal);

    [Fact]
    public async Task The_overview_total_is_written_with_the_separators_and_the_currency()
    {
        var html = await Page("/");
        var total = _factory.Workspace.Money.Amount(Clientele.Web.Api.SegmentsApi.Overview(null, _factory.Workspace).TotalValue);
        Assert.Matches(@"^-?\d{1,3}(\.\d{3})*\u00A0EUR$", total);
        Assert.Contains($"data-testid=\"total-value\">{total}<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customers_page_writes_its_money_figures_with_the_currency()
    {
        var id = Clientele.Web.Api.CustomersApi.Profile(
            (string)Clientele.Web.Tests.Api.SnapshotSql.Scalar(_factory.Workspace, "SELECT customer_id FROM snapshot_customers WHERE as_of = $as_of AND value > 1000 LIMIT 1")!,
            _factory.Workspace);
        var html = await Page($"/customers/{Uri.EscapeDataString(id.CustomerId)}");
        var value = (double)id.Figures.Single(f => f.Name == "value").Value!;
        Assert.Contains(_factory.Workspace.Money.Amount(value), html, StringComparison.Ordinal);
    }
}
