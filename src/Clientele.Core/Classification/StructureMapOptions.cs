namespace Clientele.Classification;

/// <summary>
/// The options of <see cref="StructureMap"/>: which customer fields make the levels of the tree. A customer counts as
/// active in a segment when its churn status is active (<see cref="ChurnStatusOptions"/>: one meaning of "active"
/// everywhere). Growth figures use a fixed window of 365 days, the window of <see cref="CustomerColumns.RevenueLastYear"/>,
/// so seasons cancel.
/// </summary>
public sealed record StructureMapOptions
{
    /// <summary>The customer fields a level of the map can come from.</summary>
    public static readonly IReadOnlyList<string> Fields = ["industry", "domain", "population_group", "region", "country", "channel"];

    /// <summary>
    /// The levels under "organizations", top first. Default industry → domain (article 002: the domain is finer and
    /// usually better than the industry; dealers and agents sit in the domain they serve). A company whose data has no
    /// domain but a region sets ["industry", "region"]; any field of <see cref="Fields"/> can be a level, so a segment
    /// field imported from any column (<c>--map industry=Channel</c>) shapes the map.
    /// </summary>
    public IReadOnlyList<string> OrganizationLevels { get; init; } = ["industry", "domain"];

    /// <summary>The levels under "persons", top first. Default population group (traders are a group of their own).</summary>
    public IReadOnlyList<string> PersonLevels { get; init; } = ["population_group"];

    /// <summary>Throws when a level is not a field of <see cref="Fields"/>, is repeated, or a list is empty or longer than 3.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; <c>ParamName</c> names it.</exception>
    public void Validate()
    {
        Check(OrganizationLevels, nameof(OrganizationLevels));
        Check(PersonLevels, nameof(PersonLevels));
    }

    private static void Check(IReadOnlyList<string> levels, string name)
    {
        if (levels is null || levels.Count is < 1 or > 3)
            throw new ArgumentOutOfRangeException(name, levels?.Count, $"{name} must list 1 to 3 fields of: {string.Join(", ", Fields)}.");
        foreach (var level in levels)
            if (!Fields.Contains(level))
                throw new ArgumentOutOfRangeException(name, level, $"{name}: '{level}' is not a customer field the map can use; one of: {string.Join(", ", Fields)}.");
        if (levels.Distinct().Count() != levels.Count)
            throw new ArgumentOutOfRangeException(name, string.Join(", ", levels), $"{name} names a field twice.");
    }
}
