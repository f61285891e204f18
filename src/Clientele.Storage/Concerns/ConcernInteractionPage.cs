namespace Clientele.Storage.Concerns;

/// <summary>A page of the interactions of one group that name one concern (<see cref="ConcernInteractions.Page"/>).</summary>
/// <param name="AsOf">The analysis read: its customers' groups, and interactions up to and including this day.</param>
/// <param name="Dimension">The grouping ("segment" for a segment path).</param>
/// <param name="Class">The class or segment path; null for the whole base.</param>
/// <param name="Concern">The concern, as the taxonomy spells it.</param>
/// <param name="General">True for a concern in general (price, quality, ...), false for a deeper need.</param>
/// <param name="Matching">All interactions of the group naming the concern.</param>
/// <param name="Customers">The group's customers with at least one of them.</param>
/// <param name="Page">The page shown, from 1.</param>
/// <param name="PageSize">Interactions per page.</param>
/// <param name="Interactions">The page's interactions, newest first (then by customer).</param>
public sealed record ConcernInteractionPage(
    DateOnly AsOf, string Dimension, string? Class, string Concern, bool General, long Matching, long Customers, int Page, int PageSize,
    IReadOnlyList<ConcernInteraction> Interactions);
