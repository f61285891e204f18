using System.Globalization;
using System.Net;
using System.Text;
using Clientele.Classification;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Report;

/// <summary>
/// Writes a <see cref="ManagerReport"/> as one self-contained HTML page: inline CSS, charts as inline SVG
/// (<see cref="BarChart"/>), no script and no reference to anything outside the file, so it opens offline in any
/// browser and prints to PDF as it is. Every figure's caption states its unit (customers, a share, or money in the
/// workspace's currency) and its source (the classification rules, or the snapshot's scoring method).
/// </summary>
public static class ReportHtml
{
    /// <summary>The page.</summary>
    public static string Write(ManagerReport report)
    {
        var html = new StringBuilder();
        var title = $"Customer report as of {Day(report.AsOf)}";
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{E(title)}</title>
            <style>{Css}</style></head><body>
            <h1>{E(title)}</h1>
            <p class="source">{E(Sources(report))}</p>
            """);
        new ReportSections(report, html).WriteAll();
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static string Sources(ManagerReport report)
    {
        var currency = report.Money.Currency is { } c ? $"Money in {c}" : "Money in the workspace's own unit (no currency set: `clientele currency`)";
        var scores = report.ModelBased ? $"predicted by the model {report.ScoringMethod}" : $"from the rules ({report.ScoringMethod})";
        var previous = report.PreviousAsOf is { } p ? $" Changes are measured against the analysis as of {Day(p)}." : " This is the first analysis: no changes to report yet.";
        return $"{report.Money.Number(report.Customers)} customers. {currency}. Future value and P(alive) are {scores}; classes follow the classification rules on those scores.{previous}";
    }

    internal static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private const string Css = """
        body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;color:#1d2733;max-width:960px;margin:24px auto;padding:0 16px;font-size:14px;line-height:1.45}
        h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;border-bottom:2px solid #2f6f9f;padding-bottom:3px;margin-top:34px;page-break-after:avoid}
        h3{font-size:16px;margin:22px 0 6px;page-break-after:avoid}
        .source,.caption{color:#55606d;font-size:12.5px}.caption{margin:2px 0 10px}
        table{border-collapse:collapse;margin:6px 0 4px;font-size:13px}th,td{padding:3px 10px;border-bottom:1px solid #dde3ea;text-align:left;vertical-align:top}
        th{background:#eef3f8}td.n,th.n{text-align:right;white-space:nowrap}
        .headline{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}.figure{border:1px solid #cfd8e3;border-radius:6px;padding:8px 14px;min-width:150px}
        .figure b{display:block;font-size:22px}.figure span{color:#55606d;font-size:12px}
        svg.chart{display:block;margin:6px 0;font-size:12px}svg.chart text{fill:#1d2733}
        section{page-break-inside:auto}tr{page-break-inside:avoid}
        a.list{font-weight:bold;margin-right:6px}@media print{a.list{display:none}}
        """;
}
