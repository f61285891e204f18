using System.Text;
using Clientele.Classification;
using Clientele.Shell;
using Clientele.Storage.Snapshots;
using static Clientele.Storage.Report.ReportHtml;

namespace Clientele.Storage.Report;

/// <summary>The five parts of the report, each written into the page in turn.</summary>
internal sealed class ReportSections(ManagerReport report, StringBuilder html)
{
    private string Count(double value) => report.Money.Number(value);

    private string Amount(double? value) => report.Money.Amount(value);

    /// <summary>A share as a percentage with one decimal; a share above zero too small for it is "under 0.1 %", never "0.0 %" (11 of CDNOW's 23,570).</summary>
    private string Percent(double? share) => share switch
    {
        null => "–",
        > 0 and < 0.0005 => "under\u00A0" + report.Money.Number(0.1, 1) + "\u00A0%", // no "<": the text goes into the page unescaped
        { } s => report.Money.Number(s * 100, 1) + "\u00A0%",
    };

    private string Unit => report.Money.Currency ?? "the workspace's money unit";

    private string ValueSource => $"past net value + future net value {report.ScoresSource}";

    public void WriteAll()
    {
        Headline();
        WhoOurCustomersAre();
        WhereTheValueIs();
        WhatChanged();
        WhatPeopleCareAbout();
        WhatToDoNext();
    }

    private void Headline()
    {
        var c = report.Concentration;
        html.Append("<div class=\"headline\">");
        Figure(Count(report.Customers), "customers in the analysis");
        Figure(Count(c.Customers), "actual customers (with a value class)");
        Figure(Amount(c.TotalValue), $"value of the actual customers ({Unit})");
        Figure(Percent(c.Top20Share), "of the value held by the top 20 %");
        html.Append("</div>");
        Caption($"Total value: the sum over actual customers of {ValueSource}.");
    }

    private void Figure(string figure, string label) => html.Append($"<div class=\"figure\"><b>{E(figure)}</b><span>{E(label)}</span></div>");

    private void Caption(string text) => html.Append($"<p class=\"caption\">{E(text)}</p>\n");

    private void WhoOurCustomersAre()
    {
        html.Append("<section><h2>Who our customers are</h2>\n");
        foreach (var dimension in report.Classes)
        {
            var title = Dimensions.Title(dimension.Dimension);
            html.Append($"<h3>{E(title)}</h3>\n");
            var classes = dimension.Classes.Where(k => k.Class is not null || k.Customers > 0).ToList();
            html.Append(BarChart.Svg($"{title}: customers per class",
                [.. classes.Select(k => new BarChart.Bar(Label(k.Class), k.Customers, $"{Count(k.Customers)} ({Percent(k.Share)})"))]));
            html.Append($"<table><tr><th>class</th><th class=\"n\">customers</th><th class=\"n\">share</th><th class=\"n\">{E(report.Money.Label("total value"))}</th><th class=\"n\">{E(report.Money.Label("mean value"))}</th>");
            if (dimension.PreviousAsOf is not null) html.Append("<th class=\"n\">change in customers</th>");
            html.Append("</tr>\n");
            foreach (var k in classes)
            {
                html.Append($"<tr><td>{E(Label(k.Class))}</td><td class=\"n\">{Count(k.Customers)}</td><td class=\"n\">{Percent(k.Share)}</td><td class=\"n\">{E(Amount(k.TotalValue))}</td><td class=\"n\">{E(Amount(k.MeanValue))}</td>");
                if (dimension.PreviousAsOf is not null) html.Append($"<td class=\"n\">{(k.Growth is { } g ? (g > 0 ? "+" : "") + Count(g) : "–")}</td>");
                html.Append("</tr>\n");
            }
            html.Append("</table>");
            Caption($"Customers: a count of customers (share of all {Count(report.Customers)}). Classes: the classification rules applied to the analysis' scores. Value: {report.Money.Label("money")}, {ValueSource}.");
        }
        StructureMap();
        html.Append("</section>\n");
    }

    private static string Label(string? @class) => @class is null ? "(not applicable)" : Dimensions.ClassTitle(@class);

