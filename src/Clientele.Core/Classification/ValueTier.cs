using Clientele.Classification.Internal;

namespace Clientele.Classification;

/// <summary>
/// Value tier of actual customers (DOMAIN.md, article 001): small, medium, large or VIP by customer value =
/// past net value + predicted future net value (<see cref="CustomerScores.Value"/>; net margin, or revenue where the data
/// has no margins). Cuts are quantiles of value among the customers who have bought (a customer is in a tier when its
/// value is above the cut, so tied values fall to the lower tier), or fixed money cuts (value at or above the cut).
/// Parties who have not bought get no tier.
/// </summary>
public static class ValueTier
{
    /// <summary>The classes, from the lowest.</summary>
    public static readonly IReadOnlyList<string> Classes = ["small", "medium", "large", "VIP"];

    /// <summary>The dimension's declaration: its name, title, classes and playbook (<see cref="DimensionDeclaration"/>).</summary>
    public static readonly DimensionDeclaration Declaration = new(Dimensions.ValueTier, "Value tier")
    {
        Classes = Classes,
        Ranking = DimensionRanking.LowestFirst,
        Playbook = new Dictionary<string, string>
        {
            ["VIP"] = "A named account manager and personal attention.",
            ["large"] = "Regular account reviews and tailored offers.",
            ["medium"] = "Efficient service and cross-selling.",
            ["small"] = "Low-cost digital service.",
        },
        // A level of service is for a customer we still serve: for a lapsed or lost one the churn status's win-back comes first
        // (its personal call where the value warrants one); a customer with no churn status keeps it, since nothing says it left.
        NotForEndedRelationships = new HashSet<string>(Classes),
        Reason = new ReasonDeclaration((@class, row, context) => Reason(@class, row, context.Classification.ValueTier, context.UsesMargin)),
    };

    /// <summary>Classifies every customer of <paramref name="columns"/>: <see cref="Apply"/> of <see cref="Learn"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="ValueTierOptions.Validate"/>).</exception>
    public static DimensionResult Classify(CustomerColumns columns, CustomerScores scores, ValueTierOptions options) =>
        Apply(Learn(columns, scores, options), columns, scores, options);

    /// <summary>The cuts: the options' fixed money cuts, or quantiles of value among the customers who have bought.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="ValueTierOptions.Validate"/>).</exception>
    public static ValueTierContext Learn(CustomerColumns columns, CustomerScores scores, ValueTierOptions options)
    {
        options.Validate();
        var values = ValueQuantile.Sorted(columns.Count, columns.HasBought, scores.Value);
        if (options.UsesFixedCuts)
            return new ValueTierContext([options.MediumFrom!.Value, options.LargeFrom!.Value, options.VipFrom!.Value], ["fixed", "fixed", "fixed"], true, values.Length);
        var vip = options.VipShare;
        var large = vip + options.LargeShare;
        var medium = large + options.MediumShare;
        return new ValueTierContext(
            [ValueQuantile.Of(values, 1 - medium), ValueQuantile.Of(values, 1 - large), ValueQuantile.Of(values, 1 - vip)],
            [$"top {ValueText.Percent(medium)}", $"top {ValueText.Percent(large)}", $"top {ValueText.Percent(vip)}"], false, values.Length);
    }

    /// <summary>
    /// Classifies the customers <paramref name="customers"/> (indices into <paramref name="columns"/>; null for all) from their own
    /// scores and <paramref name="context"/>'s cuts; the others' entries stay null. The notes count the customers classified.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="ValueTierOptions.Validate"/>).</exception>
    public static DimensionResult Apply(ValueTierContext context, CustomerColumns columns, CustomerScores scores, ValueTierOptions options,
        IReadOnlyList<int>? customers = null)
    {
        options.Validate();
        var n = columns.Count;
        var classes = new string?[n];
        var kind = ValueText.ValueKind(scores.UsesMargin);
        var fixedCuts = context.FixedCuts;
        // cuts[0] medium, [1] large, [2] VIP; labels say how each was set.
        var cuts = context.Cuts;
        var actual = context.ActualCustomers;

        var withoutFuture = 0;
        var count = customers?.Count ?? n;
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            if (!columns.HasBought(i)) continue;
            var value = scores.Value(i);
            var tier = 0;
            for (var t = 2; t >= 0; t--)
            {
                // A quantile share of 0 puts nobody in the tier: its cut equals the next one up (the maximum for VIP).
                if (fixedCuts ? value >= cuts[t] : value > cuts[t])
                {
                    tier = t + 1;
                    break;
                }
            }
            if (double.IsNaN(scores.FutureNetValue[i])) withoutFuture++;
            classes[i] = Classes[tier];
        }

