using System.Globalization;

namespace Clientele.Classification.Internal;

/// <summary>How a customer's wallet (its yearly spend in our category, all suppliers) is known.</summary>
internal enum WalletBasis
{
    /// <summary>Neither the data nor comparable customers give one.</summary>
    Unknown,

    /// <summary><c>customers.wallet_estimate</c>.</summary>
    Known,

    /// <summary>The median known wallet of comparable customers.</summary>
    ComparableWallets,

    /// <summary>A high quantile of comparable customers' yearly spend with us (Perlich, Rosset et al. 2007).</summary>
    ComparableSpend,
}

/// <summary>
/// Every customer's wallet: the known <c>wallet_estimate</c>; else, from comparable customers — the same segment of the
/// structure map (<see cref="SegmentKeys"/>) and, where the data states a size (<see cref="CustomerColumns.Size"/>:
/// employees, turnover, ...), the same 1-2-5 size band — the median of their known wallets when enough are known, else a
/// high quantile of their yearly spend with us: the customers who spend the most among comparable ones approximate what
/// such a customer could spend (high-quantile wallet estimation, Perlich, Rosset et al., "High-quantile modeling for
/// customer wallet estimation", IBM 2007). The narrowest group with enough customers is used: segment and size band,
/// then the segment alone, then each coarser level of the segment, then the size band within the kind. A customer with
/// neither a segment nor a size has no comparable customers (everyone is not a comparison): its wallet is unknown.
/// </summary>
internal sealed class WalletEstimates
{
    private WalletEstimates(int n)
    {
        Wallet = new double[n];
        Basis = new WalletBasis[n];
        Group = new string?[n];
        GroupSize = new int[n];
        Raised = new bool[n];
        Array.Fill(Wallet, double.NaN);
    }

    /// <summary>The wallet per customer (NaN where unknown).</summary>
    public double[] Wallet { get; }

    /// <summary>How each wallet is known.</summary>
    public WalletBasis[] Basis { get; }

    /// <summary>For estimated wallets: the comparable group ("organizations/technology with employees 1,000-2,000").</summary>
    public string?[] Group { get; }

    /// <summary>For estimated wallets: how many known wallets or spends the estimate rests on.</summary>
    public int[] GroupSize { get; }

    /// <summary>For estimated wallets: whether the estimate was below the customer's own yearly spend and was raised to it (a wallet holds at least what is spent with us).</summary>
    public bool[] Raised { get; }

    /// <summary>Whether any customer has a segment or a size to be compared by (false: no estimate is possible at all).</summary>
    public bool AnyComparable { get; private set; }

    /// <summary>Estimates the wallets of every customer: <see cref="Apply"/> of <see cref="Learn"/>. <paramref name="yearly"/> is each customer's yearly spend with us (annualised).</summary>
    public static WalletEstimates Build(CustomerColumns columns, double[] yearly, SegmentKeys segments, StrategyMatrixOptions options) =>
        Apply(Learn(columns, yearly, segments, options), columns, yearly, segments);

    /// <summary>The estimate of every group of comparable customers that has enough known wallets or spending customers.</summary>
    public static WalletContext Learn(CustomerColumns columns, double[] yearly, SegmentKeys segments, StrategyMatrixOptions options)
    {
        var n = columns.Count;
        var anyComparable = false;
        var known = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var spend = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var comparable = new ComparableGroups(columns, segments);
        for (var i = 0; i < n; i++)
        {
            var groups = comparable.Of(i);
            if (groups.Length > 0) anyComparable = true;
            var wallet = OwnWallet(columns, i);
            var spends = columns.HasBought(i) && yearly[i] > 0 && double.IsFinite(yearly[i]);
            foreach (var group in groups)
            {
                if (!double.IsNaN(wallet)) Add(known, group, wallet);
                if (spends) Add(spend, group, yearly[i]);
            }
        }
        var sortedKnown = Sorted(known);
        var sortedSpend = Sorted(spend);
        var estimates = new Dictionary<string, WalletGroupEstimate>(StringComparer.Ordinal);
        foreach (var group in sortedKnown.Keys.Concat(sortedSpend.Keys))
        {
            if (estimates.ContainsKey(group)) continue;
            if (sortedKnown.TryGetValue(group, out var wallets) && wallets.Length >= options.MinimumComparableWallets)
                estimates[group] = new WalletGroupEstimate(ValueQuantile.Of(wallets, 0.5), true, wallets.Length);
            else if (sortedSpend.TryGetValue(group, out var spends) && spends.Length >= options.MinimumComparableCustomers)
                estimates[group] = new WalletGroupEstimate(ValueQuantile.Of(spends, options.WalletSpendQuantile), false, spends.Length);
        }
        return new WalletContext(estimates, anyComparable);
    }

