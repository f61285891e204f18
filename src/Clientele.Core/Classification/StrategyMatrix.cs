using Clientele.Classification.Internal;

namespace Clientele.Classification;

/// <summary>
/// Strategy matrix of live actual customers (DOMAIN.md, article 001): share of wallet (high/low) × upcoming purchase volume
/// (large/small). high × large: keep (hold the relationship close); high × small: maintain-or-acquire; low × large:
/// develop; low × small: acquire-or-abandon. Where the share cannot be known or estimated the class is
/// <see cref="ShareUnknown"/>, never a guessed "low".
/// <para>
/// Share of wallet = yearly revenue (the last 365 days, annualised for customers known less than a year) / the customer's
/// wallet: <c>wallet_estimate</c>, else estimated from comparable customers of the same segment and size band (the median
/// of their known wallets, or a high quantile of their spend: Perlich, Rosset et al. 2007), labelled estimated.
/// </para>
/// <para>
/// Volume = the expected revenue of the horizon, large at or above a quantile of the live customers' expected revenues (and
/// above 0); without a model, the yearly revenue against the same quantile of theirs. Lapsed and lost customers (churn status)
/// are not in the matrix: their upcoming volume is nil by definition and the churn status's action (win back) applies. An MVC
/// or an MGC is never told to abandon: where its share is low and its volume small, it is "develop" (the MVC for what it is
/// worth, the MGC for its room to grow), and the reason says why.
/// </para>
/// </summary>
public static class StrategyMatrix
{
    /// <summary>The class of a live customer whose share of wallet can be neither known nor estimated.</summary>
    public const string ShareUnknown = "share-unknown";

    /// <summary>How a class whose share of wallet rests on an estimated wallet is qualified where it is shown.</summary>
    public const string EstimatedShare = "estimated share";

    /// <summary>
    /// The qualifier shown with a strategy class: <see cref="EstimatedShare"/> when the share behind it was estimated
    /// (<paramref name="shareEstimated"/>, the snapshot's <c>share_estimated</c>), else null.
    /// </summary>
    public static string? Qualifier(string? @class, bool? shareEstimated) =>
        @class is not null && @class != ShareUnknown && shareEstimated == true ? EstimatedShare : null;

    /// <summary>The classes.</summary>
    public static readonly IReadOnlyList<string> Classes = ["keep", "maintain-or-acquire", "develop", "acquire-or-abandon", ShareUnknown];

    /// <summary>The dimension's declaration: its name, title, classes and playbook (<see cref="DimensionDeclaration"/>).</summary>
    public static readonly DimensionDeclaration Declaration = new(Dimensions.Strategy, "Strategy")
    {
        Classes = Classes,
        Playbook = new Dictionary<string, string>
        {
            ["keep"] = "Keep the relationship close: they buy much, mostly from us.",
            ["maintain-or-acquire"] = "Maintain the relationship; acquire more volume where it appears.",
            ["develop"] = "Develop: they buy much, mostly elsewhere; win share of their wallet.",
            ["acquire-or-abandon"] = "Acquire more share at low cost, or let go.",
            [ShareUnknown] = "Find out the share of wallet first (ask, survey, compare with similar accounts); meanwhile serve by value tier.",
        },
    };

    /// <summary>
    /// Classifies every customer of <paramref name="columns"/>. Without <paramref name="churnStatus"/> every buyer counts as
    /// live; without <paramref name="valueClass"/> no customer is known to be an MVC.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="StrategyMatrixOptions.Validate"/>).</exception>
    public static StrategyResult Classify(CustomerColumns columns, CustomerScores scores, StrategyMatrixOptions options,
        string?[]? churnStatus = null, string?[]? valueClass = null, StructureMapOptions? map = null)
    {
        options.Validate();
        var yearly = YearlyRevenue.All(columns, options.AnnualiseFromDays);
        var wallets = WalletEstimates.Build(columns, yearly, new SegmentKeys(columns, map ?? new StructureMapOptions()), options);
        return Classify(columns, scores, options, churnStatus, valueClass, yearly, wallets);
    }

