namespace Clientele.Storage.Summary;

/// <summary>
/// The windows <see cref="CustomerColumnsQuery"/> measures the signals of the classifications in. All in days.
/// </summary>
public sealed record CustomerColumnsQueryOptions
{
    /// <summary>
    /// The churn-signal window reaches this many days before the customer's last purchase and runs to the
    /// as-of date (for customers who never bought: this many days before the as-of date). Default 56 (8 weeks):
    /// the simulator plants departure complaints, low scores and returns in the last 7 weeks of a leaver's life,
    /// and a week more catches the ones that come just before.
    /// </summary>
    public int SignalWindowDays { get; init; } = 56;

    /// <summary>
    /// A customer's first purchase of a line counts as following another's when it comes at least this many days
    /// after it. Default 7: a week apart, so two customers buying on the same occasion are not leader and follower.
    /// </summary>
    public int FollowerMinDays { get; init; } = 7;

    /// <summary>
    /// ... and at most this many days after it. Default 56 (8 weeks): imitation that takes longer is hard to tell
    /// from the line's ordinary spread.
    /// </summary>
    public int FollowerMaxDays { get; init; } = 56;

    /// <summary>
    /// A line is "new" when it was launched (its earliest <c>products.launched_at</c>, else its first order in the
    /// data) more than this many days after the first order in the data. Default 30: lines on sale from the start of
    /// the data show first orders in its first weeks, which are not launches.
    /// </summary>
    public int NewLineMinDaysAfterFirstOrder { get; init; } = 30;

    /// <summary>
    /// The attributes of <c>customers.attributes</c> that state a party's size, in order of preference (names matched
    /// ignoring case): <see cref="Classification.CustomerColumns.Size"/> is the first of them holding a positive number.
    /// The analysis passes <see cref="Classification.StrategyMatrixOptions.SizeAttributes"/>.
    /// </summary>
    public IReadOnlyList<string> SizeAttributes { get; init; } = new Classification.StrategyMatrixOptions().SizeAttributes;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a window is negative or empty.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(SignalWindowDays);
        ArgumentOutOfRangeException.ThrowIfNegative(FollowerMinDays);
        ArgumentOutOfRangeException.ThrowIfLessThan(FollowerMaxDays, FollowerMinDays);
        ArgumentOutOfRangeException.ThrowIfNegative(NewLineMinDaysAfterFirstOrder);
    }
}
