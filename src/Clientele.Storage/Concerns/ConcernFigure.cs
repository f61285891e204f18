namespace Clientele.Storage.Concerns;

/// <summary>One concern of a group, with its trend against the previous analysis.</summary>
/// <param name="Concern">The concern as the taxonomy spells it ("water-taste").</param>
/// <param name="General">True for a concern in general (price, quality, ...), false for a deeper need.</param>
/// <param name="Interactions">Interactions of the group's customers that name it, up to the analysis date.</param>
/// <param name="Customers">The group's customers with at least one such interaction.</param>
/// <param name="Share">Customers over the group's customers, 0 to 1.</param>
/// <param name="Lift">Share in the group over share in the whole base: above 1, the group raises it more often than the base; null when the base never does.</param>
/// <param name="PreviousShare">
/// The same share in the previous analysis (the group's customers then, their interactions up to that date), 0 to 1; 0 when
/// the group existed and nobody raised it; null when there is no previous analysis or the group had no customers in it.
/// </param>
/// <param name="ChangePoints">Share minus <paramref name="PreviousShare"/> in percentage points (0.25 − 0.20 is 5); null when PreviousShare is.</param>
public sealed record ConcernFigure(
    string Concern, bool General, long Interactions, long Customers, double Share, double? Lift, double? PreviousShare, double? ChangePoints);
