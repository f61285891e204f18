using Clientele.Classification.Internal;

namespace Clientele.Classification;

/// <summary>
/// Value class of actual customers (DOMAIN.md, article 001): MVC the most valuable (keep close), MGC the most growable
/// (develop), BZC below zero (costs more to serve than it returns: fix the cost or let go), other. Decided in that order of
/// precedence BZC, MVC, MGC. Value is <see cref="CustomerScores.Value"/> (net margin, or revenue without margins).
/// <para>
/// MGC means material, realistic room to grow: only a customer whose churn status is active can be one, and its yearly
/// growth potential is the larger of its <b>headroom</b> — (wallet − yearly revenue) × margin rate × P(alive), the wallet
/// known or estimated from comparable customers — and the <b>predicted growth</b> of the live relationship — (predicted
/// yearly revenue − yearly revenue) × margin rate —, never the absence of last year's purchases (yearly revenue is
/// annualised for customers known less than a year). The potential must be material (at least
/// <see cref="ValueClassOptions.MinimumGrowthShare"/> of the median active customer's yearly value) and among the top
/// <see cref="ValueClassOptions.MgcShare"/> of the active customers left after BZC and MVC. Where the data supports no MGC
/// (no active customer: no model and no repeat history), there are none and the notes say why.
/// </para>
/// Manual overrides are applied elsewhere. Parties who have not bought get no class.
/// </summary>
public static class ValueClass
{
    /// <summary>The classes.</summary>
    public static readonly IReadOnlyList<string> Classes = ["MVC", "MGC", "BZC", "other"];

    /// <summary>The dimension's declaration: its name, title, classes and playbook (<see cref="DimensionDeclaration"/>).</summary>
    public static readonly DimensionDeclaration Declaration = new(Dimensions.ValueClass, "Value class")
    {
        Classes = Classes,
        Playbook = new Dictionary<string, string>
        {
            ["MVC"] = "Keep close: retention first, a senior contact, no price games.",
            ["MGC"] = "Develop: win more of their wallet with cross-sell and upgrades.",
            ["BZC"] = "Fix the cost to serve (self-service, minimum order, fees) or let go, unless kept on purpose (record an override with the reason).",
            ["other"] = "Standard service.",
        },
        Routine = new HashSet<string> { "other" },
        // Retention and a senior contact (MVC), standard service (other): for a lapsed or lost customer the churn status's win-back
        // comes first. A BZC's cost to serve is fixed whatever its status; an MGC is active by its own rule.
        NotForEndedRelationships = new HashSet<string> { "MVC", "other" },
        Reason = new ReasonDeclaration(
            [
                Figure("value_class_churn_status", "the churn status the value class saw, as its position among ChurnStatus.Classes (null for none)", FChurnStatus),
                Figure("value_class_returns", "a BZC's returned orders", FReturns),
                Figure("value_class_return_margin", "a BZC's margin (or revenue) lost to returns", FReturnMargin),
                Figure("value_class_potential", "yearly growth potential", FPotential),
                Figure("value_class_headroom", "the headroom to the wallet, × margin rate and P(alive)", FHeadroom),
                Figure("value_class_wallet", "the wallet, known or estimated (null for none)", FWallet),
                Figure("value_class_wallet_estimated", "1 where the wallet is estimated", FEstimated),
                Figure("value_class_yearly", "yearly revenue", FYearly),
                Figure("value_class_predicted_yearly", "predicted yearly revenue (null for none)", FPredictedYearly),
                Figure("value_class_margin_rate", "the margin rate the potential is counted at", FMarginRate),
                new ReasonFigure("margin", "margin of completed orders", (r, i) => r.Columns.Summary.Margin[i] ?? double.NaN) { Shared = true },
                new ReasonFigure("revenue", "revenue of completed orders", (r, i) => r.Columns.Summary.Revenue[i]) { Shared = true },
                new ReasonFigure("service_cost", "cost to serve", (r, i) => r.Columns.Summary.ServiceCost[i]) { Shared = true },
            ],
            (_, row, context) => Reason(row, context.Classification.ValueClass, context.Options.ValueClass, context.UsesMargin)),
    };

    /// <summary>The figures of each customer's row in <see cref="DimensionResult.Figures"/>, in the declaration's order.</summary>
    private const int FigureCount = 10;

    private const int FChurnStatus = 0, FReturns = 1, FReturnMargin = 2, FPotential = 3, FHeadroom = 4, FWallet = 5, FEstimated = 6, FYearly = 7,
        FPredictedYearly = 8, FMarginRate = 9;

