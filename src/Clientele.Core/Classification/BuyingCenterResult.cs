namespace Clientele.Classification;

/// <summary>The buying center of every organization (<see cref="BuyingCenter.Classify"/>): the class and reason, and the role holders behind them.</summary>
/// <param name="Result">
/// Per customer "complete", "no decider", "incomplete" or "no contacts" (see <see cref="BuyingCenter"/>); null for
/// persons.
/// </param>
/// <param name="RoleHolders">Every recorded and inferred role of every contact.</param>
public sealed record BuyingCenterResult(DimensionResult Result, BuyingRoleHolders RoleHolders);