    private void StructureMap()
    {
        var nodes = report.Segments.Nodes;
        if (nodes.Count == 0) return;
        // The groups under the top two levels (all → organizations / persons) are what a manager plans by: industries and population groups.
        var groups = nodes.Where(n => n.Level == 2).OrderByDescending(n => n.Value).ToList();
        if (groups.Count == 0) groups = [.. nodes.Where(n => n.Level == 1)];
        html.Append("<h3>Structure map: segments</h3>\n");
        html.Append(BarChart.Svg("Value per segment",
            [.. groups.Select(n => new BarChart.Bar(n.Path, n.Value, $"{Amount(n.Value)} · {Count(n.ActualCustomers)} customers"))]));
        Caption($"Value: {report.Money.Label("money")} of the segment's actual customers, {ValueSource}. Customers: counts of customers who have bought. Segments: the structure-map rules (industry → domain for organizations, population group for persons).");
        var targeted = nodes.Where(n => n.TargetCustomers is not null || n.TargetValue is not null).ToList();
        html.Append("<h3>Segments against their targets</h3>\n");
        if (targeted.Count == 0)
        {
            html.Append("<p>No targets are set for this analysis (import them into the targets table).</p>\n");
            return;
        }
        html.Append(BarChart.Svg("Actual customers per targeted segment; the tick is the target",
            [.. targeted.Select(n => new BarChart.Bar(n.Path, n.ActualCustomers,
                n.TargetCustomers is { } t ? $"{Count(n.ActualCustomers)} of {Count(t)} customers" : Count(n.ActualCustomers), n.TargetCustomers))]));
        html.Append($"<table><tr><th>segment</th><th class=\"n\">customers</th><th class=\"n\">target</th><th class=\"n\">reached</th><th class=\"n\">{E(report.Money.Label("value"))}</th><th class=\"n\">{E(report.Money.Label("target"))}</th><th class=\"n\">reached</th><th class=\"n\">due</th></tr>\n");
        foreach (var n in targeted)
        {
            html.Append($"<tr><td>{E(n.Path)}{(n.TargetOnly ? " (target only)" : "")}</td><td class=\"n\">{Count(n.ActualCustomers)}</td>");
            html.Append($"<td class=\"n\">{(n.TargetCustomers is { } tc ? Count(tc) : "–")}</td><td class=\"n\">{Percent(n.TargetCustomers is { } c && c > 0 ? n.ActualCustomers / c : null)}</td>");
            html.Append($"<td class=\"n\">{E(Amount(n.Value))}</td><td class=\"n\">{E(Amount(n.TargetValue))}</td><td class=\"n\">{Percent(n.TargetValue is { } v && v != 0 ? n.Value / v : null)}</td>");
            html.Append($"<td class=\"n\">{(n.TargetDueAt is { } due ? Day(due) : "")}</td></tr>\n");
        }
        html.Append("</table>");
        Caption($"Customers: counts of customers who have bought; value: {report.Money.Label("money")}, {ValueSource}; targets: as imported into the targets table; reached: actual / target in percent.");
    }

    private void WhereTheValueIs()
    {
        var c = report.Concentration;
        html.Append("<section><h2>Where the value is</h2>\n");
        html.Append(BarChart.Svg("Share of the total value held by the most valuable customers",
        [
            new($"top 5 % ({Count(c.Top5Customers)} customers)", (c.Top5Share ?? 0) * 100, $"{Percent(c.Top5Share)} · {Amount(c.Top5Value)}"),
            new($"top 20 % ({Count(c.Top20Customers)} customers)", (c.Top20Share ?? 0) * 100, $"{Percent(c.Top20Share)} · {Amount(c.Top20Value)}"),
            new($"all {Count(c.Customers)} customers", c.TotalValue == 0 ? 0 : 100, $"100 % · {Amount(c.TotalValue)}"),
        ]));
        Caption($"Share: percent of the total value of the {Count(c.Customers)} actual customers; amounts in {Unit}. Value: {ValueSource}.");
        html.Append("<h3>Full value: with referrals and influence</h3>\n");
        html.Append(BarChart.Svg("Full value and its parts",
        [
            new("own value", c.TotalValue, Amount(c.TotalValue)),
            new("+ referral value", c.ReferralValue, Amount(c.ReferralValue)),
            new("+ influence value", c.InfluenceValue, Amount(c.InfluenceValue)),
            new("= full value", c.FullValue, Amount(c.FullValue)),
        ]));
        Caption($"Amounts in {Unit}. Referral value: the value of the customers they referred; influence value: the value of the purchases they drew (both from the referrals and interactions, future value {report.ScoresSource}).");
        html.Append("</section>\n");
    }

