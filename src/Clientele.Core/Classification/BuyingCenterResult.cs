namespace Clientele.Classification;

/// <summary>
/// The buying center of every organization (<see cref="BuyingCenter.Classify"/>): the class, the role holders behind it, and
/// the figures its reason is rendered from (<see cref="BuyingCenter.Reason"/>).
/// </summary>
/// <param name="Result">
/// Per customer "complete", "no decider", "incomplete" or "no contacts" (see <see cref="BuyingCenter"/>); null for
/// persons.
/// </param>
/// <param name="RoleHolders">Every recorded and inferred role of every contact.</param>
public sealed record BuyingCenterResult(DimensionResult Result, BuyingRoleHolders RoleHolders)
{
    /// <summary>Where buying roles do not apply: 1 a person, 0 a party of unknown kind without contacts; NaN for an organization (and a customer not classified).</summary>
    public double[] Party { get; init; } = [];

    /// <summary>An organization's contacts on record; NaN where buying roles do not apply.</summary>
    public double[] Contacts { get; init; } = [];

    /// <summary>An organization's required roles not known, as bits of the six roles in their order (payer 1 ... stimulator 32); NaN where buying roles do not apply.</summary>
    public double[] Missing { get; init; } = [];

    /// <summary>Where customer i's rows of <see cref="RoleHolders"/> start; -1 where it has none (or was not classified).</summary>
    internal int[] HoldersFrom { get; init; } = [];

    /// <summary>The contacts the role holders index.</summary>
    internal ContactColumns? ContactsOf { get; init; }

    /// <summary>The options the classes were applied with (how many holders a role names, which count as known).</summary>
    internal BuyingCenterOptions Options { get; init; } = new();

    /// <summary>
    /// The role holders customer <paramref name="i"/>'s reason names ("payer C1 (CFO, 0.90), decider ..."), told from
    /// <see cref="RoleHolders"/> each time it is asked; null where none holds a known role.
    /// </summary>
    public string? Holders(int i) =>
        ContactsOf is { } contacts && HoldersFrom.Length > 0 ? BuyingCenter.HoldersText(contacts, RoleHolders, HoldersFrom[i], Options) : null;

    /// <summary>Customer <paramref name="i"/>'s reason, the computed class's (<see cref="BuyingCenter.Reason"/>), from the figures.</summary>
    public string? Reason(int i, BuyingCenterOptions options) =>
        BuyingCenter.Reason(Result.Class[i], Party[i], Contacts[i], Missing[i], Holders(i), options);
}
