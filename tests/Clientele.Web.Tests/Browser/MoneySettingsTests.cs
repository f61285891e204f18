using Clientele.Storage.Access;
using Microsoft.Playwright;

namespace Clientele.Web.Tests.Browser;

/// <summary>An admin sets the workspace's currency and number format on the Settings page; every page shows amounts that way at once.</summary>
public sealed class MoneySettingsTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task An_admin_sets_the_currency_and_number_format_and_the_overview_shows_amounts_that_way()
    {
        await using var browser = await server.SignedInAsync(Role.Admin);
        await browser.GotoAsync("/settings");
        var currency = browser.Page.Locator("[data-testid=money-currency]");
        await Assertions.Expect(currency).ToHaveValueAsync("EUR");

        await currency.FillAsync("chf");
        await browser.Page.Locator("[data-testid=money-number-format]").ClickAsync();
        await browser.Page.Locator(".rz-dropdown-item:visible").Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^\s*1'234\.5\s*$") }).First.ClickAsync();
        // The choice reaches the server in its own round trip; save only once the dropdown shows it (CI once saved before it arrived).
        await Assertions.Expect(browser.Page.Locator("[data-testid=money-number-format] .rz-dropdown-label")).ToHaveTextAsync("1'234.5");
        await browser.Page.Locator("[data-testid=money-save]").ClickAsync();

        await Assertions.Expect(browser.Page.Locator("[data-testid=settings-message]")).ToContainTextAsync("Amounts are now shown in CHF, written 1'234.5.");
        await Assertions.Expect(browser.Page.Locator("[data-testid=money-example]")).ToContainTextAsync("1'234'568 CHF");
        var stored = server.Factory.Workspace.Money;
        Assert.Equal(("CHF", "1'234.5"), (stored.Currency, stored.NumberFormat));

        await browser.GotoAsync("/");
        var total = await browser.Page.Locator("[data-testid=total-value]").InnerTextAsync();
        Assert.Matches(@"^-?\d{1,3}('\d{3})* CHF$", total.Replace('\u00A0', ' '));
        browser.AssertClean();
    }

    [Fact]
    public async Task A_code_that_is_not_a_currency_is_refused_with_the_reason_and_nothing_changes()
    {
        await using var browser = await server.SignedInAsync(Role.Admin);
        await browser.GotoAsync("/settings");
        var before = server.Factory.Workspace.Money;
        await browser.Page.Locator("[data-testid=money-currency]").FillAsync("EU1");
        await browser.Page.Locator("[data-testid=money-save]").ClickAsync();
        await Assertions.Expect(browser.Page.Locator("[data-testid=settings-message]")).ToContainTextAsync("\"EU1\" is not an ISO 4217 currency code");
        Assert.Equal(before, server.Factory.Workspace.Money);
        browser.AssertClean();
    }
}