    private void WhatChanged()
    {
        html.Append("<section><h2>What changed since the previous analysis</h2>\n");
        if (report.PreviousAsOf is not { } previous)
        {
            html.Append("<p>This is the first analysis of the workspace; run `clientele analyze` again later (or with an earlier --as-of) to see movements.</p></section>\n");
            return;
        }
        html.Append($"<p>From the analysis as of {Day(previous)} to the one as of {Day(report.AsOf)}, customers in both.</p>\n");
        html.Append("<table><tr><th>dimension</th><th class=\"n\">moved up</th><th class=\"n\">stayed</th><th class=\"n\">moved down</th><th class=\"n\">new</th><th class=\"n\">gone</th></tr>\n");
        foreach (var m in report.Movements)
        {
            long up = 0, same = 0, down = 0;
            foreach (var cell in m.Matrix)
            {
                var from = DimensionClasses.Standing(m.Dimension, cell.From);
                var to = DimensionClasses.Standing(m.Dimension, cell.To);
                if (from is null || to is null) { if (cell.From == cell.To) same += cell.Customers; continue; }
                if (to > from) up += cell.Customers;
                else if (to < from) down += cell.Customers;
                else same += cell.Customers;
            }
            html.Append($"<tr><td>{E(Dimensions.Title(m.Dimension))}</td><td class=\"n\">{Count(up)}</td><td class=\"n\">{Count(same)}</td><td class=\"n\">{Count(down)}</td><td class=\"n\">{Count(m.Appeared.Sum(a => a.Customers))}</td><td class=\"n\">{Count(m.Disappeared.Sum(a => a.Customers))}</td></tr>\n");
        }
        html.Append("</table>");
        Caption("Customers: counts. Up and down by the order of each ranked dimension's classes (the classification rules on each analysis' scores); moves to or from no class count as neither.");
        foreach (var m in report.Movements.Where(m => m.MovedDown is { Count: > 0 }))
        {
            html.Append($"<h3>{E(Dimensions.Title(m.Dimension))}: the most valuable who moved down ({Count(m.MovedDown!.Count)} of {Count(m.MovedDownCount)})</h3>\n");
            html.Append($"<table><tr><th>customer</th><th>from</th><th>to</th><th class=\"n\">{E(report.Money.Label("value"))}</th><th>why</th></tr>\n");
            foreach (var c in m.MovedDown!)
                html.Append($"<tr><td>{E(c.Name ?? c.CustomerId)}</td><td>{E(Label(c.From))}</td><td>{E(Label(c.To))}</td><td class=\"n\">{E(Amount(c.Value))}</td><td>{E(c.Reason)}</td></tr>\n");
            html.Append("</table>");
            Caption($"Value: {report.Money.Label("money")}, {ValueSource}, in the later analysis. Why: the reason the classification rules give for the new class.");
        }
        var reasons = report.ChurnReasons.Classes.Where(k => k.Class is not null && k.Customers > 0).ToList();
        if (reasons.Count > 0)
        {
            html.Append("<h3>Why customers lapsed or were lost</h3>\n");
            html.Append(BarChart.Svg("Lapsed and lost customers per churn reason",
                [.. reasons.Select(k => new BarChart.Bar(Label(k.Class), k.Customers, $"{Count(k.Customers)} · {Amount(k.TotalValue)}"))]));
            Caption($"Customers: counts of lapsed and lost customers per reason (from their complaints and interactions, by the churn-reason rules); amounts: their value in {Unit}.");
        }
        html.Append("</section>\n");
    }

