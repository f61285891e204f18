namespace Clientele.Storage.Concerns;

/// <summary>One interaction that names a concern, as the drill-down shows it.</summary>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="CustomerId">Who.</param>
/// <param name="Name">The customer's name in the analysis, or null.</param>
/// <param name="Kind">The interaction's kind (support, complaint, ...).</param>
/// <param name="Tag">Its tag as imported, or null (then the text's keyword named the concern).</param>
/// <param name="Text">Its free text, or null.</param>
public sealed record ConcernInteraction(DateTime OccurredAt, string CustomerId, string? Name, string Kind, string? Tag, string? Text);
