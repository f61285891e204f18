namespace Clientele.Storage.Concerns;

/// <summary>What customers care about, per group of one grouping of an analysis (<see cref="ConcernQuery.Of"/>).</summary>
/// <param name="AsOf">The analysis read; interactions up to and including this day count.</param>
/// <param name="PreviousAsOf">The analysis the trend is measured against (the latest before <paramref name="AsOf"/>); null when there is none.</param>
/// <param name="Dimension">The grouping: a dimension ("segment" for the structure map's segments).</param>
/// <param name="Top">How many needs and how many concerns in general each group shows.</param>
/// <param name="Base">The whole base, the reference of every lift.</param>
/// <param name="Groups">The groups: a closed dimension's classes in its order, else by customers, largest first.</param>
public sealed record ConcernReport(DateOnly AsOf, DateOnly? PreviousAsOf, string Dimension, int Top, ConcernGroup Base, IReadOnlyList<ConcernGroup> Groups);
