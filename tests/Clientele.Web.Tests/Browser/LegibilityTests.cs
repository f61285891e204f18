using Clientele.Storage.Access;

namespace Clientele.Web.Tests.Browser;

/// <summary>
/// Every page reads whole at a laptop's width (1280 px), a large screen's (1920 px) and a phone's (390 px): no text of a
/// heading, label, cell, link or badge is cut off (an element that hides its overflow is never narrower than its text;
/// tables too wide scroll sideways inside their own frame), no table cell is squeezed to a letter or two a line, nothing reaches past its card or
/// the window (unless in a frame that scrolls sideways), and every chart lies inside its frame. With
/// CLIENTELE_SCREENSHOTS set, each page is photographed at each width as NAME-WIDTH.png.
/// </summary>
public sealed class LegibilityTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    public static readonly int[] Widths = [1280, 1920, 390];

    public static TheoryData<string, string, int> PagesAtWidths()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var row in EveryPageTests.Pages)
        {
            var (path, name, _) = row.Data;
            foreach (var width in Widths) data.Add(path, name, width);
        }
        return data;
    }

    /// <summary>What is cut off on the page: one line per clipped element or chart outside its frame.</summary>
    internal const string FindClipped = """
        () => {
          const found = [];
          const describe = el => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}`;
          const text = 'h1, h2, h3, th, td, label, a, button, p, li, .rz-label, .rz-cell-data, .rz-column-title, .rz-column-title-content, ' +
                       '.rz-chip-text, .rz-dropdown-label, .rz-badge, .rz-alert-message, .rz-navigation-item-text, .figure';
          for (const el of document.querySelectorAll(text)) {
            if (el.getClientRects().length === 0) continue;
            // The menu folded to its icons (on a phone) shows its names when opened, not before.
            const sidebar = el.closest('.rz-sidebar');
            if (sidebar && sidebar.getBoundingClientRect().width < 100) continue;
            const content = (el.innerText || '').trim();
            if (!content) continue;
            const style = getComputedStyle(el);
            const hides = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
            if (hides && el.scrollWidth > el.clientWidth + 1)
              found.push(`${describe(el)} "${content.slice(0, 50)}" needs ${el.scrollWidth} px, shows ${el.clientWidth}`);
            // A column squeezed by its neighbours' fixed widths breaks its words a letter or two a line: a cell holding a word
            // of four letters or more is never narrower than two of its characters' heights.
            if ((el.tagName === 'TD' || el.classList.contains('rz-cell-data')) && /[A-Za-z]{4}/.test(content)
                && el.getBoundingClientRect().width < 2 * parseFloat(style.fontSize))
              found.push(`${describe(el)} "${content.slice(0, 50)}" is squeezed to ${Math.round(el.getBoundingClientRect().width)} px`);
          }
          // Nothing reaches past its card or the window's right edge (a toggle beside a heading, a button row), unless it
          // lies in a frame that scrolls sideways (a wide table).
          // The layout's own scrolling body is the window here.
          const scrolls = el => { const x = getComputedStyle(el).overflowX; return (x === 'auto' || x === 'scroll') && !el.matches('.rz-body, .rz-layout'); };
          const width = document.documentElement.clientWidth;
          for (const el of document.querySelectorAll(text + ', .rz-selectbar, .rz-button, input, select, .rz-dropdown')) {
            if (el.getClientRects().length === 0 || el.closest('.rz-sidebar, .rz-popup, .rz-dialog')) continue;
            let frame = el.parentElement;
            while (frame && !frame.classList.contains('rz-card') && !scrolls(frame) && frame !== document.body) frame = frame.parentElement;
            if (!frame || (frame !== document.body && scrolls(frame))) continue;
            const box = el.getBoundingClientRect();
            const bounds = frame === document.body ? { left: 0, right: width } : frame.getBoundingClientRect();
            if (box.width > 0 && (box.right > bounds.right + 1 || box.left < bounds.left - 1))
              found.push(`${describe(el)} "${(el.innerText || el.value || '').trim().slice(0, 50)}" spans ${Math.round(box.left)}..${Math.round(box.right)} px, ` +
                         `past its ${frame === document.body ? 'window' : 'card'} of ${Math.round(bounds.left)}..${Math.round(bounds.right)}`);
          }
          for (const chart of document.querySelectorAll('[data-chart]')) {
            const box = chart.getBoundingClientRect();
            const frame = chart.parentElement.getBoundingClientRect();
            if (box.width < 100 || box.left < frame.left - 1 || box.right > frame.right + 1)
              found.push(`chart ${chart.getAttribute('data-chart')} spans ${Math.round(box.left)}..${Math.round(box.right)} px in a frame of ${Math.round(frame.left)}..${Math.round(frame.right)}`);
          }
          return found;
        }
        """;

    [Theory]
    [MemberData(nameof(PagesAtWidths))]
    public async Task No_text_or_chart_of_the_page_is_cut_off_at_this_width(string path, string name, int width)
    {
        await using var browser = await server.SignedInAsync(Role.Admin);
        await browser.Page.SetViewportSizeAsync(width, 900);
        await browser.GotoAsync(path);
        await browser.Page.Locator("h1").First.WaitForAsync();
        await browser.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        if (await browser.Page.Locator("[data-chart]").CountAsync() is var charts and > 0) await browser.WaitForChartsAsync(charts);
        var clipped = await browser.Page.EvaluateAsync<string[]>(FindClipped);
        await browser.ScreenshotAsync($"{name}-{width}");
        Assert.True(clipped.Length == 0, $"{path} at {width} px cuts off:\n" + string.Join("\n", clipped));
        browser.AssertClean();
    }

    public static TheoryData<int> AllWidths() => [.. Widths];

    /// <summary>
    /// The views this round added: the customer table with a filter that leaves classes out, and a lapsed customer's page with
    /// the note on the actions it does not get, photographed as customers-not-lapsed-WIDTH.png and customer-lapsed-WIDTH.png.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllWidths))]
    public async Task The_exclusion_filter_and_a_lapsed_customer_s_withheld_action_read_whole_at_this_width(int width)
    {
        var lapsed = server.Factory.Workspace.Read(w => Storage.Snapshots.SnapshotQuery.Customers(
            w, filters: [Storage.Snapshots.ClassFilter.Parse("ladder=customer"), Storage.Snapshots.ClassFilter.Parse("churn_status=lapsed")], top: 1)).Rows[0].CustomerId;
        await using var browser = await server.SignedInAsync(Role.Admin);
        await browser.Page.SetViewportSizeAsync(width, 900);
        foreach (var (path, name, shown) in new[]
                 {
                     ("/customers?where=ladder%3Dcustomer&where=churn_status!%3Dlapsed%2Clost", "customers-not-lapsed", "[data-testid=exclusion-churn_status]"),
                     ($"/customers/{Uri.EscapeDataString(lapsed)}", "customer-lapsed", "[data-testid=action-withheld]"),
                 })
        {
            await browser.GotoAsync(path);
            await browser.Page.Locator("h1").First.WaitForAsync();
            await browser.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
            await Microsoft.Playwright.Assertions.Expect(browser.Page.Locator(shown)).ToBeVisibleAsync();
            if (name == "customer-lapsed") await browser.Page.Locator(shown).ScrollIntoViewIfNeededAsync();
            var clipped = await browser.Page.EvaluateAsync<string[]>(FindClipped);
            await browser.ScreenshotAsync($"{name}-{width}");
            Assert.True(clipped.Length == 0, $"{path} at {width} px cuts off:\n" + string.Join("\n", clipped));
        }
        browser.AssertClean();
    }
}
