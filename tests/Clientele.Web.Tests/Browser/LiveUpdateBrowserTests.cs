using System.Text;
using Clientele.Storage.Access;
using Microsoft.Playwright;

namespace Clientele.Web.Tests.Browser;

/// <summary>
/// A batch of events re-classifies its customer at once: the customer page says it is live and lists the moves, the
/// Movement page lists them among the moves since the analysis. With CLIENTELE_SCREENSHOTS set, photographed as
/// customer-live.png and movement-live.png (and at 390 px as customer-live-390.png; the Movement page also at 1280, 1920 and
/// 390 px as movement-live-WIDTH.png).
/// </summary>
public sealed class LiveUpdateBrowserTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task An_order_event_for_a_lost_customer_shows_live_on_its_page_and_on_the_movement_page()
    {
        var lost = server.Factory.Workspace.Read(w => w.Scalar<string>(
            "SELECT customer_id FROM snapshot_customers WHERE churn_status = 'lost' AND orders >= 2 ORDER BY value DESC LIMIT 1"))!;
        var body = $$"""{ "orders": [ { "order_id": "BROWSER-LIVE-1", "customer_id": "{{lost}}", "ordered_at": "2026-01-03", "amount": 380 } ] }""";
        // Posted to the served address, as a machine would.
        using var client = server.Factory.ClientWithKey(Role.Analyst);
        client.BaseAddress = server.Address;
        using (var posted = await client.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken))
            Assert.Equal(System.Net.HttpStatusCode.Created, posted.StatusCode);

        await using var browser = await server.SignedInAsync(Role.Viewer);
        await browser.GotoAsync($"/customers/{Uri.EscapeDataString(lost)}");
        var live = browser.Page.Locator("[data-testid=customer-live]");
        await Assertions.Expect(live).ToContainTextAsync($"Live since the analysis of {DemoCompany.Latest:yyyy-MM-dd}: updated ");
        await Assertions.Expect(live).ToContainTextAsync("figures as of 2026-01-03");
        await Assertions.Expect(browser.Page.Locator("[data-testid=customer-live-changes]")).ToContainTextAsync("churn status lost → active");
        await Assertions.Expect(browser.Page.Locator("[data-testid=customer-classes]")).ToContainTextAsync("active: P(alive)");
        await browser.ScreenshotAsync("customer-live");
        // On a phone: loaded at that width, as a phone would (the menu starts closed).
        await browser.Page.SetViewportSizeAsync(390, 900);
        await browser.GotoAsync($"/customers/{Uri.EscapeDataString(lost)}");
        await Assertions.Expect(browser.Page.Locator("[data-testid=customer-live-changes]")).ToContainTextAsync("churn status lost → active");
        await browser.ScreenshotAsync("customer-live-390");
        await browser.Page.SetViewportSizeAsync(1400, 900);

        await browser.GotoAsync("/movement");
        var moves = browser.Page.Locator("[data-testid=live-changes]");
        await Assertions.Expect(moves).ToContainTextAsync($"Moved live since the analysis of {DemoCompany.Latest:yyyy-MM-dd}");
        await Assertions.Expect(browser.Page.Locator("[data-testid=live-changes-grid]")).ToContainTextAsync(lost);
        await moves.ScrollIntoViewIfNeededAsync();
        await browser.ScreenshotAsync("movement-live");
        // The moves' sentence and table at a laptop's, a wide screen's and a phone's width, each loaded at that width.
        foreach (var width in (int[])[1280, 1920, 390])
        {
            await browser.Page.SetViewportSizeAsync(width, 900);
            await browser.GotoAsync("/movement");
            await Assertions.Expect(moves).ToContainTextAsync("a referrer, also of its latest referral made or bought");
            await Assertions.Expect(browser.Page.Locator("[data-testid=live-changes-grid]")).ToContainTextAsync(lost);
            await moves.ScrollIntoViewIfNeededAsync();
            await browser.ScreenshotAsync($"movement-live-{width}");
            // Nothing cut off (a table too wide scrolls sideways in its own frame), as LegibilityTests checks every page.
            var clipped = await browser.Page.EvaluateAsync<string[]>(LegibilityTests.FindClipped);
            Assert.True(clipped.Length == 0, $"/movement with live moves at {width} px cuts off:\n" + string.Join("\n", clipped));
        }
        browser.AssertClean();
    }
}
