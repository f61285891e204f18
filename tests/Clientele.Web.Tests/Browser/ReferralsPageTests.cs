using System.Text.Json;
using Clientele.Storage.Access;
using Clientele.Storage.Referrals;
using Microsoft.Playwright;

namespace Clientele.Web.Tests.Browser;

/// <summary>
/// The Referrals page in a real browser on its own copy of the demo company: an analyst's "Mark thanked" and "Mark asked" buttons record
/// at once and the row leaves its list; a viewer sees the lists without a button.
/// </summary>
public sealed class ReferralsPageTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    /// <summary>The first page of a list as the grid shows it: id, value and reason per row.</summary>
    private static async Task<IReadOnlyList<string[]>> RowsAsync(IPage page, string list) =>
        await page.Locator($"[data-testid={list}] tr.rz-data-row").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => { const c = [...r.querySelectorAll('td')].map(td => td.innerText.trim()); return [c[0], c[2], c[3]]; })");

    [Theory]
    [InlineData("thank", "referredValue", 2)]
    [InlineData("ask", "value", 0)]
    public async Task Each_list_shows_what_the_API_returns_customer_by_customer_with_its_reason_and_value(string list, string valueField, int decimals)
    {
        await using var browser = await server.SignedInAsync(Role.Viewer);
        await browser.GotoAsync("/referrals");
        await Assertions.Expect(browser.Page.Locator($"[data-testid={list}-customer]").First).ToBeVisibleAsync();
        var response = await browser.Page.Context.APIRequest.GetAsync($"/api/referrals/{list}");
        Assert.True(response.Ok, await response.TextAsync());
        using var json = JsonDocument.Parse(await response.TextAsync());
        var candidates = json.RootElement.GetProperty("candidates").EnumerateArray().ToList();
        Assert.True(candidates.Count > 15, $"the demo's {list} list should fill more than the grid's first page");
        var money = server.Factory.Workspace.Money;
        var expected = candidates.Take(15).Select(c => new[]
        {
            c.GetProperty("customerId").GetString()!,
            money.Number(c.GetProperty(valueField).GetDouble(), decimals),
            c.GetProperty("reason").GetString()!,
        }).ToList();
        var shown = await RowsAsync(browser.Page, $"{list}-list");
        Assert.Equal(expected.Count, shown.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], shown[i]);
        await Assertions.Expect(browser.Page.Locator($"[data-testid={list}-card] .note").First)
            .ToContainTextAsync(json.RootElement.GetProperty("total").GetInt64().ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        browser.AssertClean();
    }

    [Fact]
    public async Task Clicking_Mark_thanked_records_the_thank_and_the_row_leaves_the_thank_list()
    {
        var first = server.Factory.Workspace.Read(w => ThankQuery.Of(w)).Candidates[0].CustomerId;
        await using var browser = await server.SignedInAsync(Role.Analyst);
        await browser.GotoAsync("/referrals");
        var firstRow = browser.Page.Locator("[data-testid=thank-list] [data-testid=thank-customer]").First;
        await Assertions.Expect(firstRow).ToHaveTextAsync(first);
        await browser.Page.Locator("[data-testid=thank-list] [data-testid=thanked]").First.ClickAsync();
        await Assertions.Expect(browser.Page.Locator("[data-testid=referrals-recorded]")).ToContainTextAsync($"Recorded referral_thanks for {first}");
        await Assertions.Expect(firstRow).Not.ToHaveTextAsync(first);
        await Assertions.Expect(browser.Page.Locator("[data-testid=thank-list] [data-testid=thank-customer]", new() { HasTextString = first })).ToHaveCountAsync(0);
        Assert.DoesNotContain(server.Factory.Workspace.Read(w => ThankQuery.Of(w, top: 1_000_000)).Candidates, c => c.CustomerId == first);
        browser.AssertClean();
    }

    [Fact]
    public async Task Clicking_Mark_asked_records_the_ask_and_the_row_leaves_the_ask_list()
    {
        var first = server.Factory.Workspace.Read(w => AskQuery.Of(w)).Candidates[0].CustomerId;
        await using var browser = await server.SignedInAsync(Role.Analyst);
        await browser.GotoAsync("/referrals");
        var firstRow = browser.Page.Locator("[data-testid=ask-list] [data-testid=ask-customer]").First;
        await Assertions.Expect(firstRow).ToHaveTextAsync(first);
        await browser.Page.Locator("[data-testid=ask-list] [data-testid=asked]").First.ClickAsync();
        await Assertions.Expect(browser.Page.Locator("[data-testid=referrals-recorded]")).ToContainTextAsync($"Recorded referral_ask for {first}");
        await Assertions.Expect(firstRow).Not.ToHaveTextAsync(first);
        await Assertions.Expect(browser.Page.Locator("[data-testid=ask-list] [data-testid=ask-customer]", new() { HasTextString = first })).ToHaveCountAsync(0);
        Assert.DoesNotContain(server.Factory.Workspace.Read(w => AskQuery.Of(w, top: 1_000_000)).Candidates, c => c.CustomerId == first);
        // The ask is after the analysis date, so its window is open: the results list it with what followed so far, not in their figures.
        var open = browser.Page.Locator("[data-testid=results-open] tr.rz-data-row", new() { HasTextString = first });
        await Assertions.Expect(open).ToHaveCountAsync(1);
        await Assertions.Expect(open.Locator("[data-testid=open-action]")).ToHaveTextAsync("asked");
        var followUp = Assert.Single(server.Factory.Workspace.Read(w => ReferralResultsQuery.Of(w)).Open, f => f.CustomerId == first && f.Action == ReferralAction.Ask);
        Assert.Equal(0, followUp.Referrals);
        browser.AssertClean();
    }

    [Fact]
    public async Task A_viewer_sees_both_lists_and_the_csv_links_but_no_button()
    {
        await using var browser = await server.SignedInAsync(Role.Viewer);
        await browser.GotoAsync("/referrals");
        await Assertions.Expect(browser.Page.Locator("[data-testid=thank-customer]").First).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.Locator("[data-testid=ask-customer]").First).ToBeVisibleAsync();
        await Assertions.Expect(browser.Page.Locator("[data-testid=thank-csv]")).ToHaveAttributeAsync("href", "/api/referrals/thank/export");
        Assert.Equal(0, await browser.Page.Locator("[data-testid=thanked], [data-testid=asked]").CountAsync());
        await Assertions.Expect(browser.Page.Locator("[data-testid=results-thank]")).ToContainTextAsync("Association, not proof of effect");
        await browser.Page.Locator("[data-testid=results-card]").ScrollIntoViewIfNeededAsync();
        await browser.ScreenshotAsync("referrals-results");
        browser.AssertClean();
    }
}
