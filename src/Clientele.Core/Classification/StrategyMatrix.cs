using Clientele.Classification.Internal;

namespace Clientele.Classification;

/// <summary>
/// Strategy matrix of actual customers (DOMAIN.md, article 001): share of wallet (high/low) × upcoming purchase volume
/// (large/small). high × large: keep (hold the relationship close); high × small: maintain-or-acquire; low × large:
/// develop; low × small: acquire-or-abandon.
/// <para>
/// Share of wallet = revenue of the last 365 days (scaled up to a year for customers of less than a year) / the customer's
/// wallet (<see cref="CustomerColumns.WalletEstimate"/>). Where the wallet is unknown it is estimated as the median known
/// wallet of comparable customers: the same domain (organizations) or population group (persons) and the same revenue band
/// (1-2-5 series), falling back to the same kind, then to everyone of the band; such shares are labelled estimated. Where
/// no comparable group has enough known wallets the share is unknown and counted as low: we cannot claim to hold most of
/// that customer's spend, and both low-share actions (develop, acquire-or-abandon) start by finding out.
/// </para>
/// <para>
/// Volume = the expected revenue of the horizon (<see cref="CustomerScores.ExpectedRevenue"/>), large at or above a
/// quantile of the actual customers' expected revenues (and above 0). Where a customer has no prediction (no model), its
/// revenue of the last year is compared with the same quantile of the actual customers' revenues of the last year.
/// </para>
/// </summary>
public static class StrategyMatrix
{
    /// <summary>The classes.</summary>
    public static readonly IReadOnlyList<string> Classes = ["keep", "maintain-or-acquire", "develop", "acquire-or-abandon"];

    /// <summary>Classifies every customer of <paramref name="columns"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="StrategyMatrixOptions.Validate"/>).</exception>
    public static StrategyResult Classify(CustomerColumns columns, CustomerScores scores, StrategyMatrixOptions options)
    {
        options.Validate();
        var n = columns.Count;
        var classes = new string?[n];
        var reasons = new string?[n];
        var share = new double[n];
        var estimated = new bool[n];
        var yearly = new double[n];
        var days = new int[n];
        for (var i = 0; i < n; i++) yearly[i] = Yearly(columns, i, options, out days[i]);

        var wallets = ComparableWallets.Build(columns, yearly, options.MinimumComparableWallets);
        var predicted = ValueQuantile.Sorted(n, columns.HasBought, i => scores.ExpectedRevenue[i]);
        var past = ValueQuantile.Sorted(n, columns.HasBought, i => yearly[i]);
        var predictedCut = ValueQuantile.Of(predicted, options.LargeVolumeQuantile);
        var pastCut = ValueQuantile.Of(past, options.LargeVolumeQuantile);
        var quantile = options.LargeVolumeQuantile == 0.5 ? "median" : $"{ValueText.Percent(options.LargeVolumeQuantile)} quantile";
        var threshold = ValueText.Rate(options.HighShareFrom);
        int known = 0, fromComparable = 0, unknown = 0, fromPast = 0;

        for (var i = 0; i < n; i++)
        {
            var wallet = columns.WalletEstimate[i] is { } w && w > 0 && double.IsFinite(w) ? w : double.NaN;
            var buyer = columns.HasBought(i);
            share[i] = yearly[i] / wallet;
            if (!buyer)
            {
                reasons[i] = "no completed order: the strategy matrix is for actual customers";
                continue;
            }
            var revenueText = RevenueText(columns.RevenueLastYear[i], yearly[i], days[i]);
            string shareText;
            if (!double.IsNaN(wallet))
            {
                known++;
                shareText = $"share of wallet {ValueText.Rate(share[i])} (revenue last year {revenueText} of wallet {ValueText.Money(wallet)})";
            }
            else if (wallets.TryEstimate(columns, i, yearly[i], out var median, out var count, out var group))
            {
                fromComparable++;
                share[i] = yearly[i] / median;
                estimated[i] = true;
                shareText = $"share of wallet {ValueText.Rate(share[i])} estimated (revenue last year {revenueText} of an estimated wallet {ValueText.Money(median)}: median of {ValueText.Count(count, "known wallet", "known wallets")} of {group})";
            }
            else
            {
                unknown++;
                shareText = $"share of wallet unknown (no wallet, and fewer than {ValueText.Count(options.MinimumComparableWallets, "known wallet", "known wallets")} among comparable {group}): treated as low";
            }
            var high = share[i] >= options.HighShareFrom;
            if (!double.IsNaN(share[i])) shareText += high ? $" at or above {threshold}" : $" below {threshold}";

            string volumeText;
            bool large;
            var er = scores.ExpectedRevenue[i];
            if (double.IsFinite(er))
            {
                large = er > 0 && er >= predictedCut;
                volumeText = $"expected revenue {ValueText.Money(er)} in {ValueText.Money(scores.HorizonDays)} days {Compare(er, large)} the {quantile} {ValueText.Cut(predictedCut)}";
            }
            else
            {
                fromPast++;
                large = yearly[i] > 0 && yearly[i] >= pastCut;
                volumeText = $"no predicted revenue, so revenue last year {ValueText.Money(yearly[i])} {Compare(yearly[i], large)} the {quantile} {ValueText.Cut(pastCut)} of actual customers";
            }
            var c = (high, large) switch
            {
                (true, true) => "keep",
                (true, false) => "maintain-or-acquire",
                (false, true) => "develop",
                _ => "acquire-or-abandon",
            };
            classes[i] = c;
            reasons[i] = $"{c}: {shareText}; {volumeText}";
        }

        var buyers = known + fromComparable + unknown;
        var method = $"share of wallet (high from {threshold}) × volume (large from the {quantile} of actual customers' "
            + (predicted.Length > 0 ? "expected revenue" : "revenue last year, no model") + ")";
        var notes = new List<string>();
        if (buyers == 0) notes.Add("no actual customers: nobody is in the strategy matrix");
        else
        {
            notes.Add($"share of wallet from a known wallet for {ValueText.Money(known)}, estimated from comparable customers for {ValueText.Money(fromComparable)}, unknown (counted as low) for {ValueText.Money(unknown)} of {ValueText.Money(buyers)} actual customers");
            if (fromPast > 0) notes.Add($"{ValueText.Money(fromPast)} actual customers have no predicted revenue: their volume is the revenue of the last year (large from {ValueText.Cut(pastCut)})");
        }
        var result = new DimensionResult(Dimensions.Strategy, classes, reasons, method) { Notes = notes };
        return new StrategyResult(result, share, estimated);
    }

    /// <summary>Revenue of the last 365 days, scaled up to a year when the first purchase is more recent; <paramref name="days"/> is then the days since it (else 0).</summary>
    private static double Yearly(CustomerColumns columns, int i, StrategyMatrixOptions options, out int days)
    {
        days = 0;
        var revenue = columns.RevenueLastYear[i];
        if (columns.Summary.FirstPurchase[i] is not { } first) return revenue;
        var known = columns.AsOf.DayNumber - first.DayNumber + 1;
        if (known >= 365) return revenue;
        days = Math.Max(known, 1);
        return revenue * 365 / Math.Max(days, options.AnnualiseFromDays);
    }

    private static string RevenueText(double revenue, double yearly, int days) => days == 0
        ? ValueText.Money(revenue)
        : $"{ValueText.Money(revenue)} in {ValueText.Count(days, "day", "days")} since the first purchase, {ValueText.Money(yearly)} a year";

    private static string Compare(double volume, bool large) => large ? "at or above" : volume > 0 ? "below" : "(none) not above";
}