    private static ReasonFigure Figure(string name, string meaning, int k) =>
        new(name, meaning, (r, i) => r.Dimension(Dimensions.ValueClass).Figures is { Length: > 0 } f ? f[i * FigureCount + k] : double.NaN);

    /// <summary>Classifies every customer of <paramref name="columns"/>; without <paramref name="churnStatus"/> nobody counts as active, so nobody is an MGC.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="ValueClassOptions.Validate"/>).</exception>
    public static DimensionResult Classify(CustomerColumns columns, CustomerScores scores, ValueClassOptions options,
        string?[]? churnStatus = null, StrategyMatrixOptions? strategy = null, StructureMapOptions? map = null)
    {
        strategy ??= new StrategyMatrixOptions();
        var yearly = YearlyRevenue.All(columns, strategy.AnnualiseFromDays);
        var wallets = WalletEstimates.Build(columns, yearly, new SegmentKeys(columns, map ?? new StructureMapOptions()), strategy);
        return Classify(columns, scores, options, churnStatus ?? new string?[columns.Count], yearly, wallets);
    }

    /// <summary>
    /// The cuts of the whole base: MVC by value among the actual customers; the MGC floor and cut by yearly growth potential among
    /// the active ones (<paramref name="churnStatus"/> of every customer), with the wallets of <paramref name="wallets"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="ValueClassOptions.Validate"/>).</exception>
    public static ValueClassContext Learn(CustomerColumns columns, CustomerScores scores, ValueClassOptions options, string?[] churnStatus,
        WalletContext wallets, StrategyMatrixOptions strategy, StructureMapOptions map)
    {
        var yearly = YearlyRevenue.All(columns, strategy.AnnualiseFromDays);
        return Learn(columns, scores, options, churnStatus, yearly, WalletEstimates.Apply(wallets, columns, yearly, new SegmentKeys(columns, map)));
    }

    /// <summary>
    /// Classifies the customers <paramref name="customers"/> (indices into <paramref name="columns"/>; null for all) from their own
    /// columns, scores and churn status, <paramref name="context"/>'s cuts and <paramref name="wallets"/>; the others' entries stay
    /// null. The notes count the customers classified.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="ValueClassOptions.Validate"/>).</exception>
    public static DimensionResult Apply(ValueClassContext context, WalletContext wallets, CustomerColumns columns, CustomerScores scores,
        ValueClassOptions options, string?[] churnStatus, StrategyMatrixOptions strategy, StructureMapOptions map, IReadOnlyList<int>? customers = null)
    {
        var yearly = YearlyRevenue.All(columns, strategy.AnnualiseFromDays, customers);
        var estimates = WalletEstimates.Apply(wallets, columns, yearly, new SegmentKeys(columns, map), customers);
        return Apply(context, columns, scores, options, churnStatus, yearly, estimates, customers);
    }

    internal static DimensionResult Classify(CustomerColumns columns, CustomerScores scores, ValueClassOptions options,
        string?[] churnStatus, double[] yearly, WalletEstimates wallets) =>
        Apply(Learn(columns, scores, options, churnStatus, yearly, wallets), columns, scores, options, churnStatus, yearly, wallets);

    internal static ValueClassContext Learn(CustomerColumns columns, CustomerScores scores, ValueClassOptions options,
        string?[] churnStatus, double[] yearly, WalletEstimates wallets)
    {
        options.Validate();
        var n = columns.Count;
        var baseMargin = BaseMargin.Rate(columns, scores.UsesMargin);
        var values = ValueQuantile.Sorted(n, columns.HasBought, scores.Value);
        var mvcCut = ValueQuantile.Of(values, 1 - options.MvcShare);
        var growth = new Growth[n];
        var isBzc = new bool[n];
        var isMvc = new bool[n];
        for (var i = 0; i < n; i++)
        {
            if (!columns.HasBought(i)) continue;
            (isBzc[i], isMvc[i]) = Decided(scores, options, mvcCut, i);
            growth[i] = Growth.Of(columns, scores, wallets, yearly, i, baseMargin);
        }
        bool Active(int i) => churnStatus[i] == ChurnStatus.Active;
        var activeValues = ValueQuantile.Sorted(n, i => columns.HasBought(i) && Active(i), i => yearly[i] * growth[i].MarginRate);
        var medianActive = ValueQuantile.Of(activeValues, 0.5);
        var floor = Math.Max(options.MinimumGrowth, double.IsNaN(medianActive) ? 0 : options.MinimumGrowthShare * medianActive);
        var eligible = ValueQuantile.Sorted(n, i => columns.HasBought(i) && !isBzc[i] && !isMvc[i] && Active(i), i => growth[i].Potential);
        var rankCut = ValueQuantile.Of(eligible, 1 - options.MgcShare);
        var mgcCut = double.IsNaN(rankCut) ? floor : Math.Max(rankCut, floor);
        return new ValueClassContext(baseMargin, values.Length, mvcCut, activeValues.Length, medianActive, floor, rankCut, mgcCut);
    }

