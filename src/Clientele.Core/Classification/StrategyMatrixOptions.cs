using System.ComponentModel.DataAnnotations;

namespace Clientele.Classification;

/// <summary>
/// The thresholds of <see cref="StrategyMatrix"/>, with their defaults (documented in docs/classification.md): share of
/// wallet high/low × upcoming purchase volume large/small.
/// </summary>
public sealed record StrategyMatrixOptions
{
    /// <summary>
    /// High share of wallet from this share (0-1) up. Default 0.5: we hold at least half of what the customer spends in
    /// our category. It also separates the simulator's regular customers (share ~ Beta(2, 4), mean 0.33) from its
    /// supporters (Beta(6, 3), mean 0.67).
    /// </summary>
    [Range(0d, 10d)]
    public double HighShareFrom { get; init; } = 0.5;

    /// <summary>
    /// Large volume from this quantile (0-1) of the actual customers' expected revenue up. Default 0.5, the median: the
    /// larger half of upcoming volume.
    /// </summary>
    [Range(0d, 1d)]
    public double LargeVolumeQuantile { get; init; } = 0.5;

    /// <summary>
    /// Fewest known wallets a comparable group needs for its median to estimate a missing wallet. Default 5: a median of
    /// five is already robust to one odd wallet; fewer and the next, broader group is used.
    /// </summary>
    [Range(1, 1000000)]
    public int MinimumComparableWallets { get; init; } = 5;

    /// <summary>
    /// Attributes of <c>customers.attributes</c> that state a party's size, tried in this order (names matched ignoring
    /// case; the first with a positive number wins): comparable customers for a wallet estimate are of the same size
    /// band. Default employees, headcount, staff, size, revenue, turnover, annual_revenue: a firm's headcount or its own
    /// turnover (not what it spends with us) is what the published wallet models condition on.
    /// </summary>
    public IReadOnlyList<string> SizeAttributes { get; init; } = ["employees", "headcount", "staff", "size", "revenue", "turnover", "annual_revenue"];

    /// <summary>
    /// Where no wallet is known for a customer nor for enough comparable ones, its wallet is estimated as this quantile
    /// (0.5-1) of the yearly spend of comparable customers: the customers who spend the most among comparable ones
    /// approximate what such a customer could spend (high-quantile wallet estimation, Perlich, Rosset et al., IBM 2007).
    /// Default 0.9.
    /// </summary>
    [Range(0.5d, 1d)]
    public double WalletSpendQuantile { get; init; } = 0.9;

    /// <summary>
    /// Fewest comparable customers with spend in the last year a group needs for <see cref="WalletSpendQuantile"/> of
    /// their spend to estimate a wallet. Default 8: fewer, and a high quantile is little more than the largest of them.
    /// </summary>
    [Range(2, 1000000)]
    public int MinimumComparableCustomers { get; init; } = 8;

    /// <summary>
    /// Customers whose first purchase is less than a year before the as-of date have their revenue of the last year
    /// scaled up to a year, over at least this many days (default 90), so that a new customer's share is not understated
    /// by the months before it bought; a customer of a few days is scaled as if of this many.
    /// </summary>
    [Range(1, 365)]
    public int AnnualiseFromDays { get; init; } = 90;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; <c>ParamName</c> names it.</exception>
    public void Validate()
    {
        if (!(HighShareFrom >= 0) || !double.IsFinite(HighShareFrom))
            throw new ArgumentOutOfRangeException(nameof(HighShareFrom), HighShareFrom, "HighShareFrom must be a share of at least 0.");
        if (!(LargeVolumeQuantile is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(LargeVolumeQuantile), LargeVolumeQuantile, "LargeVolumeQuantile must be between 0 and 1.");
        if (MinimumComparableWallets < 1)
            throw new ArgumentOutOfRangeException(nameof(MinimumComparableWallets), MinimumComparableWallets, "MinimumComparableWallets must be at least 1.");
        if (AnnualiseFromDays is < 1 or > 365)
            throw new ArgumentOutOfRangeException(nameof(AnnualiseFromDays), AnnualiseFromDays, "AnnualiseFromDays must be between 1 and 365.");
    }
}
