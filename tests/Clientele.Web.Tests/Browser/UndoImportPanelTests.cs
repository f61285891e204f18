using System.Globalization;
using Clientele.Storage.Access;
using Microsoft.Playwright;

namespace Clientele.Web.Tests.Browser;

/// <summary>Undoing an import from the Data page, as an analyst: what it changes first, then the undo.</summary>
public sealed class UndoImportPanelTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task An_analyst_sees_what_undoing_changes_and_on_confirmation_the_imports_rows_are_gone()
    {
        var workspace = server.Factory.Workspace;
        var id = workspace.Read(w => w.Imports().Single(i => i.Table == "interactions").ImportId);
        var rows = workspace.Read(w => w.CountRows()).Single(t => t.Key == "interactions").Value;
        await using var browser = await server.SignedInAsync(Role.Analyst);
        await browser.GotoAsync("/data");

        await browser.Page.Locator($"[data-testid=undo-{id}]").ClickAsync();
        var plan = browser.Page.Locator("[data-testid=undo-plan]");
        await Assertions.Expect(plan).ToContainTextAsync($"interactions{rows.ToString("N0", CultureInfo.InvariantCulture)}");
        await Assertions.Expect(plan).ToContainTextAsync($"The latest analysis (as of {DemoCompany.Latest:yyyy-MM-dd}) still includes these rows");
        Assert.Equal(rows, workspace.Read(w => w.CountRows()).Single(t => t.Key == "interactions").Value);
        await browser.Page.Locator("[data-testid=undo-confirm]").ClickAsync();

        await Assertions.Expect(browser.Page.Locator("[data-testid=undo-result]")).ToContainTextAsync($"Undid import #{id}: {rows.ToString("N0", CultureInfo.InvariantCulture)} rows removed.");
        await Assertions.Expect(browser.Page.Locator($"[data-testid=undo-{id}]")).ToHaveCountAsync(0);
        Assert.Equal(0, workspace.Read(w => w.CountRows()).Single(t => t.Key == "interactions").Value);
        browser.AssertClean();
    }
}
