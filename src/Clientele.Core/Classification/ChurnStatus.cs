using System.Globalization;
using System.Text;

namespace Clientele.Classification;

/// <summary>
/// Churn status (DOMAIN.md, article 001): active, at-risk, lapsed or lost, and the reason seen before a customer
/// left. With a model the status is P(alive) against <see cref="ChurnStatusOptions.ActiveFrom"/>,
/// <see cref="ChurnStatusOptions.AtRiskFrom"/> and <see cref="ChurnStatusOptions.LapsedFrom"/>, an active customer whose
/// P(alive) fell by more than <see cref="ChurnStatusOptions.TrendDrop"/> over the trend lag moving to at-risk. Where a
/// buyer has no P(alive) (no model could be fitted) the days since the last purchase are counted in the customer's own
/// mean gaps between purchase days (the base's typical gap with too few repeats). The reason comes from the signals of
/// the churn window: the most frequent complaint tag (mapped by <see cref="ChurnReasons"/>), else returns (quality),
/// else a service cost far above the base's (service); "unknown" without a signal.
/// </summary>
public static class ChurnStatus
{
    /// <summary>Likely still buying.</summary>
    public const string Active = "active";

    /// <summary>Still likely alive, but slipping (P(alive) middling or falling).</summary>
    public const string AtRisk = "at-risk";

    /// <summary>Probably gone, perhaps recoverable.</summary>
    public const string Lapsed = "lapsed";

    /// <summary>Almost surely gone.</summary>
    public const string Lost = "lost";

    /// <summary>The statuses, from the best to the worst.</summary>
    public static readonly IReadOnlyList<string> Classes = [Active, AtRisk, Lapsed, Lost];

    /// <summary>The statuses of a relationship still alive: active and at-risk (lapsed and lost call for a win-back, not a follow-up).</summary>
    public static readonly IReadOnlyList<string> Live = [Active, AtRisk];

    /// <summary>The classes that say the relationship has ended, for now or for good: lapsed and lost.</summary>
    public static readonly IReadOnlyList<string> Ended = [Lapsed, Lost];

    /// <summary>The dimension's declaration: its name, title, classes and playbook (<see cref="DimensionDeclaration"/>).</summary>
    public static readonly DimensionDeclaration Declaration = new(Dimensions.ChurnStatus, "Churn status")
    {
        Classes = Classes,
        Ranking = DimensionRanking.BestFirst,
        Playbook = new Dictionary<string, string>
        {
            [Active] = "Nothing urgent: keep the rhythm.",
            [AtRisk] = "Reach out now: check satisfaction and fix open issues.",
            [Lapsed] = "Win back: a reason to return, and a personal call where their value warrants one.",
            [Lost] = "Learn why they left; win back only where the reason can be fixed.",
        },
        Routine = new HashSet<string> { Active },
        Reason = new ReasonDeclaration(
            [
                new ReasonFigure("churn_status_days_since", "days since the last purchase, where the status came from the rule (no P(alive))", (r, i) => r.Churn.DaysSinceLast[i]),
                new ReasonFigure("churn_status_gap_days", "the expected gap between purchases in days, where the status came from the rule", (r, i) => r.Churn.ExpectedGapDays[i]),
                new ReasonFigure("churn_status_own_gap", "1 where that gap is the customer's own mean gap, 0 the base's typical gap", (r, i) => r.Churn.OwnGap[i]),
            ],
            StatusReason),
    };

    /// <summary>Classifies every customer of <paramref name="columns"/>: the status and, where it applies, the reason. <see cref="Apply"/> of <see cref="Learn"/>.</summary>
    public static ChurnResult Classify(CustomerColumns columns, CustomerScores scores, ChurnStatusOptions options) =>
        Apply(Learn(columns), columns, scores, options);

    /// <summary>The base's typical gap between purchase days and its median service cost in the churn window.</summary>
    public static ChurnStatusContext Learn(CustomerColumns columns) =>
        new(PurchaseRhythm.TypicalGap(columns.Summary), MedianPositive(columns.RecentServiceCost));