    /// <summary>
    /// The volume cuts of the whole base: the large-volume quantile of the live customers' (by <paramref name="churnStatus"/>
    /// of every customer; every buyer without it) expected revenue, and of their yearly revenue.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="StrategyMatrixOptions.Validate"/>).</exception>
    public static StrategyMatrixContext Learn(CustomerColumns columns, CustomerScores scores, StrategyMatrixOptions options, string?[]? churnStatus = null) =>
        Learn(columns, scores, options, churnStatus, YearlyRevenue.All(columns, options.AnnualiseFromDays));

    /// <summary>
    /// Classifies the customers <paramref name="customers"/> (indices into <paramref name="columns"/>; null for all) from their own
    /// columns, scores, churn status and value class, <paramref name="context"/>'s cuts and <paramref name="wallets"/>; the others'
    /// entries stay null (share NaN). The notes count the customers classified.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="StrategyMatrixOptions.Validate"/>).</exception>
    public static StrategyResult Apply(StrategyMatrixContext context, WalletContext wallets, CustomerColumns columns, CustomerScores scores,
        StrategyMatrixOptions options, string?[]? churnStatus, string?[]? valueClass, StructureMapOptions map, IReadOnlyList<int>? customers = null)
    {
        var yearly = YearlyRevenue.All(columns, options.AnnualiseFromDays, customers);
        var estimates = WalletEstimates.Apply(wallets, columns, yearly, new SegmentKeys(columns, map), customers);
        return Apply(context, columns, scores, options, churnStatus, valueClass, yearly, estimates, customers);
    }

    internal static StrategyResult Classify(CustomerColumns columns, CustomerScores scores, StrategyMatrixOptions options,
        string?[]? churnStatus, string?[]? valueClass, double[] yearly, WalletEstimates wallets) =>
        Apply(Learn(columns, scores, options, churnStatus, yearly), columns, scores, options, churnStatus, valueClass, yearly, wallets);

    private static bool Live(CustomerColumns columns, string?[]? churnStatus, int i) =>
        columns.HasBought(i) && churnStatus?[i] is not (ChurnStatus.Lapsed or ChurnStatus.Lost);

    internal static StrategyMatrixContext Learn(CustomerColumns columns, CustomerScores scores, StrategyMatrixOptions options, string?[]? churnStatus, double[] yearly)
    {
        options.Validate();
        var n = columns.Count;
        // Rules predict no revenue for a customer without a repeat purchase (x / T = 0): that is no finding about its
        // volume, so without a model the volume is the yearly revenue of every customer, stated as such.
        var modelled = scores.ModelBased;
        var predicted = ValueQuantile.Sorted(n, i => Live(columns, churnStatus, i) && modelled && double.IsFinite(scores.ExpectedRevenue[i]), i => scores.ExpectedRevenue[i]);
        var past = ValueQuantile.Sorted(n, i => Live(columns, churnStatus, i), i => yearly[i]);
        return new StrategyMatrixContext(ValueQuantile.Of(predicted, options.LargeVolumeQuantile), ValueQuantile.Of(past, options.LargeVolumeQuantile), predicted.Length);
    }

