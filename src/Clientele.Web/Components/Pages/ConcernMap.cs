using System.Globalization;
using System.Text.Encodings.Web;
using Clientele.Storage.Concerns;

namespace Clientele.Web.Components.Pages;

/// <summary>
/// One heat map of the concerns page: rows are groups, columns the needs (or the concerns in general) among the first
/// few of any group; a cell is the share of the group's customers raising the concern, coloured by its lift against the
/// whole base. Needs and concerns in general are two maps, kept apart as the rule ranks them apart.
/// </summary>
/// <param name="Name">The chart's name (data-chart).</param>
/// <param name="Title">The map's heading.</param>
/// <param name="Note">What a cell means.</param>
/// <param name="Columns">The concerns, in column order.</param>
/// <param name="Option">The ECharts option.</param>
/// <param name="Height">Pixels: enough for every row.</param>
/// <param name="MinWidth">Pixels below which the map scrolls sideways rather than squeeze its cells (a phone).</param>
internal sealed record ConcernMap(string Name, string Title, string Note, IReadOnlyList<string> Columns, object Option, int Height, int MinWidth)
{
    /// <summary>Lift bands and their colours: below the base in blue, about the base in grey, above it from sand to red.</summary>
    private static readonly object[] Pieces =
    [
        new { lt = 0.8, color = "#9ecae1", label = "below 0.8× the base" },
        new { gte = 0.8, lt = 1.25, color = "#eeeeee", label = "0.8–1.25×" },
        new { gte = 1.25, lt = 2, color = "#fdd49e", label = "1.25–2×" },
        new { gte = 2, lt = 4, color = "#fc8d59", label = "2–4×" },
        new { gte = 4, color = "#e34a33", label = "4× or more" },
    ];

    public static ConcernMap Of(ConcernReport report, IReadOnlyList<ConcernMapRow> rows, bool general, int topPerGroup)
    {
        var columns = rows.SelectMany(r => r.Group.Concerns.Where(c => c.General == general).Take(topPerGroup).Select(c => c.Concern)).Distinct()
            .OrderByDescending(c => report.Base.Concerns.FirstOrDefault(f => f.Concern == c)?.Customers ?? 0).ThenBy(c => c, StringComparer.Ordinal).ToList();
        var items = new List<object>();
        for (var y = 0; y < rows.Count; y++)
        {
            for (var x = 0; x < columns.Count; x++)
            {
                if (rows[y].Group.Concerns.FirstOrDefault(c => c.Concern == columns[x]) is not { } figure) continue;
                items.Add(new
                {
                    value = new object[] { x, y, figure.Lift ?? 1, Math.Round(figure.Share * 100, figure.Share < 0.01 ? 1 : 0) },
                    id = rows[y].Addressable ? $"{y}:{x}" : null,
                    tooltip = Tooltip(report, rows[y], figure),
                });
            }
        }
        var name = general ? "concerns-general" : "concerns-needs";
        var option = new
        {
            tooltip = new { trigger = "item", fromItem = true, confine = true },
            grid = new { left = 8, right = 12, top = 8, bottom = 48, containLabel = true },
            xAxis = new { type = "category", position = "top", data = columns, axisLabel = new { rotate = 45, interval = 0 }, splitArea = new { show = true } },
            yAxis = new
            {
                type = "category", inverse = true, data = rows.Select(r => r.Label).ToArray(),
                axisLabel = new { interval = 0 }, splitArea = new { show = true },
            },
            visualMap = new
            {
                type = "piecewise", dimension = 2, orient = "horizontal", left = "center", bottom = 0, pieces = Pieces,
                text = new[] { "", "lift:" }, itemWidth = 14, itemHeight = 10, textStyle = new { fontSize = 11 },
            },
            series = new object[]
            {
                new
                {
                    type = "heatmap", name, data = items,
                    label = new { show = true, formatter = "{@[3]}", fontSize = 10, color = "#222" },
                    itemStyle = new { borderColor = "#fff", borderWidth = 1 },
                    emphasis = new { itemStyle = new { borderColor = "#333", borderWidth = 2 } },
                },
            },
        };
        return new ConcernMap(name, general ? "Concerns in general (price, quality, ...)" : "Needs",
            (general
                ? "What everybody says (price, quality, delivery, service, ...), kept apart from the needs: they explain little about a group. "
                : "The deeper needs of each group. ")
            + "A cell is the % of the group's customers who raised the concern (blank: nobody did), coloured by its lift: the share over the whole base's. "
            + "Hover for the counts and the trend; click for what they said.",
            columns, option, 140 + 26 * rows.Count, 190 + 40 * columns.Count);
    }

    private static string Tooltip(ConcernReport report, ConcernMapRow row, ConcernFigure figure)
    {
        var culture = CultureInfo.InvariantCulture;
        var e = HtmlEncoder.Default;
        var trend = figure.ChangePoints is { } change
            ? string.Format(culture, "{0} since {1:yyyy-MM-dd} (then {2:P1})", change.ToString("+0.0' pp';−0.0' pp';0.0' pp'", culture), report.PreviousAsOf, figure.PreviousShare)
            : report.PreviousAsOf is null ? "no previous analysis" : "no customers in the previous analysis";
        return string.Format(culture,
            "<b>{0}</b> ({1:N0} customers)<br/>{2} ({3})<br/>{4:N0} customers raised it ({5:P1}), {6:N0} interactions<br/>lift {7} against the base<br/>trend: {8}",
            e.Encode(row.Full), row.Group.Customers, e.Encode(figure.Concern), figure.General ? "a concern in general" : "a need",
            figure.Customers, figure.Share, figure.Interactions, figure.Lift?.ToString("0.00", culture) ?? "–", e.Encode(trend));
    }
}