    /// <summary>
    /// Classifies the customers <paramref name="customers"/> (indices into <paramref name="columns"/>; null for all) from their own
    /// columns and scores and <paramref name="context"/>; the others' entries stay null. The notes count the customers classified.
    /// </summary>
    public static ChurnResult Apply(ChurnStatusContext context, CustomerColumns columns, CustomerScores scores, ChurnStatusOptions options,
        IReadOnlyList<int>? customers = null)
    {
        var n = columns.Count;
        var s = columns.Summary;
        var status = new string?[n];
        var (daysSince, gapDays, ownGap) = (NaNs(n), NaNs(n), NaNs(n));
        var reason = new string?[n];
        var figures = new double[n * ChurnReasons.FigureCount];
        Array.Fill(figures, double.NaN);
        var tags = new string?[n];
        var rhythm = PurchaseRhythm.With(s, options.OwnGapMinRepeats, context.TypicalGapDays);
        var typicalServiceCost = context.TypicalServiceCost;
        var mapped = new Dictionary<string, string>(StringComparer.Ordinal);
        int byModel = 0, byRule = 0, undecided = 0, unrecognised = 0;

        var count = customers?.Count ?? n;
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            if (!columns.HasBought(i)) continue;

            var p = scores.ProbabilityAlive[i];
            string? cls;
            if (!double.IsNaN(p))
            {
                byModel++;
                cls = ByModel(p, scores.ProbabilityAlivePrevious[i], options);
            }
            else
            {
                (daysSince[i], gapDays[i], ownGap[i]) = (rhythm.DaysSinceLast(i), rhythm.ExpectedGapDays(i), rhythm.UsesOwnGap(i) ? 1 : 0);
                cls = ByRule(daysSince[i], gapDays[i], options);
                byRule += cls is null ? 0 : 1;
                undecided += cls is null ? 1 : 0;
            }

            status[i] = cls;
            var f = figures.AsSpan(i * ChurnReasons.FigureCount, ChurnReasons.FigureCount);
            if (cls is null) continue;
            f[0] = IndexOf(cls);
            if (cls == Active) continue;
            (f[1], f[2], f[3], f[4]) = (columns.RecentComplaints[i], columns.RecentLowScores[i], columns.RecentReturns[i], columns.RecentServiceCost[i]);
            tags[i] = columns.RecentComplaintTag[i];
            reason[i] = Reason(tags[i], f, cls, typicalServiceCost, options, mapped, ref unrecognised);
        }

