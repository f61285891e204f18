using Clientele.Storage.Access;

namespace Clientele.Web.Tests.Browser;

/// <summary>
/// The referral network on the Influence page of the demo company, in a real browser at a laptop's, a large screen's and a
/// phone's width: every node lies inside the chart's frame, the legend covers no node, and the first influencers are named.
/// With CLIENTELE_SCREENSHOTS set, the page is photographed at each width as influence-WIDTH.png.
/// </summary>
public sealed class InfluenceGraphTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    /// <summary>Where each node is drawn (pixels of the chart), its radius, whether it is named, and the legend's box.</summary>
    private const string Measure = """
        () => {
          const element = document.querySelector('[data-chart="referral-network"]');
          const chart = echarts.getInstanceByDom(element);
          const series = chart.getModel().getSeriesByIndex(0);
          const data = series.getData();
          const nodes = [];
          for (let i = 0; i < data.count(); i++) {
            const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, data.getItemLayout(i));
            const size = data.getItemVisual(i, 'symbolSize');
            const radius = (Array.isArray(size) ? Math.max(...size) : size) / 2;
            nodes.push({ x, y, radius, named: !!data.getItemModel(i).get(['label', 'show']) });
          }
          const legend = chart.getViewOfComponentModel(chart.getModel().getComponent('legend')).group;
          const box = legend.getBoundingRect().clone();
          box.applyTransform(legend.getComputedTransform());
          return JSON.stringify({ width: chart.getWidth(), height: chart.getHeight(), nodes, legend: { x: box.x, y: box.y, width: box.width, height: box.height } });
        }
        """;

    private sealed record Node(double X, double Y, double Radius, bool Named);

    private sealed record Box(double X, double Y, double Width, double Height);

    private sealed record Layout(double Width, double Height, Node[] Nodes, Box Legend);

    [Theory]
    [InlineData(1280)]
    [InlineData(1920)]
    [InlineData(390)]
    public async Task The_network_lies_inside_its_frame_with_the_first_influencers_named_and_the_legend_beside_it(int width)
    {
        await using var browser = await server.SignedInAsync(Role.Viewer);
        await browser.Page.SetViewportSizeAsync(width, 900);
        await browser.GotoAsync("/influence");
        await browser.WaitForChartsAsync(1);
        var layout = System.Text.Json.JsonSerializer.Deserialize<Layout>(await browser.Page.EvaluateAsync<string>(Measure), System.Text.Json.JsonSerializerOptions.Web)!;
        await browser.Page.Locator("[data-chart]").ScrollIntoViewIfNeededAsync();
        await browser.ScreenshotAsync($"influence-{width}");

        Assert.True(layout.Nodes.Length > 50, $"only {layout.Nodes.Length} nodes drawn");
        var outside = layout.Nodes.Where(n => n.X - n.Radius < 0 || n.Y - n.Radius < 0 || n.X + n.Radius > layout.Width || n.Y + n.Radius > layout.Height).ToList();
        Assert.True(outside.Count == 0, $"{outside.Count} nodes outside the {layout.Width}×{layout.Height} frame, e.g. {outside.FirstOrDefault()}");
        var legend = layout.Legend;
        var covered = layout.Nodes.Where(n => n.X + n.Radius > legend.X && n.X - n.Radius < legend.X + legend.Width
                                              && n.Y + n.Radius > legend.Y && n.Y - n.Radius < legend.Y + legend.Height).ToList();
        Assert.True(covered.Count == 0, $"the legend {legend} covers {covered.Count} nodes, e.g. {covered.FirstOrDefault()}");
        Assert.InRange(layout.Nodes.Count(n => n.Named), 5, 10);
        browser.AssertClean();
    }
}