    /// <summary>Whether customer <paramref name="i"/> (who has bought) is a BZC, and whether an MVC.</summary>
    private static (bool Bzc, bool Mvc) Decided(CustomerScores scores, ValueClassOptions options, double mvcCut, int i)
    {
        var value = scores.Value(i);
        var bzc = value < options.BzcBelow && scores.PastNetValue[i] < options.BzcBelow;
        return (bzc, !bzc && value > mvcCut && value > 0);
    }

    internal static DimensionResult Apply(ValueClassContext context, CustomerColumns columns, CustomerScores scores, ValueClassOptions options,
        string?[] churnStatus, double[] yearly, WalletEstimates wallets, IReadOnlyList<int>? customers = null)
    {
        options.Validate();
        var n = columns.Count;
        var classes = new string?[n];
        var figures = new double[n * FigureCount];
        Array.Fill(figures, double.NaN);
        var kind = ValueText.ValueKind(scores);
        var baseMargin = context.BaseMarginRate;
        var mvcCut = context.MvcCut;
        var medianActive = context.MedianActiveYearlyValue;
        var floor = context.MgcFloor;
        var mgcCut = context.MgcCut;
        int mgc = 0, grewButNotActive = 0;

        int withWallet = 0, withPrediction = 0;
        var count = customers?.Count ?? n;
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            if (!columns.HasBought(i)) continue;
            var f = figures.AsSpan(i * FigureCount, FigureCount);
            var (isBzc, isMvc) = Decided(scores, options, mvcCut, i);
            var g = Growth.Of(columns, scores, wallets, yearly, i, baseMargin);
            if (!double.IsNaN(g.Wallet)) withWallet++;
            if (!double.IsNaN(g.PredictedYearly)) withPrediction++;
            if (isBzc)
            {
                classes[i] = "BZC";
                (f[FReturns], f[FReturnMargin]) = (columns.Summary.Returns[i], columns.ReturnMargin[i]);
                continue;
            }
            if (isMvc)
            {
                classes[i] = "MVC";
                continue;
            }
            (f[FPotential], f[FHeadroom], f[FWallet], f[FEstimated], f[FYearly], f[FPredictedYearly], f[FMarginRate]) =
                (g.Potential, g.Headroom, g.Wallet, g.Estimated ? 1 : 0, g.Yearly, g.PredictedYearly, g.MarginRate);
            if (churnStatus[i] is { } status) f[FChurnStatus] = StatusIndex(status);
            if (churnStatus[i] != ChurnStatus.Active)
            {
                classes[i] = "other";
                if (g.Potential > mgcCut) grewButNotActive++;
                continue;
            }
            if (g.Potential > mgcCut)
            {
                classes[i] = "MGC";
                mgc++;
            }
            else
            {
                classes[i] = "other";
            }
        }