        var statusNotes = new List<string>();
        if (byRule > 0)
            statusNotes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{byRule:N0} buyers without P(alive): days since the last purchase in expected gaps (own mean gap from {options.OwnGapMinRepeats} repeats, else the base's typical gap of {Days(rhythm.TypicalGapDays)} days); active ≤ {options.ActiveWithinGaps:0.#}, at-risk ≤ {options.AtRiskWithinGaps:0.#}, lapsed ≤ {options.LapsedWithinGaps:0.#} gaps."));
        if (undecided > 0)
            statusNotes.Add(string.Create(CultureInfo.InvariantCulture, $"{undecided:N0} buyers have no churn status: the data has no repeat history to model (no model could be fitted and no customer has bought on two different days)."));
        var method = byRule == 0 && undecided == 0
            ? $"model: P(alive) and its {scores.TrendDays.ToString("0", CultureInfo.InvariantCulture)}-day trend ({scores.Method})"
            : byModel == 0
                ? "rules: no model could be fitted; days since the last purchase against the customer's own mean gap between purchases"
                : $"model: P(alive) and its trend ({scores.Method}); rules for buyers without P(alive)";
        var reasonNotes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"signals of the churn window ({options.SignalWindowDays:N0} days before the last purchase to the as-of date): complaint tag, then returns (quality), then service cost ≥ {options.HighServiceCostMultiple:0.#} × the base's median of {typicalServiceCost:N0} (service)."),
        };
        if (unrecognised > 0)
            reasonNotes.Add(string.Create(CultureInfo.InvariantCulture, $"{unrecognised:N0} customers' complaint tags match no reason (shown as unknown with the tag); add them to ChurnReasons.Synonyms."));
        return new ChurnResult(
            new DimensionResult(Dimensions.ChurnStatus, status, [], method) { Notes = statusNotes },
            new DimensionResult(Dimensions.ChurnReason, reason, [], "rules: the churn window's complaint tags, returns and service cost")
            {
                Notes = reasonNotes,
                Figures = figures,
                FigureTexts = tags,
            })
        {
            DaysSinceLast = daysSince,
            ExpectedGapDays = gapDays,
            OwnGap = ownGap,
        };
    }

    /// <summary>
    /// Customers per segment and reason, for the customers with a reason: segment (null as "(none)"), reason, count;
    /// ordered by segment, then by count descending, then by reason.
    /// </summary>
    public static IReadOnlyList<(string Segment, string Reason, int Customers)> ReasonsBySegment(string?[] segment, DimensionResult reason)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(segment.Length, reason.Class.Length, nameof(segment));
        var counts = new Dictionary<(string, string), int>();
        for (var i = 0; i < segment.Length; i++)
        {
            if (reason.Class[i] is not { } r) continue;
            var key = (segment[i] ?? "(none)", r);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return [.. counts
            .Select(c => (Segment: c.Key.Item1, Reason: c.Key.Item2, Customers: c.Value))
            .OrderBy(c => c.Segment, StringComparer.Ordinal)
            .ThenByDescending(c => c.Customers)
            .ThenBy(c => c.Reason, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Why a customer has its churn status: P(alive) against the class's bounds (and its trend), or, without P(alive), the days
    /// since the last purchase in expected gaps; for a party that has not bought, that it has not. A pure function of the stored
    /// figures (<see cref="Declaration"/>) and the options: the status it states is the one they give.
    /// </summary>
    public static string StatusReason(string? @class, ReasonRow row, ReasonContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return StatusReason(row, context.Options.Churn, context.TrendDays);
    }

    /// <summary>The reason of <see cref="StatusReason(string?, ReasonRow, ReasonContext)"/> from the row, the options and the trend lag (days).</summary>
    public static string StatusReason(ReasonRow row, ChurnStatusOptions options, double trendDays)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(options);
        if (!row.HasBought) return "n/a: has not bought";
        var sb = new StringBuilder(200);
        if (!double.IsNaN(row.ProbabilityAlive)) ByModelText(row.ProbabilityAlive, row.ProbabilityAlivePrevious, trendDays, options, sb);
        else ByRuleText(row.Figures[0], row.Figures[1], row.Figures[2] == 1, options, sb);
        return sb.ToString();
    }

    private static string ByModel(double p, double previous, ChurnStatusOptions o)
    {
        var drop = double.IsNaN(previous) ? 0 : previous - p;
        return p >= o.ActiveFrom ? (drop > o.TrendDrop ? AtRisk : Active)
            : p >= o.AtRiskFrom ? AtRisk
            : p >= o.LapsedFrom ? Lapsed
            : Lost;
    }

    private static void ByModelText(double p, double previous, double trendDays, ChurnStatusOptions o, StringBuilder sb)
    {
        var drop = double.IsNaN(previous) ? 0 : previous - p;
        var cls = ByModel(p, previous, o);
        var days = trendDays.ToString("0", CultureInfo.InvariantCulture);
        if (cls == AtRisk && p >= o.ActiveFrom)
        {
            var t = Internal.ValueText.Together(2, [p, o.ActiveFrom, previous, o.TrendDrop], r => r[0] >= r[1] && r[2] - r[0] > r[3]);
            sb.Append(cls).Append(": P(alive) ").Append(t[0]).Append(" ≥ ").Append(t[1]).Append(" but fell from ").Append(t[2]).Append(" in ")
              .Append(days).Append(" days (by more than ").Append(t[3]).Append(')');
            return;
        }

        // The bounds of the class the reason states, printed with enough decimals to read true.
        var (lo, hi) = cls switch
        {
            Active => (o.ActiveFrom, double.NaN),
            AtRisk => (o.AtRiskFrom, o.ActiveFrom),
            Lapsed => (o.LapsedFrom, o.AtRiskFrom),
            _ => (double.NaN, o.LapsedFrom),
        };
        var f = Internal.ValueText.Together(2, [p, double.IsNaN(lo) ? 0 : lo, double.IsNaN(hi) ? 1 : hi, double.IsNaN(previous) ? p : previous],
            r => (double.IsNaN(lo) || r[0] >= r[1]) && (double.IsNaN(hi) || r[0] < r[2]) && (double.IsNaN(previous) || Math.Abs(drop) < 0.005 || r[3] != r[0]));
        sb.Append(cls).Append(": P(alive) ").Append(f[0]);
        if (cls == Active) sb.Append(" ≥ ").Append(f[1]);
        else if (cls == Lost) sb.Append(" < ").Append(f[2]);
        else sb.Append(" in [").Append(f[1]).Append(", ").Append(f[2]).Append(')');
        if (!double.IsNaN(previous) && Math.Abs(drop) >= 0.005)
            sb.Append(drop > 0 ? ", down from " : ", up from ").Append(f[3]).Append(' ').Append(days).Append(" days before");
    }

    private static string? ByRule(double since, double gap, ChurnStatusOptions o)
    {
        if (double.IsNaN(gap)) return null;
        var gaps = since / gap;
        return gaps <= o.ActiveWithinGaps ? Active : gaps <= o.AtRiskWithinGaps ? AtRisk : gaps <= o.LapsedWithinGaps ? Lapsed : Lost;
    }

    private static void ByRuleText(double since, double gap, bool ownGap, ChurnStatusOptions o, StringBuilder sb)
    {
        if (double.IsNaN(gap))
        {
            sb.Append("n/a: no repeat history to model churn: no customer has bought on two different days (as when each order totals a period), so ")
              .Append(N0(since)).Append(" days without buying cannot be compared with a usual gap");
            return;
        }

        var gaps = since / gap;
        var cls = ByRule(since, gap, o);
        var limit = cls switch
        {
            Active => o.ActiveWithinGaps,
            AtRisk => o.AtRiskWithinGaps,
            _ => o.LapsedWithinGaps,
        };
        var (gapsText, limitText) = GapsText(gaps, limit);
        sb.Append(cls).Append(": last purchase ").Append(N0(since)).Append(" days ago = ")
          .Append(gapsText).Append(cls == Lost ? " > " : " ≤ ")
          .Append(limitText).Append(" gaps of ").Append(GapDays(gap))
          .Append(ownGap ? " days (own mean gap)" : " days (the base's typical gap)");
    }

    private static double[] NaNs(int n)
    {
        var values = new double[n];
        Array.Fill(values, double.NaN);
        return values;
    }

    /// <summary>The gaps and the limit they are compared with, with one decimal or more where one would not read true.</summary>
    private static (string Gaps, string Limit) GapsText(double gaps, double limit)
    {
        var f = Internal.ValueText.Together(1, [gaps, limit], r => gaps > limit ? r[0] > r[1] : r[0] <= r[1]);
        return (f[0], f[1]);
    }

    /// <summary>The churn reason of a status (null where there is none: no status, active, at-risk without warning signs), from the window's figures.</summary>
    private static string? Reason(string? tag, ReadOnlySpan<double> f, string status, double typicalServiceCost, ChurnStatusOptions o,
        Dictionary<string, string> mapped, ref int unrecognised)
    {
        if (!string.IsNullOrWhiteSpace(tag))
        {
            if (!mapped.TryGetValue(tag, out var reason))
            {
                reason = ChurnReasons.Map(tag);
                mapped[tag] = reason;
            }
            if (reason == ChurnReasons.Unknown && !ChurnReasons.IsRecognised(tag)) unrecognised++;
            return reason;
        }
        var (complaints, lowScores, returns, cost) = (f[1], f[2], f[3], f[4]);
        if (returns > 0) return ChurnReasons.Quality;
        if (typicalServiceCost > 0 && cost >= o.HighServiceCostMultiple * typicalServiceCost) return ChurnReasons.Service;
        if (status == AtRisk && lowScores == 0 && complaints == 0) return null;
        return ChurnReasons.Unknown;
    }

    /// <summary>
    /// Why a customer has its churn reason (or none), from the figures stored for it (<see cref="ChurnReasons.Declaration"/>): the
    /// complaint tag, returns or service cost of the churn window that decided it, and the window's counts; for a customer without
    /// a status, an active one or one that has not bought, why there is none. A pure function of the row, the base's typical
    /// service cost (the context's) and the options.
    /// </summary>
    public static string ReasonText(ReasonRow row, double typicalServiceCost, ChurnStatusOptions o)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(o);
        if (!row.HasBought) return "n/a: has not bought";
        var f = row.Figures;
        if (double.IsNaN(f[0]) || f[0] == 0) return double.IsNaN(f[0]) ? "n/a: no churn status" : "n/a: active";
        var status = Classes[(int)f[0]];
        var tag = row.Texts[5];
        var (complaints, lowScores, returns, cost) = (f[1], f[2], f[3], f[4]);
        var highCost = typicalServiceCost > 0 && cost >= o.HighServiceCostMultiple * typicalServiceCost;
        var sb = new StringBuilder(200);
        if (!string.IsNullOrWhiteSpace(tag))
        {
            var reason = ChurnReasons.Map(tag);
            sb.Append(reason);
            if (reason == ChurnReasons.Unknown && !ChurnReasons.IsRecognised(tag)) sb.Append(": complaint tag \"").Append(tag).Append("\" matches no reason");
            else sb.Append(": complaint tag \"").Append(tag).Append('"');
        }
        else if (returns > 0)
        {
            sb.Append(ChurnReasons.Quality).Append(": ").Append(N0(returns)).Append(returns == 1 ? " return" : " returns").Append(" (returns point to quality or delivery)");
        }
        else if (highCost)
        {
            sb.Append(ChurnReasons.Service).Append(": service cost ").Append(N0(cost)).Append(" ≥ ")
              .Append(o.HighServiceCostMultiple.ToString("0.#", CultureInfo.InvariantCulture)).Append(" × the typical ").Append(N0(typicalServiceCost));
        }
        else if (status == AtRisk && lowScores == 0 && complaints == 0)
        {
            return "n/a: at-risk without warning signs";
        }
        else
        {
            sb.Append(ChurnReasons.Unknown).Append(lowScores > 0 || complaints > 0 ? ": no tag, return or service cost points to a cause" : ": no signal in the churn window");
        }

        sb.Append(" (window: ").Append(N0(complaints)).Append(complaints == 1 ? " complaint, " : " complaints, ")
          .Append(N0(lowScores)).Append(lowScores == 1 ? " low score, " : " low scores, ")
          .Append(N0(returns)).Append(returns == 1 ? " return, " : " returns, ")
          .Append("service cost ").Append(N0(cost)).Append(')');
        return sb.ToString();
    }

    private static int IndexOf(string status)
    {
        for (var k = 0; k < Classes.Count; k++)
            if (Classes[k] == status) return k;
        throw new ArgumentException($"'{status}' is not a churn status.", nameof(status));
    }

    private static double MedianPositive(double[] values)
    {
        var positive = new List<double>();
        foreach (var v in values)
            if (v > 0) positive.Add(v);
        if (positive.Count == 0) return 0;
        positive.Sort();
        var mid = positive.Count / 2;
        return positive.Count % 2 == 1 ? positive[mid] : (positive[mid - 1] + positive[mid]) / 2;
    }

    private static string N0(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string P2(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Days(double days) => double.IsNaN(days) ? "n/a" : days.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A gap in days with a decimal where whole days would not divide into the gaps printed beside it (15 days = 2.9 gaps of 5.2 days, not of 5).</summary>
    private static string GapDays(double days) =>
        double.IsNaN(days) ? "n/a" : days.ToString(Math.Abs(days - Math.Round(days)) < 0.05 ? "N0" : "N1", CultureInfo.InvariantCulture);
}
