using Clientele.Storage.Access;
using Clientele.Storage.Snapshots;
using Microsoft.Playwright;

namespace Clientele.Web.Tests.Browser;

/// <summary>Importing a file and running an analysis from the browser, as an analyst.</summary>
public sealed class DataPageTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task A_malformed_upload_lists_its_errors_by_line_and_column_and_imports_nothing()
    {
        var before = server.Factory.Workspace.Read(w => w.CountRows()).Single(t => t.Key == "orders").Value;
        await using var browser = await server.SignedInAsync(Role.Analyst);
        await browser.GotoAsync("/data");
        await ChooseAsync(browser.Page, browser.Page.Locator("[data-testid=import-table]"), "orders");
        await browser.Page.Locator("[data-testid=import-file]").SetInputFilesAsync(new FilePayload
        {
            Name = "orders.csv", MimeType = "text/csv",
            Buffer = "customer_id,ordered_at,amount\nC0000001,2025-01-05,12.50\nC0000002,2025-01-06,twelve\n"u8.ToArray(),
        });
        await browser.Page.Locator("[data-testid=import-submit]").ClickAsync();
        var errors = browser.Page.Locator("[data-testid=import-errors]");
        await Assertions.Expect(errors).ToContainTextAsync("twelve");
        var cells = await errors.Locator("tr").Nth(1).Locator("td").AllInnerTextsAsync();
        Assert.Equal(("3", "3"), (cells[0].Trim(), cells[1].Trim()));
        Assert.Equal(before, server.Factory.Workspace.Read(w => w.CountRows()).Single(t => t.Key == "orders").Value);
        browser.AssertClean();
    }

    [Fact]
    public async Task An_analysis_started_in_the_browser_shows_its_steps_and_its_result()
    {
        var before = server.Factory.Workspace.Read(w => SnapshotQuery.List(w))[^1].CreatedAt;
        await using var browser = await server.SignedInAsync(Role.Analyst);
        await browser.GotoAsync("/data");
        await browser.Page.Locator("[data-testid=analysis-start]").ClickAsync();
        var run = browser.Page.Locator("[data-testid=analysis-run]");
        await Assertions.Expect(run).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 120_000 });
        await Assertions.Expect(run).ToContainTextAsync("classification");
        await Assertions.Expect(browser.Page.Locator("[data-testid=analysis-result]")).ToContainTextAsync(DemoCompany.Parties.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(before, server.Factory.Workspace.Read(w => SnapshotQuery.List(w))[^1].CreatedAt);
        browser.AssertClean();
    }

    private static async Task ChooseAsync(IPage page, ILocator dropdown, string text)
    {
        await dropdown.ClickAsync();
        await page.Locator(".rz-dropdown-item:visible")
            .Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex($"^\\s*{text}\\s*$") }).First.ClickAsync();
        // The choice reaches the server in its own round trip: wait until the drop-down shows it before the next step.
        await Assertions.Expect(dropdown.Locator(".rz-dropdown-label")).ToHaveTextAsync(text);
    }
}