    /// <summary>
    /// The wallets of the customers <paramref name="customers"/> (null for all): the known <c>wallet_estimate</c>, else the
    /// estimate of the narrowest group of <paramref name="context"/> the customer belongs to, raised to its own yearly spend.
    /// </summary>
    public static WalletEstimates Apply(WalletContext context, CustomerColumns columns, double[] yearly, SegmentKeys segments, IReadOnlyList<int>? customers = null)
    {
        var n = columns.Count;
        var estimates = new WalletEstimates(n) { AnyComparable = context.AnyComparable };
        var count = customers?.Count ?? n;
        var comparable = new ComparableGroups(columns, segments);
        var displays = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            var wallet = OwnWallet(columns, i);
            if (!double.IsNaN(wallet))
            {
                estimates.Wallet[i] = wallet;
                estimates.Basis[i] = WalletBasis.Known;
                continue;
            }
            foreach (var group in comparable.Of(i))
            {
                if (!context.Groups.TryGetValue(group, out var estimate)) continue;
                estimates.Wallet[i] = estimate.Wallet;
                if (yearly[i] > estimate.Wallet && double.IsFinite(yearly[i]))
                {
                    estimates.Wallet[i] = yearly[i];
                    estimates.Raised[i] = true;
                }
                estimates.Basis[i] = estimate.FromKnownWallets ? WalletBasis.ComparableWallets : WalletBasis.ComparableSpend;
                if (!displays.TryGetValue(group, out var display)) displays[group] = display = Display(group);
                estimates.Group[i] = display;
                estimates.GroupSize[i] = estimate.Count;
                break;
            }
        }
        return estimates;
    }

    private static double OwnWallet(CustomerColumns columns, int i) =>
        columns.WalletEstimate[i] is { } w && w > 0 && double.IsFinite(w) ? w : double.NaN;

    /// <summary>
    /// The comparable groups of each customer, narrowest first, as keys "path|band": made once per distinct segment and size band
    /// (customers share them: the groups a million customers fall in are the segments of the map times a few bands), as the same
    /// arrays for every customer of one.
    /// </summary>
    private sealed class ComparableGroups(CustomerColumns columns, SegmentKeys segments)
    {
        private readonly Dictionary<(string Segment, string? Attribute, int Band), string[]> _made = [];

        public string[] Of(int i)
        {
            var key = segments.Of(i);
            var (attribute, band) = columns.Size[i] is { } size && size > 0 && double.IsFinite(size) && columns.SizeAttribute[i] is { } a
                ? (a, Band(size))
                : (null, 0);
            if (!_made.TryGetValue((key.Text, attribute, band), out var groups))
                _made[(key.Text, attribute, band)] = groups = Groups(key, attribute is null ? null : $"{attribute.ToLowerInvariant()} {BandText(band)}");
            return groups;
        }

        private static string[] Groups(SegmentKeys.Key key, string? band)
        {
            var list = new List<string>(2 * key.Words.Length + 1);
            for (var depth = key.Words.Length; depth >= 1; depth--)
            {
                if (key.KnownPath(depth) is not { } path) continue;
                if (band is not null) list.Add(path + "|" + band);
                list.Add(path + "|");
            }
            if (band is not null && key.Kind != 2) list.Add((key.Kind == 0 ? StructureMap.Organizations : StructureMap.Persons) + "|" + band);
            else if (band is not null) list.Add("|" + band);
            return [.. list];
        }
    }

    private static string Display(string group)
    {
        var bar = group.IndexOf('|', StringComparison.Ordinal);
        var path = group[..bar];
        var band = group[(bar + 1)..];
        return (path.Length, band.Length) switch
        {
            (0, _) => $"parties with {band}",
            (_, 0) => path,
            _ => $"{path} with {band}",
        };
    }

    private static void Add(Dictionary<string, List<double>> lists, string key, double value)
    {
        if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
        list.Add(value);
    }

    private static Dictionary<string, double[]> Sorted(Dictionary<string, List<double>> lists)
    {
        var sorted = new Dictionary<string, double[]>(lists.Count, StringComparer.Ordinal);
        foreach (var (key, list) in lists)
        {
            var array = list.ToArray();
            Array.Sort(array);
            sorted[key] = array;
        }
        return sorted;
    }

    /// <summary>The 1-2-5 band of a positive amount: 3 per power of ten.</summary>
    public static int Band(double amount)
    {
        var e = (int)Math.Floor(Math.Log10(amount));
        var mantissa = amount / Math.Pow(10, e);
        // Log10 can land a hair below an exact power of ten.
        if (mantissa >= 10) { e++; mantissa /= 10; }
        if (mantissa < 1) { e--; mantissa *= 10; }
        return 3 * e + (mantissa < 2 ? 0 : mantissa < 5 ? 1 : 2);
    }

    /// <summary>"1,000-2,000".</summary>
    public static string BandText(int band)
    {
        var e = (int)Math.Floor(band / 3.0);
        var step = band - 3 * e;
        double[] steps = [1, 2, 5];
        var lower = steps[step] * Math.Pow(10, e);
        var upper = step == 2 ? Math.Pow(10, e + 1) : steps[step + 1] * Math.Pow(10, e);
        return $"{Format(lower)}-{Format(upper)}";
    }

    private static string Format(double amount) => amount >= 1
        ? amount.ToString("N0", CultureInfo.InvariantCulture)
        : amount.ToString("0.###", CultureInfo.InvariantCulture);
}
