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
        Reason = new ReasonDeclaration(
            [
                Figure("strategy_state", "0 has not bought, 1 lapsed or lost (not in the matrix), 2 a live customer", FState),
                Figure("strategy_churn_status", "a customer out of the matrix: its churn status, as its position among ChurnStatus.Classes", FChurnStatus),
                Figure("strategy_wallet_basis", "0 no wallet, 1 known, 2 the median known wallet of comparable customers, 3 a quantile of their yearly spend", FBasis),
                new ReasonFigure("share_of_wallet", "share of wallet", (r, i) => r.Strategy.ShareOfWallet[i]) { Shared = true },
                Figure("strategy_yearly_revenue", "yearly revenue", FYearly),
                Figure("strategy_scaled_from_days", "days since the first purchase the last year's revenue was scaled from (0: not scaled)", FScaledDays),
                new ReasonFigure("revenue_last_year", "revenue of the last 365 days", (r, i) => r.Columns.RevenueLastYear[i]) { Shared = true },
                Figure("strategy_wallet", "the wallet, known or estimated", FWallet),
                Figure("strategy_wallet_raised", "1 where the estimate was raised to the customer's own yearly spend", FRaised),
                Figure("strategy_comparable", "the comparable customers the wallet was estimated from", FComparable),
                Figure("strategy_volume", "0 expected revenue, 1 yearly revenue for want of a prediction, 2 yearly revenue as no model predicts", FVolume),
                new ReasonFigure("expected_revenue", "expected revenue in the horizon", (r, i) => r.Scoring.Scores.ExpectedRevenue[i]) { Shared = true },
                Figure("strategy_value_class", "1 an MVC, 2 an MGC by the value class the matrix saw, else 0", FValueClass),
                ReasonFigure.OfText("strategy_comparable_group", "the group of comparable customers", (r, i) => r.Strategy.Result.FigureTexts is { Length: > 0 } t ? t[i] : null),
            ],
            (_, row, context) => Reason(row, context.Classification.Strategy, context.Options.Strategy, context.Options.Scoring.HorizonDays, context.Classification.Wallets.AnyComparable)),
    };

    /// <summary>The figures of each customer's row in <see cref="DimensionResult.Figures"/>.</summary>
    private const int FigureCount = 10;

    private static ReasonFigure Figure(string name, string meaning, int k) =>
        new(name, meaning, (r, i) => r.Strategy.Result.Figures is { Length: > 0 } f ? f[i * FigureCount + k] : double.NaN);

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
        var figures = new double[n * FigureCount];
        Array.Fill(figures, double.NaN);
        var groups = new string?[n];
        var share = new double[n];
        var estimated = new bool[n];
        Array.Fill(share, double.NaN);
        bool Live(int i) => StrategyMatrix.Live(columns, churnStatus, i);
        var modelled = scores.ModelBased;
        bool Predicted(int i) => modelled && double.IsFinite(scores.ExpectedRevenue[i]);
        var predictedCut = context.PredictedCut;
        var pastCut = context.PastCut;
        int known = 0, fromComparable = 0, unknown = 0, fromPast = 0, notLive = 0, noStatus = 0, mvcDevelop = 0, mgcDevelop = 0;

        var count = customers?.Count ?? n;
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            var f = figures.AsSpan(i * FigureCount, FigureCount);
            if (!columns.HasBought(i))
            {
                f[FState] = 0;
                continue;
            }
            if (!Live(i))
            {
                notLive++;
                (f[FState], f[FChurnStatus]) = (1, IndexOf(ChurnStatus.Classes, churnStatus![i]!));
                continue;
            }

            f[FState] = 2;
            if (churnStatus is not null && churnStatus[i] is null) noStatus++;
            var basis = wallets.Basis[i];
            f[FBasis] = (int)basis;
            var high = false;
            if (basis == WalletBasis.Unknown)
            {
                unknown++;
            }
            else
            {
                share[i] = yearly[i] / wallets.Wallet[i];
                estimated[i] = basis != WalletBasis.Known;
                high = share[i] >= options.HighShareFrom;
                if (estimated[i]) fromComparable++;
                else known++;
                (f[FWallet], f[FRaised], f[FComparable]) = (wallets.Wallet[i], wallets.Raised[i] ? 1 : 0, wallets.GroupSize[i]);
                groups[i] = wallets.Group[i];
            }
            f[FYearly] = yearly[i];
            YearlyRevenue.Of(columns, i, options.AnnualiseFromDays, out var days);
            f[FScaledDays] = days;

            bool large;
            var er = scores.ExpectedRevenue[i];
            if (Predicted(i))
            {
                f[FVolume] = 0;
                large = er > 0 && er >= predictedCut;
            }
            else
            {
                fromPast++;
                f[FVolume] = modelled ? 1 : 2;
                large = yearly[i] > 0 && yearly[i] >= pastCut;
            }
            f[FValueClass] = valueClass?[i] switch { "MVC" => 1, "MGC" => 2, _ => 0 };
            var cls = Class(basis, high, large, f[FValueClass]);
            if (cls == "develop" && basis != WalletBasis.Unknown && !(high || large))
            {
                if (f[FValueClass] == 1) mvcDevelop++;
                else mgcDevelop++;
            }
            classes[i] = cls;
        }

        var quantile = Quantile(options);
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
        if (noStatus > 0)
            notes.Add($"{ValueText.Money(noStatus)} of the {ValueText.Money(live)} customers in the matrix have no churn status (no model and no repeat history): they count as live because nothing says they left, not because anything says they stay");
        if (mvcDevelop > 0) notes.Add($"{ValueText.Count(mvcDevelop, "MVC", "MVCs")} with low share and small volume {(mvcDevelop == 1 ? "is" : "are")} develop, not acquire-or-abandon");
        if (mgcDevelop > 0) notes.Add($"{ValueText.Count(mgcDevelop, "MGC", "MGCs")} with low share and small volume {(mgcDevelop == 1 ? "is" : "are")} develop, not acquire-or-abandon: the value class found room to grow");
        var result = new DimensionResult(Dimensions.Strategy, classes, [], method) { Notes = notes, Figures = figures, FigureTexts = groups };
        return new StrategyResult(result, share, estimated);
    }

    private const int FState = 0, FChurnStatus = 1, FBasis = 2, FYearly = 3, FScaledDays = 4, FWallet = 5, FRaised = 6, FComparable = 7, FVolume = 8, FValueClass = 9;

    /// <summary>The strategy of a live customer: share × volume; an MVC or MGC with low share and small volume developed; "share-unknown" without a wallet.</summary>
    private static string Class(WalletBasis basis, bool high, bool large, double valueClass)
    {
        if (basis == WalletBasis.Unknown) return ShareUnknown;
        var cls = (high, large) switch
        {
            (true, true) => "keep",
            (true, false) => "maintain-or-acquire",
            (false, true) => "develop",
            _ => "acquire-or-abandon",
        };
        return cls == "acquire-or-abandon" && valueClass is 1 or 2 ? "develop" : cls;
    }

    /// <summary>
    /// Why a customer has its strategy, from the figures stored for it (<see cref="Declaration"/>): its share of wallet against the
    /// threshold (and where the wallet came from) and its volume against the cut the context learned; for a customer out of the
    /// matrix, why. A pure function of the row, the context's cuts, the options, the scoring horizon (days) and whether any
    /// customer of the base had a segment or a size to be compared by (<see cref="WalletContext.AnyComparable"/>).
    /// </summary>
    public static string? Reason(ReasonRow row, StrategyMatrixContext context, StrategyMatrixOptions options, double horizonDays, bool anyComparable = true)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var f = row.Figures;
        if (double.IsNaN(f[0])) return null;
        if (f[0] == 0) return "n/a: no completed order: the strategy matrix is for actual customers";
        if (f[0] == 1)
            return $"n/a: {ChurnStatus.Classes[(int)f[1]]} by the churn status: the matrix plans live relationships (a lapsed or lost customer has no upcoming volume); the churn status's action applies";
        var basis = (WalletBasis)(int)f[2];
        var share = f[3];
        var yearly = f[4];
        var days = (int)f[5];
        var wallet = f[7];
        var raised = f[8] == 1;
        var comparable = (int)f[9];
        var group = row.Texts[13];
        var high = basis != WalletBasis.Unknown && share >= options.HighShareFrom;
        var (shareValue, threshold) = ValueText.Pair(double.IsNaN(share) ? 0 : share, options.HighShareFrom);
        var revenueText = days == 0
            ? $"yearly revenue {ValueText.Money(yearly)}"
            : $"yearly revenue {ValueText.Money(yearly)} ({ValueText.Money(f[6])} in the {ValueText.Count(days, "day", "days")} since the first purchase, scaled to a year)";
        var shareText = basis switch
        {
            WalletBasis.Known => $"share of wallet {shareValue} {(high ? "at or above" : "below")} {threshold} ({revenueText} of a wallet of {ValueText.Money(wallet)})",
            WalletBasis.ComparableWallets => $"share of wallet {shareValue} (estimated) {(high ? "at or above" : "below")} {threshold} ({revenueText} of an estimated wallet of {ValueText.Money(wallet)}: {(raised ? "its own yearly spend, above " : "")}the median known wallet of {ValueText.Count(comparable, "comparable customer", "comparable customers")}, {group})",
            WalletBasis.ComparableSpend => $"share of wallet {shareValue} (estimated) {(high ? "at or above" : "below")} {threshold} ({revenueText} of an estimated wallet of {ValueText.Money(wallet)}: {(raised ? "its own yearly spend, above " : "")}the {Ordinal(options.WalletSpendQuantile)} percentile of the yearly spend of {ValueText.Count(comparable, "comparable customer", "comparable customers")}, {group})",
            _ when !anyComparable => "share of wallet unknown: no wallet in the data, and no segment or size (employees, turnover) to compare customers by",
            _ => "share of wallet unknown: no wallet in the data, and too few comparable customers (same segment or size band) to estimate one",
        };

        var quantile = Quantile(options);
        string volumeText;
        bool large;
        if (f[10] == 0)
        {
            var er = f[11];
            large = er > 0 && er >= context.PredictedCut;
            var (v, cutText) = ValueText.Pair(er, context.PredictedCut);
            volumeText = $"expected revenue over the next {ValueText.Money(horizonDays)} days {v} {Compare(er, large)} the {quantile} {cutText} of live customers";
        }
        else
        {
            large = yearly > 0 && yearly >= context.PastCut;
            var (v, cutText) = ValueText.Pair(yearly, context.PastCut);
            volumeText = f[10] == 1
                ? $"no predicted revenue, so the yearly revenue {v} {Compare(yearly, large)} the {quantile} {cutText} of live customers"
                : $"yearly revenue {v} {Compare(yearly, large)} the {quantile} {cutText} of live customers (no model predicts the volume; the past year stands for it)";
        }

        var valueClass = f[12];
        var cls = Class(basis, high, large, valueClass);
        var note = "";
        if (basis == WalletBasis.Unknown)
        {
            // Letting go is no choice for an MVC or an MGC: what they are worth, or could be, is the value class's finding.
            var choice = large ? "keep or develop" : valueClass is 1 or 2 ? "maintain or develop" : "maintain or let go";
            note = $"; {(large ? "large" : "small")} volume: find out the share of wallet before choosing {choice}";
        }
        else if (!high && !large && valueClass == 1)
        {
            note = "; an MVC (most valuable customer) is developed, not abandoned: low share and small volume would be acquire-or-abandon";
        }
        else if (!high && !large && valueClass == 2)
        {
            note = "; an MGC (most growable customer: room to grow by the value class) is developed, not abandoned: low share and small volume would be acquire-or-abandon";
        }
        return $"{cls}: {shareText}; {volumeText}{note}";
    }

    private static string Quantile(StrategyMatrixOptions options) =>
        options.LargeVolumeQuantile == 0.5 ? "median" : $"{ValueText.Percent(options.LargeVolumeQuantile)} quantile";

    private static int IndexOf(IReadOnlyList<string> classes, string @class)
    {
        for (var k = 0; k < classes.Count; k++)
            if (classes[k] == @class) return k;
        throw new ArgumentException($"'{@class}' is not among {string.Join(", ", classes)}.", nameof(@class));
    }

    private static string Ordinal(double quantile) => ValueText.Percent(quantile).TrimEnd('%') + "th";

    private static string Compare(double volume, bool large) => large ? "at or above" : volume > 0 ? "below" : "(none) not above";
}
