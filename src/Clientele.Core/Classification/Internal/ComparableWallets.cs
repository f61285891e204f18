namespace Clientele.Classification.Internal;

/// <summary>
/// Estimates of missing wallets from comparable customers: the median known wallet of the customers of the same segment
/// (domain for organizations, population group for persons) and the same revenue band, falling back to the same kind,
/// then to everyone of the band. Revenue bands follow the 1-2-5 series (100-200, 200-500, 500-1,000, ...), each about
/// twice to two and a half times the one below; revenue 0 is a band of its own.
/// </summary>
internal sealed class ComparableWallets
{
    private const int NoRevenue = int.MinValue;
    private static readonly double[] Steps = [1, 2, 5];

    private readonly Dictionary<(int Level, string Key, int Band), double[]> _groups;
    private readonly int _minimum;

    private ComparableWallets(Dictionary<(int, string, int), double[]> groups, int minimum)
    {
        _groups = groups;
        _minimum = minimum;
    }

    /// <summary>Groups the known positive wallets of every party by segment, kind and all, each within the band of <paramref name="yearlyRevenue"/>.</summary>
    public static ComparableWallets Build(CustomerColumns columns, double[] yearlyRevenue, int minimum)
    {
        var lists = new Dictionary<(int, string, int), List<double>>();
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns.WalletEstimate[i] is not { } wallet || !(wallet > 0) || !double.IsFinite(wallet)) continue;
            var band = Band(yearlyRevenue[i]);
            for (var level = 0; level < 3; level++)
            {
                if (Key(columns, i, level) is not { } key) continue;
                if (!lists.TryGetValue((level, key, band), out var list)) lists[(level, key, band)] = list = [];
                list.Add(wallet);
            }
        }
        var groups = new Dictionary<(int, string, int), double[]>(lists.Count);
        foreach (var (key, list) in lists)
        {
            var sorted = list.ToArray();
            Array.Sort(sorted);
            groups[key] = sorted;
        }
        return new ComparableWallets(groups, minimum);
    }

    /// <summary>The median known wallet of the narrowest comparable group with enough wallets, its size and its description; false when none has enough.</summary>
    public bool TryEstimate(CustomerColumns columns, int i, double yearlyRevenue, out double wallet, out int count, out string group)
    {
        var band = Band(yearlyRevenue);
        for (var level = 0; level < 3; level++)
        {
            if (Key(columns, i, level) is not { } key) continue;
            if (_groups.TryGetValue((level, key, band), out var sorted) && sorted.Length >= _minimum)
            {
                wallet = ValueQuantile.Of(sorted, 0.5);
                count = sorted.Length;
                group = $"{Describe(level, key)} with {BandText(band)}";
                return true;
            }
        }
        wallet = double.NaN;
        count = 0;
        group = $"customers with {BandText(band)}";
        return false;
    }

    /// <summary>The segment (level 0), kind (1) or everyone (2) of customer <paramref name="i"/>, or null where the data does not say.</summary>
    private static string? Key(CustomerColumns columns, int i, int level) => level switch
    {
        0 => columns.Kind[i] switch
        {
            "organization" => columns.Domain[i],
            "person" => columns.PopulationGroup[i],
            _ => columns.Domain[i] ?? columns.PopulationGroup[i],
        },
        1 => columns.Kind[i],
        _ => "",
    };

    private static string Describe(int level, string key) => level switch
    {
        0 => key,
        1 => key switch { "organization" => "organizations", "person" => "persons", _ => key },
        _ => "all customers",
    };

    /// <summary>The 1-2-5 band of a yearly revenue: 3 per power of ten.</summary>
    public static int Band(double revenue)
    {
        if (!(revenue > 0) || !double.IsFinite(revenue)) return NoRevenue;
        var e = (int)Math.Floor(Math.Log10(revenue));
        var mantissa = revenue / Math.Pow(10, e);
        // Log10 can land a hair below an exact power of ten.
        if (mantissa >= 10) { e++; mantissa /= 10; }
        if (mantissa < 1) { e--; mantissa *= 10; }
        return 3 * e + (mantissa < 2 ? 0 : mantissa < 5 ? 1 : 2);
    }

    /// <summary>"revenue last year 200-500", or "no revenue last year".</summary>
    public static string BandText(int band)
    {
        if (band == NoRevenue) return "no revenue last year";
        var e = (int)Math.Floor(band / 3.0);
        var step = band - 3 * e;
        var lower = Steps[step] * Math.Pow(10, e);
        var upper = step == 2 ? Math.Pow(10, e + 1) : Steps[step + 1] * Math.Pow(10, e);
        return $"revenue last year {Format(lower)}-{Format(upper)}";
    }

    private static string Format(double amount) => amount >= 1 ? ValueText.Money(amount) : amount.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
