using Clientele.Storage.Access;
using Microsoft.Playwright;

namespace Clientele.Web.Tests.Browser;

/// <summary>
/// The manager's report as the dashboard hands it out (<c>GET /api/report</c>), opened in Chromium as a file from disk
/// would be: it asks for nothing (no request at all, not even to loopback), raises no script error, and every chart is
/// drawn (an inline SVG of visible size with visible bars). With CLIENTELE_SCREENSHOTS=docs/images it is photographed.
/// </summary>
public sealed class ReportInBrowserTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task The_report_opens_offline_asks_for_nothing_and_draws_every_chart()
    {
        string html;
        await using (var viewer = await server.SignedInAsync(Role.Viewer))
        {
            // What the overview's "Download report" link fetches, with the viewer's session.
            var download = await viewer.Page.Context.APIRequest.GetAsync("/api/report");
            Assert.Equal(200, download.Status);
            html = await download.TextAsync();
        }

        await using var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 1400 } });
        var requests = new List<string>();
        var errors = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            requests.Add(route.Request.Url);
            await route.AbortAsync();
        });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning") errors.Add(message.Text);
        };
        await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });

        Assert.Equal($"Customer report as of {DemoCompany.Latest:yyyy-MM-dd}", await page.TitleAsync());
        var charts = await page.EvaluateAsync<ChartBox[]>(
            """
            () => [...document.querySelectorAll('svg.chart')].map(svg => {
              const box = svg.getBoundingClientRect();
              const marks = [...svg.querySelectorAll('rect')].filter(r => { const b = r.getBoundingClientRect(); return b.width > 0 && b.height > 0; });
              return { title: svg.querySelector('title')?.textContent ?? '', width: box.width, height: box.height, marks: marks.length };
            })
            """);
        Assert.True(charts.Length >= 6, $"only {charts.Length} charts in the report");
        foreach (var chart in charts)
        {
            Assert.True(chart.Width > 200 && chart.Height > 20, $"the chart '{chart.Title}' is {chart.Width}×{chart.Height} px");
            Assert.True(chart.Marks > 0, $"the chart '{chart.Title}' has no visible bar");
        }
        Assert.True(requests.Count == 0, "the report asked for: " + string.Join(" | ", requests));
        Assert.True(errors.Count == 0, "errors in the report: " + string.Join(" | ", errors));

        if (BrowserPage.ScreenshotFolder is { } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "report.png") });
        }
    }

    private sealed class ChartBox
    {
        public string Title { get; set; } = "";
        public double Width { get; set; }
        public double Height { get; set; }
        public int Marks { get; set; }
    }
}
