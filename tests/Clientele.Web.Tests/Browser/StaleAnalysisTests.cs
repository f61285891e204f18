using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Storage.Import;
using Clientele.Tables;
using Clientele.Web.Api;
using Microsoft.Playwright;

namespace Clientele.Web.Tests.Browser;

/// <summary>After an import newer than the latest analysis, every page says so in a banner and the API's overview says so too.</summary>
public sealed class StaleAnalysisTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    /// <summary>GET /api/overview over the loopback socket the browser uses, with a viewer's API key.</summary>
    private async Task<OverviewReport> OverviewAsync()
    {
        using var client = server.Factory.ClientWithKey(Role.Viewer);
        client.BaseAddress = server.Address;
        return (await client.GetFromJsonAsync<OverviewReport>("/api/overview", ClienteleFactory.Json, TestContext.Current.CancellationToken))!;
    }

    [Fact]
    public async Task An_import_after_the_latest_analysis_shows_a_banner_on_every_page_and_a_stale_overview_in_the_api()
    {
        await using var browser = await server.SignedInAsync(Role.Viewer);
        await browser.GotoAsync("/customers");
        await browser.Page.Locator("h1").First.WaitForAsync();
        Assert.Equal(0, await browser.Page.Locator("[data-testid=stale-analysis]").CountAsync());
        Assert.False((await OverviewAsync()).Freshness.Stale);

        var file = Path.Combine(Path.GetDirectoryName(server.Factory.WorkspacePath)!, "late-orders.csv");
        await File.WriteAllTextAsync(file, "order_id,customer_id,ordered_at,amount\nLATE-1,C0000001,2026-01-03,12.50\n", TestContext.Current.CancellationToken);
        await server.Factory.Workspace.WriteAsync(w => new Importer(w).Import(CanonicalTables.Find("orders")!, file, new ImportOptions()),
            TestContext.Current.CancellationToken);

        foreach (var path in new[] { "/", "/churn" })
        {
            await browser.GotoAsync(path);
            await Assertions.Expect(browser.Page.Locator("[data-testid=stale-analysis]"))
                .ToContainTextAsync($"The latest analysis (as of {DemoCompany.Latest:yyyy-MM-dd}, run 2026-01-02 00:00 UTC) is older than the latest import");
        }
        var stale = await OverviewAsync();
        Assert.True(stale.Freshness.Stale);
        Assert.Equal(1, stale.Freshness.ImportsSince);
        Assert.Equal(1, stale.Freshness.CustomersChanged); // C0000001's late order
        browser.AssertClean();
    }
}