    private void WhatPeopleCareAbout()
    {
        var concerns = report.Concerns;
        html.Append("<section><h2>What people care about</h2>\n");
        if (concerns.WhyNone() is { } none)
        {
            html.Append($"<p data-testid=\"no-concerns\">{E(none)}</p></section>\n");
            return;
        }
        html.Append($"<p>{Count(concerns.Base.RaisingAny)} of {Count(concerns.Base.Customers)} customers raised at least one concern in their interactions of kind {E(string.Join(", ", concerns.KindsRead))} up to {Day(concerns.AsOf)}.</p>\n");
        var source = "Concerns: each interaction's tag, or its text by the keyword rule of the options file (concerns), a rule, not a model. ";
        var trend = concerns.PreviousAsOf is { } previous
            ? $"Trend: the change of the share in percentage points (pp) since the analysis as of {Day(previous)}."
            : "No previous analysis, so no trend.";
        foreach (var general in new[] { false, true })
        {
            var top = concerns.Base.Concerns.Where(c => c.General == general).Take(ManagerReport.ConcernsShown).ToList();
            if (top.Count == 0) continue;
            html.Append($"<h3>{(general ? "Concerns in general (price, quality, ...)" : "The needs of the whole base")}</h3>\n");
            html.Append(BarChart.Svg(general ? "Concerns in general: share of all customers raising each" : "Needs: share of all customers raising each",
                [.. top.Select(c => new BarChart.Bar(c.Concern, c.Share * 100, $"{Percent(c.Share)} · {Count(c.Customers)} customers{Points(c.ChangePoints, " · ")}"))]));
        }
        Caption($"Share: percent of all {Count(concerns.Base.Customers)} customers who raised it at least once; customers: counts. Needs and concerns in general (price, quality, delivery, service, ...) are ranked apart: the latter are said by everybody and explain little. {source}{trend}");

        var standing = concerns.Groups.Where(g => g.Class is not null)
            .SelectMany(g => g.Concerns.Where(c => !c.General && c.Customers >= ManagerReport.StandingOutMinimum && c.Lift > 1).Select(c => (Group: g, Figure: c)))
            .OrderByDescending(x => x.Figure.Lift).ThenBy(x => x.Group.Class, StringComparer.Ordinal).Take(ManagerReport.StandingOutShown).ToList();
        if (standing.Count > 0)
        {
            html.Append("<h3>Where a need stands out</h3>\n");
            html.Append("<table><tr><th>segment</th><th>need</th><th class=\"n\">customers raising it</th><th class=\"n\">share</th><th class=\"n\">lift</th><th class=\"n\">trend</th></tr>\n");
            foreach (var (group, f) in standing)
                html.Append($"<tr><td>{E(group.Class)}</td><td>{E(f.Concern)}</td><td class=\"n\">{Count(f.Customers)} of {Count(group.Customers)}</td><td class=\"n\">{Percent(f.Share)}</td><td class=\"n\">{report.Money.Number(f.Lift!.Value, 1)}×</td><td class=\"n\">{E(Points(f.ChangePoints, "") is { Length: > 0 } t ? t : "–")}</td></tr>\n");
            html.Append("</table>");
            Caption($"The segments of the structure map whose customers raise a need more often than the whole base (lift above 1), highest lift first, among needs raised by at least {ManagerReport.StandingOutMinimum} of the segment's customers. Share: percent of the segment's customers; lift: that share over the whole base's share (2× is twice as often). Concerns and trend as above.");
        }
        else
        {
            html.Append($"<p>No need stands out in a segment of the structure map: none is raised by {ManagerReport.StandingOutMinimum} or more of a segment's customers more often than by the whole base (fewer are too few to tell).</p>\n");
        }

        var byStatus = report.ConcernsByChurnStatus;
        var lost = byStatus.Groups.FirstOrDefault(g => g.Class == "lost");
        var active = byStatus.Groups.FirstOrDefault(g => g.Class == "active");
        if (lost is { Concerns.Count: > 0 } && active is not null)
        {
            html.Append("<h3>What lost customers raised before they left, beside active customers</h3>\n");
            html.Append($"<table><tr><th>concern</th><th>kind</th><th class=\"n\">lost ({Count(lost.Customers)})</th><th class=\"n\">active ({Count(active.Customers)})</th><th class=\"n\">lost ÷ active</th><th class=\"n\">trend (lost)</th></tr>\n");
            foreach (var f in lost.Concerns.Where(c => !c.General).Take(ManagerReport.ConcernsShown).Concat(lost.Concerns.Where(c => c.General).Take(ManagerReport.ConcernsShown)))
            {
                var activeShare = active.Concerns.FirstOrDefault(c => c.Concern == f.Concern)?.Share ?? 0;
                var ratio = activeShare > 0 ? report.Money.Number(f.Share / activeShare, 1) + "×" : "–";
                html.Append($"<tr><td>{E(f.Concern)}</td><td>{(f.General ? "in general" : "need")}</td><td class=\"n\">{Percent(f.Share)}</td><td class=\"n\">{Percent(activeShare)}</td><td class=\"n\">{ratio}</td><td class=\"n\">{E(Points(f.ChangePoints, "") is { Length: > 0 } t ? t : "–")}</td></tr>\n");
            }
            html.Append("</table>");
            Caption($"Share: percent of the lost (or active) customers who raised the concern at least once, with every interaction up to the analysis date, so those before they left. Churn status: the classification rules on the analysis' scores. Concerns and trend as above.");
        }
        else
        {
            html.Append($"<p>{(lost is null || active is null ? "The analysis has no lost or no active customers" : "No lost customer raised a concern")}, so the concerns of lost customers cannot be set beside those of active ones.</p>\n");
        }
        html.Append("</section>\n");
    }

