using System.Text.Json.Serialization;
using Clientele.Classification.Internal;

namespace Clientele.Classification;

/// <summary>
/// The wallet estimates of comparable customers learned from the whole base, shared by <see cref="ValueClass"/> and
/// <see cref="StrategyMatrix"/>: one estimate per group of comparable customers (a segment of the structure map, a 1-2-5 size
/// band, or both) that has enough known wallets or spending customers. A customer's own <c>wallet_estimate</c> is read from
/// its columns when applied; without one it takes the estimate of its narrowest group listed here.
/// </summary>
/// <param name="Groups">The estimate per group key ("organizations/technology|employees 1,000-2,000": segment path, '|', size band; either may be empty).</param>
/// <param name="AnyComparable">Whether any customer of the base had a segment or a size to be compared by (false: no estimate was possible at all).</param>
public sealed record WalletContext(IReadOnlyDictionary<string, WalletGroupEstimate> Groups, bool AnyComparable)
{
    /// <summary>
    /// Learns the estimates from every customer of <paramref name="columns"/>: known wallets and yearly spend (annualised by
    /// <paramref name="strategy"/>) per group of the segments of <paramref name="map"/> and size bands.
    /// </summary>
    public static WalletContext Learn(CustomerColumns columns, StrategyMatrixOptions strategy, StructureMapOptions map) =>
        WalletEstimates.Learn(columns, YearlyRevenue.All(columns, strategy.AnnualiseFromDays), new SegmentKeys(columns, map), strategy);
}

/// <summary>One group's wallet estimate.</summary>
/// <param name="Wallet">The estimated yearly wallet, in the data's currency.</param>
/// <param name="FromKnownWallets">True: the median of the group's known wallets; false: a high quantile of the group's yearly spend with us.</param>
/// <param name="Count">How many known wallets or spending customers the estimate rests on.</param>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record WalletGroupEstimate(double Wallet, bool FromKnownWallets, int Count);