        var method = fixedCuts
            ? $"fixed money cuts of customer value ({kind}): medium from {ValueText.Cut(cuts[0])}, large from {ValueText.Cut(cuts[1])}, VIP from {ValueText.Cut(cuts[2])}"
            : $"quantile cuts of customer value ({kind}) among {ValueText.Money(actual)} actual customers: VIP top {ValueText.Percent(options.VipShare)}, large next {ValueText.Percent(options.LargeShare)}, medium next {ValueText.Percent(options.MediumShare)}, small the rest";
        var notes = new List<string>();
        if (actual == 0) notes.Add("no actual customers: nobody has a value tier");
        else if (!fixedCuts) notes.Add($"cuts: medium above {ValueText.Cut(cuts[0])}, large above {ValueText.Cut(cuts[1])}, VIP above {ValueText.Cut(cuts[2])}");
        if (withoutFuture > 0)
            notes.Add($"{ValueText.Money(withoutFuture)} of {ValueText.Money(actual)} actual customers have no predicted future value (no model): their value is the past alone");
        return new DimensionResult(Dimensions.ValueTier, classes, [], method) { Notes = notes };
    }

    /// <summary>
    /// Why a customer has its tier: its value (past + future) against the cut it passed and the next one up, each printed with
    /// enough decimals to read true; for a party that has not bought, why it has none.
    /// </summary>
    public static string Reason(string? @class, ReasonRow row, ValueTierContext context, bool usesMargin)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(context);
        var tier = @class is null ? -1 : IndexOf(@class);
        if (!row.HasBought || tier < 0) return "n/a: no completed order: value tiers are for actual customers";
        var fixedCuts = context.FixedCuts;
        var cuts = context.Cuts;
        var labels = context.Labels;
        var (value, past, future) = (row.Value, row.PastNetValue, row.FutureNetValue);
        // The cuts the reason states: the one passed (below the tier) and the next one up, each compared with the value.
        var lower = tier > 0 ? cuts[tier - 1] : double.NaN;
        var upper = tier < 3 ? cuts[tier] : double.NaN;
        var f = ValueText.Together(ValueText.StartDecimals(value, past, future, lower, upper),
            [value, past, double.IsNaN(future) ? 0 : future, double.IsNaN(lower) ? 0 : lower, double.IsNaN(upper) ? 0 : upper],
            r => r[0] == r[1] + r[2]
                && (double.IsNaN(lower) || (fixedCuts ? r[0] >= r[3] : r[0] > r[3]))
                && (double.IsNaN(upper) || (fixedCuts ? r[0] < r[4] : r[0] <= r[4])));
        var parts = double.IsNaN(future) ? $"past {f[1]}, no prediction" : $"past {f[1]} + future {f[2]}";
        var passed = fixedCuts ? "at or above" : "above";
        var notNext = fixedCuts ? "below" : "not above";
        var cut = tier == 0
            ? $"{notNext} the {Classes[1]} cut ({labels[0]}) {f[4]}"
            : tier == 3
                ? $"{passed} the VIP cut ({labels[2]}) {f[3]}"
                : $"{passed} the {Classes[tier]} cut ({labels[tier - 1]}) {f[3]}, {notNext} the {Classes[tier + 1]} cut ({labels[tier]}) {f[4]}";
        return $"{Classes[tier]}: value {f[0]} in {ValueText.ValueKind(usesMargin)} ({parts}) {cut}";
    }

    private static int IndexOf(string @class)
    {
        for (var t = 0; t < Classes.Count; t++)
            if (Classes[t] == @class) return t;
        return -1;
    }
}