    /// <summary>A change in percentage points with its sign ("+1.2 pp"), after <paramref name="prefix"/>; empty when there is none.</summary>
    private string Points(double? change, string prefix)
    {
        if (change is not { } d) return "";
        var shown = Math.Round(d, 1); // the sign of what is shown: no "−0.0"
        return $"{prefix}{(shown > 0 ? "+" : shown < 0 ? "−" : "")}{report.Money.Number(Math.Abs(shown), 1)} pp";
    }

    private void WhatToDoNext()
    {
        html.Append("<section><h2>What to do next</h2>\n");
        if (report.Actions.Count == 0)
        {
            html.Append("<p>The playbook has no action beyond routine care for this analysis.</p></section>\n");
            return;
        }
        html.Append(BarChart.Svg("Value at stake per action",
            [.. report.Actions.Select(a => new BarChart.Bar($"{Dimensions.ClassTitle(a.Class)} ({Dimensions.Title(a.Dimension)})", a.ValueAtStake, Amount(a.ValueAtStake)))]));
        html.Append($"<table><tr><th class=\"n\">#</th><th>action</th><th>for</th><th class=\"n\">customers</th><th class=\"n\">{E(report.Money.Label("value at stake"))}</th><th>list</th></tr>\n");
        for (var i = 0; i < report.Actions.Count; i++)
        {
            var a = report.Actions[i];
            var listing = report.ActionLists[i];
            var list = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(ActionList.Csv(listing)));
            var label = listing.Rows.Count < listing.Matching ? $"CSV, the {Count(listing.Rows.Count)} most valuable" : "CSV";
            html.Append($"<tr><td class=\"n\">{i + 1}</td><td>{E(a.Action)}</td><td>{E(Dimensions.Title(a.Dimension))}: {E(Dimensions.ClassTitle(a.Class))}</td><td class=\"n\">{Count(a.Customers)}</td><td class=\"n\">{E(Amount(a.ValueAtStake))}</td>");
            html.Append($"<td><a class=\"list\" data-testid=\"list-{E(a.Dimension)}-{E(a.Class)}\" download=\"{E(ActionList.FileName(report.AsOf, a))}\" href=\"data:text/csv;charset=utf-8;base64,{list}\">{E(label)}</a> ");
            html.Append($"<code>clientele customers {E(string.Join(' ', a.Audience.Select(f => "--where " + ShellWord.Quote(f.ToString()))))} --format csv</code></td></tr>\n");
        }
        html.Append("</table>");
        if (ActionAtStake.NoValueAtStake(report.Actions))
            Caption($"Nothing in this analysis predicts a future value ({report.ScoresSource}), so every value at stake is 0 and the actions stand in the order of their numbers of customers, not of what they are worth.");
        Caption($"Value at stake: the sum of the class's future net value in {Unit} ({report.ScoresSource}), minus the cost to serve; a red bar is a loss to stop. A customer holds one class per dimension, so the rows of different dimensions overlap: do not add them up. The list column carries each action's customers inside this file (CSV with the columns of `clientele customers --format csv`, most valuable first, at most {Count(ManagerReport.ListedPerAction)} customers — the command exports the whole list, and is what the paper copy shows).");
        html.Append("</section>\n");
    }
}
