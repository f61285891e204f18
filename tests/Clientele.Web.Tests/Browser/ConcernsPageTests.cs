using System.Globalization;
using System.Text.Json;
using Clientele.Storage.Access;
using Clientele.Storage.Concerns;
using Microsoft.Playwright;

namespace Clientele.Web.Tests.Browser;

/// <summary>
/// The concerns page of the demo company in a real browser at a laptop's and a phone's width: the two heat maps (needs,
/// concerns in general) have a row per group and a column per concern among the first five of any group, and a click on a
/// cell lists what that group's customers said. With CLIENTELE_SCREENSHOTS set, photographed as concerns-WIDTH.png and concerns-texts.png.
/// </summary>
public sealed class ConcernsPageTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    /// <summary>A heat map's row and column labels, and where a cell's centre is on the page.</summary>
    private const string Axes = """
        name => {
          const element = document.querySelector(`[data-chart="${name}"]`);
          const option = echarts.getInstanceByDom(element).getOption();
          return JSON.stringify({ rows: option.yAxis[0].data, columns: option.xAxis[0].data, cells: option.series[0].data.length });
        }
        """;

    private const string CellCentre = """
        ([name, x, y]) => {
          const element = document.querySelector(`[data-chart="${name}"]`);
          const [px, py] = echarts.getInstanceByDom(element).convertToPixel({ seriesIndex: 0 }, [x, y]);
          const box = element.getBoundingClientRect();
          return [box.left + px, box.top + py];
        }
        """;

    private sealed record MapAxes(string[] Rows, string[] Columns, int Cells);

    private async Task<MapAxes> AxesOf(BrowserPage browser, string name) =>
        JsonSerializer.Deserialize<MapAxes>(await browser.Page.EvaluateAsync<string>(Axes, name), JsonSerializerOptions.Web)!;

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Each_heat_map_has_a_row_per_segment_and_a_column_per_leading_concern_of_its_kind(int width)
    {
        var report = server.Factory.Workspace.Read(w => ConcernQuery.Of(w, top: 100));
        await using var browser = await server.SignedInAsync(Role.Viewer);
        await browser.Page.SetViewportSizeAsync(width, 900);
        await browser.GotoAsync("/concerns");
        Assert.Equal(["concerns-needs", "concerns-general"], await browser.WaitForChartsAsync(2));
        await browser.ScreenshotAsync($"concerns-{width}");

        foreach (var (name, general) in new[] { ("concerns-needs", false), ("concerns-general", true) })
        {
            var axes = await AxesOf(browser, name);
            Assert.Equal(report.Groups.Count + 1, axes.Rows.Length);
            Assert.Equal("all customers", axes.Rows[0]);
            Assert.Contains("persons/families", axes.Rows);
            Assert.Contains("healthcare/hospitals", axes.Rows); // organizations/healthcare/hospitals, shortened
            var leading = new[] { report.Base }.Concat(report.Groups)
                .SelectMany(g => g.Concerns.Where(c => c.General == general).Take(5).Select(c => c.Concern)).ToHashSet();
            Assert.Equal(leading.Order(StringComparer.Ordinal), axes.Columns.Order(StringComparer.Ordinal));
            Assert.True(axes.Cells > axes.Rows.Length, $"{name} has only {axes.Cells} cells");
            Assert.True(await browser.CanvasColoursAsync(name) > 4, $"{name} looks blank");
        }
        // A phone scrolls the map sideways inside its card rather than squeezing the cells below legibility.
        var chartWidth = await browser.Page.EvaluateAsync<double>("() => document.querySelector('[data-chart=\"concerns-needs\"]').getBoundingClientRect().width");
        var needs = await AxesOf(browser, "concerns-needs");
        Assert.True(chartWidth >= 190 + 40 * needs.Columns.Length - 1, $"the needs map is {chartWidth} px wide for {needs.Columns.Length} columns");
        browser.AssertClean();
    }

    [Fact]
    public async Task Clicking_a_cell_lists_the_interactions_of_that_group_naming_that_concern()
    {
        var report = server.Factory.Workspace.Read(w => ConcernQuery.Of(w, top: 100));
        var figure = Assert.Single(Assert.Single(report.Groups, g => g.Class == "persons/families").Concerns, c => c.Concern == "water-taste");
        await using var browser = await server.SignedInAsync(Role.Viewer);
        await browser.Page.SetViewportSizeAsync(1280, 900);
        await browser.GotoAsync("/concerns");
        await browser.WaitForChartsAsync(2);
        var axes = await AxesOf(browser, "concerns-needs");
        var (x, y) = (Array.IndexOf(axes.Columns, "water-taste"), Array.IndexOf(axes.Rows, "persons/families"));
        Assert.True(x >= 0 && y >= 0, "water-taste or persons/families is not on the needs map");
        await browser.Page.Locator("[data-chart=concerns-needs]").ScrollIntoViewIfNeededAsync();
        var centre = await browser.Page.EvaluateAsync<double[]>(CellCentre, new object[] { "concerns-needs", x, y });
        await browser.Page.Mouse.ClickAsync((float)centre[0], (float)centre[1]);

        var totals = browser.Page.Locator("[data-testid=concern-texts-totals]");
        await Assertions.Expect(totals).ToContainTextAsync(
            $"{figure.Interactions.ToString("N0", CultureInfo.InvariantCulture)} interactions of {figure.Customers.ToString("N0", CultureInfo.InvariantCulture)} customers in persons/families name water-taste");
        var rows = browser.Page.Locator("[data-testid=concern-interactions] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync((int)Math.Min(20, figure.Interactions));
        await Assertions.Expect(rows.First).ToContainTextAsync("water-taste");
        await browser.Page.Locator("[data-testid=concern-texts]").ScrollIntoViewIfNeededAsync();
        await browser.ScreenshotAsync("concerns-texts");
        browser.AssertClean();
    }
}
