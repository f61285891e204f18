using Clientele.Storage;
using Clientele.Storage.Access;
using Clientele.Storage.Snapshots;
using Microsoft.Playwright;

namespace Clientele.Web.Tests.Browser;

/// <summary>The dashboard in headless Chromium: sign-in, the overview's charts, the customer table, overrides by role.</summary>
public sealed class DashboardTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task Signing_in_opens_the_overview_with_every_chart_drawn_on_a_canvas_that_is_not_blank()
    {
        await using var browser = await server.SignedInAsync(Role.Viewer);
        var charts = await browser.WaitForChartsAsync(atLeast: 4);
        Assert.Superset(new HashSet<string> { "ladder", "value-classes", "value-tiers", "churn-status" }, charts.ToHashSet());
        foreach (var chart in charts)
            Assert.True(await browser.CanvasColoursAsync(chart) > 2, $"the chart {chart} looks blank");
        var customers = server.Factory.Workspace.Read(w => SnapshotQuery.List(w))[^1].Customers;
        Assert.Contains(customers.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            await browser.Page.Locator("[data-testid=overview-totals]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await browser.Page.Locator("[data-testid=strategy-matrix]").IsVisibleAsync());
        browser.AssertClean();
    }

    [Fact]
    public async Task A_number_of_the_strategy_matrix_opens_the_customer_table_filtered_to_it()
    {
        await using var browser = await server.SignedInAsync(Role.Viewer);
        await browser.WaitForChartsAsync(atLeast: 4);
        await browser.Page.Locator("[data-testid=strategy-matrix] a").First.ClickAsync();
        await browser.Page.WaitForURLAsync(url => url.Contains("/customers?where=strategy", StringComparison.Ordinal));
        await browser.Page.Locator("[data-testid=customers-total]").WaitForAsync();
        browser.AssertClean();
    }

    [Fact]
    public async Task Filtering_the_customer_table_shows_the_matching_count_and_a_row_opens_the_customer()
    {
        var expected = server.Factory.Workspace.Read(w => SnapshotQuery.Customers(w, filters: [new ClassFilter("ladder", ["advocate"])], top: 0)).Matching;
        await using var browser = await server.SignedInAsync(Role.Viewer);
        await browser.GotoAsync("/customers?where=ladder%3Dadvocate");
        var total = browser.Page.Locator("[data-testid=customers-total]");
        await Assertions.Expect(total).ToContainTextAsync(expected.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        var firstRow = browser.Page.Locator("[data-testid=customers-grid] tbody tr").First;
        var id = (await firstRow.Locator("[data-testid=customer-link]").GetAttributeAsync("data-customer-id"))!;
        // Clicked again when the first click opened nothing within 20 s, at most three times, as a user would: in one CI run of many
        // (load average 16 on 2 cores, the storage tests beside it) the circuit never answered a click on the row, and the wait ran out.
        for (var attempt = 1; ; attempt++)
        {
            await firstRow.ClickAsync();
            try
            {
                await browser.Page.WaitForURLAsync(url => url.Contains("/customers/", StringComparison.Ordinal), new() { Timeout = 20_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                if (browser.Page.Url.Contains("/customers/", StringComparison.Ordinal)) break;
            }
        }
        await Assertions.Expect(browser.Page.Locator("[data-testid=customer-classes]")).ToContainTextAsync("advocate");
        Assert.Contains(Uri.EscapeDataString(id), browser.Page.Url, StringComparison.Ordinal);
        browser.AssertClean();
    }

    [Fact]
    public async Task A_filter_that_leaves_classes_out_is_shown_counted_and_can_be_removed()
    {
        var live = server.Factory.Workspace.Read(w => SnapshotQuery.Customers(
            w, filters: [ClassFilter.Parse("ladder=customer"), ClassFilter.Parse("churn_status!=lapsed,lost")], top: 0)).Matching;
        var all = server.Factory.Workspace.Read(w => SnapshotQuery.Customers(w, filters: [new ClassFilter("ladder", ["customer"])], top: 0)).Matching;
        Assert.True(all > live, "the demo has lapsed or lost ladder customers");
        await using var browser = await server.SignedInAsync(Role.Viewer);
        await browser.GotoAsync("/customers?where=ladder%3Dcustomer&where=churn_status!%3Dlapsed%2Clost");
        var total = browser.Page.Locator("[data-testid=customers-total]");
        await Assertions.Expect(total).ToContainTextAsync(live.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        var exclusion = browser.Page.Locator("[data-testid=exclusion-churn_status]");
        await Assertions.Expect(exclusion).ToContainTextAsync("not lapsed or lost");
        await browser.ScreenshotAsync("customers-not-lapsed");
        await exclusion.Locator("button").ClickAsync();
        await Assertions.Expect(total).ToContainTextAsync(all.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("churn_status", Uri.UnescapeDataString(browser.Page.Url), StringComparison.Ordinal);
        Assert.Equal(0, await exclusion.CountAsync());
        browser.AssertClean();
    }

    [Fact]
    public async Task An_analyst_sets_an_override_on_the_customer_page_and_sees_it()
    {
        var id = FirstCustomer("ladder=customer");
        await using var browser = await server.SignedInAsync(Role.Analyst);
        await browser.GotoAsync($"/customers/{Uri.EscapeDataString(id)}");
        var form = browser.Page.Locator("[data-testid=override-form]");
        await form.WaitForAsync();
        await OverrideFormFiller.FillAsync(browser.Page, form, "ladder", "advocate", "Spoke for us at the trade fair");
        await Assertions.Expect(browser.Page.Locator("[data-testid=customer-overrides]")).ToContainTextAsync("Spoke for us at the trade fair");
        var stored = server.Factory.Workspace.Read(w => OverrideTable.Find(w, id, "ladder"));
        Assert.NotNull(stored);
        Assert.Equal("advocate", stored.Class);
        browser.AssertClean();
    }

    [Fact]
    public async Task A_viewer_gets_no_override_form_and_may_not_open_the_import_page()
    {
        var id = FirstCustomer("ladder=customer");
        await using var browser = await server.SignedInAsync(Role.Viewer);
        await browser.GotoAsync($"/customers/{Uri.EscapeDataString(id)}");
        await browser.Page.Locator("[data-testid=customer-classes]").WaitForAsync();
        Assert.Equal(0, await browser.Page.Locator("[data-testid=override-form]").CountAsync());
        await browser.Page.GotoAsync("/data");
        await Assertions.Expect(browser.Page.Locator("body")).ToContainTextAsync("may not");
        Assert.Equal(0, await browser.Page.Locator("input[type=file]").CountAsync());
        browser.AssertClean();
    }

    private string FirstCustomer(string filter) =>
        server.Factory.Workspace.Read(w => SnapshotQuery.Customers(w, filters: [ClassFilter.Parse(filter)], top: 1)).Rows[0].CustomerId;
}
