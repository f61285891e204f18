namespace Clientele.Classification;

/// <summary>A manual class that wins over the computed one (a BZC kept on purpose, a prestige customer chased for image).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Dimension">The dimension (<see cref="Dimensions"/>).</param>
/// <param name="Class">The class to use.</param>
/// <param name="Reason">Why.</param>
/// <param name="SetBy">Who decided, or null.</param>
/// <param name="SetAt">When, or null.</param>
public sealed record Override(string CustomerId, string Dimension, string Class, string Reason, string? SetBy, DateTime? SetAt)
{
    /// <summary>The reason shown instead of the computed one: the override's, then what was computed.</summary>
    public string Explain(string? computedClass, string? computedReason) =>
        $"override{(SetBy is { } by ? $" by {by}" : "")}{(SetAt is { } at ? $" on {at:yyyy-MM-dd}" : "")}: {Reason} (computed: {computedReason ?? computedClass ?? "n/a"})";

    /// <summary>
    /// The reason of a class set by <paramref name="overrides"/> (one customer's on one dimension, in the order they were applied,
    /// each over the class before it) over the computed class and reason.
    /// </summary>
    public static string? ExplainAll(IEnumerable<Override> overrides, string? computedClass, string? computedReason)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var (@class, reason) = (computedClass, computedReason);
        foreach (var o in overrides) (@class, reason) = (o.Class, o.Explain(@class, reason));
        return reason;
    }
}