        var method = $"BZC: value and past net value below {ValueText.Money(options.BzcBelow)}; MVC: top {ValueText.Percent(options.MvcShare)} of {ValueText.Money(context.ActualCustomers)} actual customers by value ({kind}); "
            + $"MGC: active customers (churn status) in the top {ValueText.Percent(options.MgcShare)} of the rest by yearly growth potential (headroom to a known or estimated wallet, or predicted growth, × margin rate), at least {ValueText.Percent(options.MinimumGrowthShare)} of the median active customer's yearly value";
        var notes = new List<string>();
        if (context.ActualCustomers == 0) notes.Add("no actual customers: nobody has a value class");
        else
        {
            notes.Add(context.ActiveCustomers == 0
                ? $"cuts: MVC value above {ValueText.Cut(mvcCut)}; no MGC cut: no customer is active"
                : $"cuts: MVC value above {ValueText.Cut(mvcCut)}; MGC growth potential above {ValueText.Fixed(mgcCut, 2)} a year (floor {ValueText.Fixed(floor, 2)}: {ValueText.Percent(options.MinimumGrowthShare)} of the median active customer's yearly value {ValueText.Fixed(double.IsNaN(medianActive) ? 0 : medianActive, 2)})");
            notes.Add($"growth potential from a known or estimated wallet for {ValueText.Money(withWallet)} and from predicted revenue for {ValueText.Money(withPrediction)} of {ValueText.Money(context.ActualCustomers)} actual customers");
            if (context.ActiveCustomers == 0)
                notes.Add("no MGC: no customer is active by the churn status (no model could be fitted and the data has no repeat history), so no room to grow can be called realistic");
            else if (mgc == 0)
                notes.Add($"no MGC: no active customer outside MVC and BZC has a growth potential above {ValueText.Cut(mgcCut)} a year");
            if (grewButNotActive > 0 && context.ActiveCustomers == 0)
                notes.Add($"{ValueText.Count(grewButNotActive, "customer has", "customers have")} a growth potential above {ValueText.Cut(mgcCut)} a year (headroom to a wallet or predicted growth), but with no churn status none can be called a realistic MGC");
            else if (grewButNotActive > 0)
                notes.Add($"{ValueText.Count(grewButNotActive, "customer", "customers")} with growth potential above the cut {(grewButNotActive == 1 ? "is" : "are")} not MGC because {(grewButNotActive == 1 ? "its" : "their")} churn status is not active");
        }
        return new DimensionResult(Dimensions.ValueClass, classes, [], method) { Notes = notes, Figures = figures };
    }

    /// <summary>
    /// Why a customer has its value class, from the figures stored for it (<see cref="Declaration"/>): a BZC's value and past below
    /// the line with what made the past, an MVC's value above the cut, else the growth potential against the MGC cut (or the
    /// churn status that rules it out). A pure function of the row, the context's cuts, the options and whether values are margins.
    /// </summary>
    public static string Reason(ReasonRow row, ValueClassContext context, ValueClassOptions options, bool usesMargin)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        if (!row.HasBought) return "n/a: no completed order: value classes are for actual customers";
        var x = row.Figures;
        var kind = ValueText.ValueKind(usesMargin);
        var mvcCut = context.MvcCut;
        var (value, past, future) = (row.Value, row.PastNetValue, row.FutureNetValue);
        var hasFuture = !double.IsNaN(future);
        var bzc = value < options.BzcBelow && past < options.BzcBelow;
        var isMvc = !bzc && value > mvcCut && value > 0;
        if (bzc)
        {
            var f = ValueText.Together(ValueText.StartDecimals(value, past, future, options.BzcBelow), [value, past, hasFuture ? future : 0, options.BzcBelow],
                r => r[0] == r[1] + r[2] && r[0] < r[3] && r[1] < r[3]);
            var earned = usesMargin ? $"margin {ValueText.Money(double.IsNaN(x[FigureCount]) ? 0 : x[FigureCount])}" : $"revenue {ValueText.Money(x[FigureCount + 1])}";
            var (returned, returnMargin) = ((int)x[FReturns], x[FReturnMargin]);
            var returns = returned > 0 || returnMargin != 0
                ? $", returns {ValueText.Money(returnMargin)} ({ValueText.Count(returned, "returned order", "returned orders")})"
                : ", no returns";
            return (hasFuture ? $"BZC: value {f[0]} in {kind} (past {f[1]} + future {f[2]}) below {f[3]}, and the past {f[1]} below {f[3]} too: " : $"BZC: value {f[0]} in {kind} (past only: no prediction) below {f[3]}: ")
                + $"{earned}{returns}, cost to serve {ValueText.Money(x[FigureCount + 2])}; " + (hasFuture ? "the predicted future does not make up for it" : "no prediction to make up for it");
        }
        var v = ValueText.Together(ValueText.StartDecimals(value, past, future, mvcCut), [value, past, hasFuture ? future : 0, double.IsNaN(mvcCut) ? 0 : mvcCut],
            r => r[0] == r[1] + r[2] && (isMvc ? r[0] > r[3] : r[0] <= r[3] || r[0] <= 0));
        var valueText = hasFuture ? $"value {v[0]} in {kind} (past {v[1]} + future {v[2]})" : $"value {v[0]} in {kind} (past only: no prediction)";
        var mvcText = $"the MVC cut (top {ValueText.Percent(options.MvcShare)})";
        if (isMvc) return $"MVC: {valueText} above {mvcText} {v[3]}";
        var notMvc = value <= 0 ? "not above 0" : $"not above {mvcText} {v[3]}";
        var g = new Growth(x[FPotential], x[FHeadroom], x[FWallet], x[FEstimated] == 1, x[FYearly], x[FPredictedYearly], x[FMarginRate], row.ProbabilityAlive);
        var mgcCut = context.MgcCut;
        var (potential, cut) = ValueText.Pair(g.Potential, mgcCut);
        var status = x[FChurnStatus];
        if (status != 0)
        {
            var said = double.IsNaN(status) ? "not known to be alive (no churn status: no model and no repeat history)" : $"{ChurnStatus.Classes[(int)status]} by the churn status";
            return $"other: {valueText} {notMvc}; not an MGC: {said}, and room to grow counts only in a live relationship";
        }
        var cutText = double.IsNaN(context.MgcRankCut) || context.MgcFloor >= context.MgcRankCut
            ? $"the MGC floor ({ValueText.Percent(options.MinimumGrowthShare)} of the median active customer's yearly value {ValueText.Fixed(context.MedianActiveYearlyValue, 2)})"
            : $"the MGC cut (top {ValueText.Percent(options.MgcShare)} of active customers outside MVC and BZC)";
        if (g.Potential > mgcCut)
            return $"MGC: growth potential {potential} a year above {cutText} {cut} ({g.Describe(potential)}); active by the churn status; {valueText} {notMvc}";
        return g.Potential > 0
            ? $"other: growth potential {potential} a year not above {cutText} {cut} ({g.Describe(potential)}); {valueText} {notMvc}"
            : $"other: no growth potential ({g.Describe(potential)}); {valueText} {notMvc}";
    }

    private static int StatusIndex(string status)
    {
        for (var k = 0; k < ChurnStatus.Classes.Count; k++)
            if (ChurnStatus.Classes[k] == status) return k;
        throw new ArgumentException($"'{status}' is not a churn status.", nameof(status));
    }

    /// <summary>A customer's yearly growth potential and what it is made of (NaN where a part is unknown).</summary>
    private readonly record struct Growth(double Potential, double Headroom, double Wallet, bool Estimated, double Yearly, double PredictedYearly, double MarginRate, double ProbabilityAlive)
    {
        public static Growth Of(CustomerColumns columns, CustomerScores scores, WalletEstimates wallets, double[] yearly, int i, double baseMargin)
        {
            var margin = scores.MarginRate[i];
            if (!double.IsFinite(margin))
                margin = !scores.UsesMargin ? 1 : columns.Summary.Margin[i] is { } m && columns.Summary.Revenue[i] > 0 ? m / columns.Summary.Revenue[i] : baseMargin;
            margin = Math.Max(0, margin);
            var own = yearly[i];
            var wallet = wallets.Wallet[i];
            var alive = scores.ProbabilityAlive[i];
            var headroom = double.IsNaN(wallet) ? 0 : Math.Max(0, wallet - own) * margin * (double.IsNaN(alive) ? 1 : alive);
            var predicted = scores.HorizonDays > 0 ? scores.ExpectedRevenue[i] * 365 / scores.HorizonDays : double.NaN;
            var trend = double.IsFinite(predicted) ? Math.Max(0, predicted - own) * margin : 0;
            return new Growth(Math.Max(headroom, trend), headroom, wallet, wallets.Basis[i] is not WalletBasis.Known, own,
                double.IsFinite(predicted) ? predicted : double.NaN, margin, alive);
        }

        /// <summary>What the potential is made of; the part that is the potential printed as <paramref name="printed"/> is.</summary>
        public string Describe(string printed)
        {
            var dot = printed.IndexOf('.', StringComparison.Ordinal);
            var decimals = dot < 0 ? 0 : printed.Length - dot - 1;
            var parts = new List<string>(2);
            if (!double.IsNaN(Wallet))
            {
                var alive = double.IsNaN(ProbabilityAlive) ? "" : $" × P(alive) {ValueText.Rate(ProbabilityAlive)}";
                var (w, y) = ValueText.Pair(Wallet, Yearly);
                parts.Add(Wallet > Yearly
                    ? $"headroom {ValueText.Fixed(Headroom, decimals)}: {(Estimated ? "estimated " : "")}wallet {w} above yearly revenue {y}, the difference × margin {ValueText.Rate(MarginRate)}{alive}"
                    : $"no headroom: yearly revenue {y} not below the {(Estimated ? "estimated " : "")}wallet {w}");
            }
            else parts.Add("wallet unknown");
            if (!double.IsNaN(PredictedYearly))
            {
                var (p, y) = ValueText.Pair(PredictedYearly, Yearly);
                parts.Add(PredictedYearly > Yearly
                    ? $"predicted yearly revenue {p} above yearly revenue {y}, the difference × margin {ValueText.Rate(MarginRate)}"
                    : $"predicted yearly revenue {p} not above yearly revenue {y}");
            }
            else parts.Add("no predicted revenue");
            return string.Join("; ", parts);
        }
    }
}
