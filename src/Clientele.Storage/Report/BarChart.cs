using System.Globalization;
using System.Net;
using System.Text;

namespace Clientele.Storage.Report;

/// <summary>
/// A horizontal bar chart written as inline SVG, so the report draws it without a script or a network request.
/// Bars are scaled to the largest magnitude among values and targets; a negative value is drawn in red from the
/// same baseline (its label says the sign); a target is a dark tick across the bar's row.
/// </summary>
public static class BarChart
{
    private const int LabelWidth = 260;
    private const int BarArea = 330;
    private const int TextWidth = 240;
    private const int Row = 22;

    /// <summary>One bar: its label, its value (any unit), the value as text, and an optional target in the same unit.</summary>
    public sealed record Bar(string Label, double Value, string Text, double? Target = null);

    /// <summary>The chart as an <c>&lt;svg&gt;</c> element with a title for screen readers; an empty list gives an empty string.</summary>
    public static string Svg(string title, IReadOnlyList<Bar> bars)
    {
        if (bars.Count == 0) return "";
        var max = bars.Select(b => Math.Max(Math.Abs(Finite(b.Value)), Math.Abs(Finite(b.Target ?? 0)))).DefaultIfEmpty(0).Max();
        if (max <= 0) max = 1;
        var width = LabelWidth + BarArea + TextWidth;
        var height = bars.Count * Row + 4;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{WebUtility.HtmlEncode(title)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = i * Row + 2;
            var length = Math.Abs(Finite(bar.Value)) / max * BarArea;
            var fill = bar.Value < 0 ? "#c0392b" : "#2f6f9f";
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{LabelWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\">{WebUtility.HtmlEncode(Shorten(bar.Label))}</text>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{Math.Max(length, 1):0.#}\" height=\"{Row - 8}\" fill=\"{fill}\"/>");
            if (bar.Target is { } target && double.IsFinite(target))
            {
                var x = LabelWidth + Math.Abs(target) / max * BarArea;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<line x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{y}\" y2=\"{y + Row - 2}\" stroke=\"#222\" stroke-width=\"2\"/>");
            }
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{LabelWidth + BarArea + 6}\" y=\"{y + 15}\">{WebUtility.HtmlEncode(bar.Text)}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    private static string Shorten(string label) => label.Length <= 40 ? label : label[..39] + "…";
}
