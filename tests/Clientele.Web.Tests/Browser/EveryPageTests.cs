using Clientele.Storage.Access;

namespace Clientele.Web.Tests.Browser;

/// <summary>
/// Every page of the dashboard opens for an admin, draws its charts, and raises no script error nor any request outside
/// loopback. With CLIENTELE_SCREENSHOTS=docs/images each page is also photographed for docs/dashboard.md.
/// </summary>
public sealed class EveryPageTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    public static TheoryData<string, string, int> Pages => new()
    {
        { "/", "overview", 4 },
        { "/customers", "customers", 0 },
        { "/structure", "structure", 1 },
        { "/movement", "movement", 1 },
        { "/value", "value", 1 },
        { "/influence", "influence", 1 },
        { "/referrals", "referrals", 0 },
        { "/buying-centers", "buying-centers", 0 },
        { "/churn", "churn", 1 },
        { "/concerns", "concerns", 2 },
        { "/models", "models", 1 },
        { "/playbook", "playbook", 0 },
        { "/data", "data", 0 },
        { "/settings", "settings", 0 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_opens_and_draws_without_errors(string path, string name, int charts)
    {
        await using var browser = await server.SignedInAsync(Role.Admin);
        var response = await browser.Page.GotoAsync(path);
        // Every page is served under the content security policy; AssertClean below fails on any violation the browser reports.
        Assert.Equal(global::Clientele.Web.Hosting.SecurityHeaders.ContentSecurityPolicy, await response!.HeaderValueAsync("content-security-policy"));
        await browser.WaitForInteractiveAsync();
        await browser.Page.Locator("h1").First.WaitForAsync();
        if (charts > 0)
        {
            var drawn = await browser.WaitForChartsAsync(charts);
            foreach (var chart in drawn) Assert.True(await browser.CanvasColoursAsync(chart) > 2, $"the chart {chart} on {path} looks blank");
        }
        else
        {
            await browser.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
            // A page that reads on the server (no request to wait for) shows a loading bar until its answer is drawn.
            await Microsoft.Playwright.Assertions.Expect(browser.Page.Locator(".rz-progressbar")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        }
        Assert.DoesNotContain("An unhandled error", await browser.Page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        // Pages whose chart sits below a table are photographed with the chart in view.
        if (charts > 0 && path is "/models" or "/churn") await browser.Page.Locator("[data-chart]").Last.ScrollIntoViewIfNeededAsync();
        await browser.ScreenshotAsync(name);
        browser.AssertClean();
    }

    [Fact]
    public async Task A_customer_page_opens_with_its_classes_reasons_and_history()
    {
        var id = server.Factory.Workspace.Read(w => Storage.Snapshots.SnapshotQuery.Customers(
            w, filters: [Storage.Snapshots.ClassFilter.Parse("ladder=advocate")], top: 1)).Rows[0].CustomerId;
        await using var browser = await server.SignedInAsync(Role.Analyst);
        await browser.GotoAsync($"/customers/{Uri.EscapeDataString(id)}");
        await Microsoft.Playwright.Assertions.Expect(browser.Page.Locator("[data-testid=customer-classes]")).ToContainTextAsync("advocate");
        await Microsoft.Playwright.Assertions.Expect(browser.Page.Locator("[data-testid=customer-history]")).ToContainTextAsync(DemoCompany.Earlier.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await browser.ScreenshotAsync("customer");
        browser.AssertClean();
    }

    [Fact]
    public async Task The_sign_in_page_is_photographed_too()
    {
        await using var browser = await server.OpenAsync();
        await browser.Page.GotoAsync("/signin");
        await browser.Page.Locator("form[data-testid=signin-form]").WaitForAsync();
        await browser.ScreenshotAsync("signin");
        browser.AssertClean();
    }
}
