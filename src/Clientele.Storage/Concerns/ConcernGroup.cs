namespace Clientele.Storage.Concerns;

/// <summary>The top concerns of one group of customers: a segment, a class of a dimension, or the whole base.</summary>
/// <param name="Class">The segment path or class; null for customers without a class.</param>
/// <param name="Customers">The group's customers in the analysis.</param>
/// <param name="RaisingAny">Of them, those with at least one interaction that names a concern.</param>
/// <param name="Concerns">The top needs, then the top concerns in general, each ranked by customers raising it (then interactions, then name).</param>
/// <param name="PreviousCustomers">The group's customers in the previous analysis (0 when it had none); null when there is no previous analysis.</param>
public sealed record ConcernGroup(string? Class, long Customers, long RaisingAny, IReadOnlyList<ConcernFigure> Concerns, long? PreviousCustomers);