    internal static StrategyResult Apply(StrategyMatrixContext context, CustomerColumns columns, CustomerScores scores, StrategyMatrixOptions options,
        string?[]? churnStatus, string?[]? valueClass, double[] yearly, WalletEstimates wallets, IReadOnlyList<int>? customers = null)
    {
        options.Validate();
        var n = columns.Count;
        var classes = new string?[n];
        var reasons = new string?[n];
        var share = new double[n];
        var estimated = new bool[n];
        Array.Fill(share, double.NaN);
        bool Live(int i) => StrategyMatrix.Live(columns, churnStatus, i);
        var modelled = scores.ModelBased;
        bool Predicted(int i) => modelled && double.IsFinite(scores.ExpectedRevenue[i]);
        var predictedCut = context.PredictedCut;
        var pastCut = context.PastCut;
        var quantile = options.LargeVolumeQuantile == 0.5 ? "median" : $"{ValueText.Percent(options.LargeVolumeQuantile)} quantile";
        int known = 0, fromComparable = 0, unknown = 0, fromPast = 0, notLive = 0, mvcDevelop = 0, mgcDevelop = 0;

        var count = customers?.Count ?? n;
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            if (!columns.HasBought(i))
            {
                reasons[i] = "n/a: no completed order: the strategy matrix is for actual customers";
                continue;
            }
            if (!Live(i))
            {
                notLive++;
                reasons[i] = $"n/a: {churnStatus![i]} by the churn status: the matrix plans live relationships (a lapsed or lost customer has no upcoming volume); the churn status's action applies";
                continue;
            }

            var wallet = wallets.Wallet[i];
            var basis = wallets.Basis[i];
            string shareText;
            var high = false;
            if (basis == WalletBasis.Unknown)
            {
                unknown++;
            }
            else
            {
                share[i] = yearly[i] / wallet;
                estimated[i] = basis != WalletBasis.Known;
                high = share[i] >= options.HighShareFrom;
                if (estimated[i]) fromComparable++;
                else known++;
            }
            var (shareValue, threshold) = ValueText.Pair(double.IsNaN(share[i]) ? 0 : share[i], options.HighShareFrom);
            var revenueText = RevenueText(columns, i, yearly[i], options);
            shareText = basis switch
            {
                WalletBasis.Known => $"share of wallet {shareValue} {(high ? "at or above" : "below")} {threshold} ({revenueText} of a wallet of {ValueText.Money(wallet)})",
                WalletBasis.ComparableWallets => $"share of wallet {shareValue} (estimated) {(high ? "at or above" : "below")} {threshold} ({revenueText} of an estimated wallet of {ValueText.Money(wallet)}: {(wallets.Raised[i] ? "its own yearly spend, above " : "")}the median known wallet of {ValueText.Count(wallets.GroupSize[i], "comparable customer", "comparable customers")}, {wallets.Group[i]})",
                WalletBasis.ComparableSpend => $"share of wallet {shareValue} (estimated) {(high ? "at or above" : "below")} {threshold} ({revenueText} of an estimated wallet of {ValueText.Money(wallet)}: {(wallets.Raised[i] ? "its own yearly spend, above " : "")}the {Ordinal(options.WalletSpendQuantile)} percentile of the yearly spend of {ValueText.Count(wallets.GroupSize[i], "comparable customer", "comparable customers")}, {wallets.Group[i]})",
                _ => "share of wallet unknown: no wallet in the data, and too few comparable customers (same segment or size band) to estimate one",
            };

            string volumeText;
            bool large;
            var er = scores.ExpectedRevenue[i];
            if (Predicted(i))
            {
                large = er > 0 && er >= predictedCut;
                var (v, cutText) = ValueText.Pair(er, predictedCut);
                volumeText = $"expected revenue over the next {ValueText.Money(scores.HorizonDays)} days {v} {Compare(er, large)} the {quantile} {cutText} of live customers";
            }
            else
            {
                fromPast++;
                large = yearly[i] > 0 && yearly[i] >= pastCut;
                var (v, cutText) = ValueText.Pair(yearly[i], pastCut);
                volumeText = modelled
                    ? $"no predicted revenue, so the yearly revenue {v} {Compare(yearly[i], large)} the {quantile} {cutText} of live customers"
                    : $"yearly revenue {v} {Compare(yearly[i], large)} the {quantile} {cutText} of live customers (no model predicts the volume; the past year stands for it)";
            }

            string cls;
            var note = "";
            if (basis == WalletBasis.Unknown)
            {
                cls = ShareUnknown;
                // Letting go is no choice for an MVC or an MGC: what they are worth, or could be, is the value class's finding.
                var choice = large ? "keep or develop" : valueClass?[i] is "MVC" or "MGC" ? "maintain or develop" : "maintain or let go";
                note = $"; {(large ? "large" : "small")} volume: find out the share of wallet before choosing {choice}";
            }
            else
            {
                cls = (high, large) switch
                {
                    (true, true) => "keep",
                    (true, false) => "maintain-or-acquire",
                    (false, true) => "develop",
                    _ => "acquire-or-abandon",
                };
                if (cls == "acquire-or-abandon" && valueClass?[i] is "MVC" or "MGC")
                {
                    cls = "develop";
                    if (valueClass[i] == "MVC")
                    {
                        mvcDevelop++;
                        note = "; an MVC (most valuable customer) is developed, not abandoned: low share and small volume would be acquire-or-abandon";
                    }
                    else
                    {
                        mgcDevelop++;
                        note = "; an MGC (most growable customer: room to grow by the value class) is developed, not abandoned: low share and small volume would be acquire-or-abandon";
                    }
                }
            }
            classes[i] = cls;
            reasons[i] = $"{cls}: {shareText}; {volumeText}{note}";
        }

