using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Clientele.Classification;

/// <summary>
/// The thresholds of <see cref="ValueTier"/>, with their defaults (documented in docs/classification.md). By default the
/// tiers are quantile cuts of customer value among actual customers: VIP the top 5%, large the next 15%, medium the next
/// 30%, small the remaining 50%. Customer value is heavy-tailed (purchase rates and spend are both Gamma-distributed), so
/// the top 20% carry most of the value: 5% is a list small enough for personal care, 15% more the key accounts a sales
/// team can still know by name, and the bottom half together bring little. Setting all three money cuts
/// (<see cref="VipFrom"/>, <see cref="LargeFrom"/>, <see cref="MediumFrom"/>) replaces the quantiles with fixed cuts.
/// </summary>
public sealed record ValueTierOptions
{
    /// <summary>Share of actual customers (0-1) that are VIP: value above the (1 − share)-quantile. Default 0.05.</summary>
    [Range(0d, 1d)]
    public double VipShare { get; init; } = 0.05;

    /// <summary>Share of actual customers (0-1) in the large tier, below the VIP. Default 0.15 (VIP and large: the top 20%).</summary>
    [Range(0d, 1d)]
    public double LargeShare { get; init; } = 0.15;

    /// <summary>Share of actual customers (0-1) in the medium tier, below the large. Default 0.30 (the top half is medium or better).</summary>
    [Range(0d, 1d)]
    public double MediumShare { get; init; } = 0.30;

    /// <summary>Fixed cut: VIP from this value (money, the data's currency), or null for the quantile cuts. Default null.</summary>
    [Range(-1000000000000d, 1000000000000d)]
    public double? VipFrom { get; init; }

    /// <summary>Fixed cut: large from this value up to <see cref="VipFrom"/>, or null. Default null.</summary>
    [Range(-1000000000000d, 1000000000000d)]
    public double? LargeFrom { get; init; }

    /// <summary>Fixed cut: medium from this value up to <see cref="LargeFrom"/>, or null. Default null.</summary>
    [Range(-1000000000000d, 1000000000000d)]
    public double? MediumFrom { get; init; }

    /// <summary>Whether fixed money cuts replace the quantiles (all three set).</summary>
    [JsonIgnore]
    public bool UsesFixedCuts => VipFrom is not null && LargeFrom is not null && MediumFrom is not null;

    /// <summary>Throws when a share is outside 0-1, the shares add up to more than 1, or the fixed cuts are partial or out of order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; <c>ParamName</c> names it.</exception>
    public void Validate()
    {
        Share(VipShare, nameof(VipShare));
        Share(LargeShare, nameof(LargeShare));
        Share(MediumShare, nameof(MediumShare));
        if (VipShare + LargeShare + MediumShare > 1 + 1e-12)
            throw new ArgumentOutOfRangeException(nameof(MediumShare), VipShare + LargeShare + MediumShare,
                "VipShare + LargeShare + MediumShare must be at most 1 (small is the rest).");
        var set = (VipFrom is null ? 0 : 1) + (LargeFrom is null ? 0 : 1) + (MediumFrom is null ? 0 : 1);
        if (set is 1 or 2)
            throw new ArgumentOutOfRangeException(VipFrom is null ? nameof(VipFrom) : LargeFrom is null ? nameof(LargeFrom) : nameof(MediumFrom),
                "Fixed cuts need all three of VipFrom, LargeFrom and MediumFrom (or none, for the quantile cuts).");
        if (set == 3 && !(VipFrom >= LargeFrom && LargeFrom >= MediumFrom))
            throw new ArgumentOutOfRangeException(nameof(LargeFrom), $"Fixed cuts must satisfy VipFrom ≥ LargeFrom ≥ MediumFrom (got {VipFrom}, {LargeFrom}, {MediumFrom}).");
    }

    private static void Share(double value, string name)
    {
        if (!(value is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be a share between 0 and 1.");
    }
}