        var live = known + fromComparable + unknown;
        var method = $"share of wallet (high from {ValueText.Rate(options.HighShareFrom)}; known, else estimated from comparable customers, else unknown) × volume (large from the {quantile} of live customers' "
            + (context.PredictedCustomers > 0 ? "expected revenue" : "yearly revenue, no model") + "); lapsed and lost customers are not in the matrix";
        var notes = new List<string>();
        if (live == 0) notes.Add("no live actual customers: nobody is in the strategy matrix");
        else
        {
            notes.Add($"share of wallet known for {ValueText.Money(known)}, estimated from comparable customers for {ValueText.Money(fromComparable)}, unknown for {ValueText.Money(unknown)} of {ValueText.Money(live)} live actual customers");
            if (unknown == live)
                notes.Add(wallets.AnyComparable
                    ? $"no wallet can be known or estimated: no group of comparable customers (same segment or size band) has the {options.MinimumComparableWallets} known wallets or {options.MinimumComparableCustomers} spending customers an estimate needs; every live customer is share-unknown"
                    : "no wallet can be known or estimated (the data has no wallet_estimate, no segment and no size): every live customer is share-unknown; import wallet estimates, or segment fields and a size (employees, turnover) to compare customers");
            if (!modelled) notes.Add($"no model predicts the volume: it is each live customer's yearly revenue (large from {ValueText.Cut(pastCut)}), not a prediction");
            else if (fromPast > 0) notes.Add(fromPast == 1
                ? $"1 live customer has no predicted revenue: its volume is the yearly revenue (large from {ValueText.Cut(pastCut)})"
                : $"{ValueText.Money(fromPast)} live customers have no predicted revenue: their volume is the yearly revenue (large from {ValueText.Cut(pastCut)})");
        }
        if (notLive > 0) notes.Add($"{ValueText.Money(notLive)} lapsed or lost customers are not in the matrix");
        if (mvcDevelop > 0) notes.Add($"{ValueText.Count(mvcDevelop, "MVC", "MVCs")} with low share and small volume {(mvcDevelop == 1 ? "is" : "are")} develop, not acquire-or-abandon");
        if (mgcDevelop > 0) notes.Add($"{ValueText.Count(mgcDevelop, "MGC", "MGCs")} with low share and small volume {(mgcDevelop == 1 ? "is" : "are")} develop, not acquire-or-abandon: the value class found room to grow");
        var result = new DimensionResult(Dimensions.Strategy, classes, reasons, method) { Notes = notes };
        return new StrategyResult(result, share, estimated);
    }

    private static string RevenueText(CustomerColumns columns, int i, double yearly, StrategyMatrixOptions options)
    {
        YearlyRevenue.Of(columns, i, options.AnnualiseFromDays, out var days);
        return days == 0
            ? $"yearly revenue {ValueText.Money(yearly)}"
            : $"yearly revenue {ValueText.Money(yearly)} ({ValueText.Money(columns.RevenueLastYear[i])} in the {ValueText.Count(days, "day", "days")} since the first purchase, scaled to a year)";
    }

    private static string Ordinal(double quantile) => ValueText.Percent(quantile).TrimEnd('%') + "th";

    private static string Compare(double volume, bool large) => large ? "at or above" : volume > 0 ? "below" : "(none) not above";
}
