namespace Clientele.Classification;

/// <summary>
/// The classes of the dimensions whose set is closed (DOMAIN.md section 2), in their natural order, and which
/// way is "down" where the order means standing: the relationship ladder (no-relationship lowest, advocate
/// highest), value tiers (small lowest, VIP highest), prospect grades (D lowest, A highest) and churn status
/// (active highest, lost lowest). The open dimensions (influence, a list of roles; segment, a path) have no fixed set.
/// Read from each dimension's <see cref="DimensionDeclaration"/>.
/// </summary>
public static class DimensionClasses
{
    /// <summary>The classes of each closed dimension, in the order they are shown (each dimension's <see cref="DimensionDeclaration.Classes"/>).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Closed =
        Dimensions.Declared.Where(d => d.Classes is not null).ToDictionary(d => d.Name, d => d.Classes!);

    /// <summary>The dimensions whose order is a standing, so a customer can move down (<see cref="DimensionDeclaration.Ranking"/>).</summary>
    public static readonly IReadOnlyList<string> Ranked = [.. Dimensions.Declared.Where(d => d.Ranking != DimensionRanking.None).Select(d => d.Name)];

    /// <summary>Whether the dimension has a closed set of classes.</summary>
    public static bool IsClosed(string dimension) => Closed.ContainsKey(dimension);

    /// <summary>
    /// The class as spelled by the dimension (matched ignoring case, '-' and '_' alike),
    /// or null when a closed dimension has no such class; for an open dimension, the text trimmed.
    /// </summary>
    public static string? Find(string dimension, string @class)
    {
        var text = @class.Trim();
        if (!Closed.TryGetValue(dimension, out var classes)) return text.Length == 0 ? null : text;
        foreach (var known in classes)
            if (string.Equals(known, text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(known.Replace('_', '-'), text.Replace('_', '-'), StringComparison.OrdinalIgnoreCase))
                return known;
        return null;
    }

    /// <summary>
    /// The standing of a class of a ranked dimension: 0 for the lowest (no-relationship, small, D, lost) and up,
    /// or null for an unranked dimension, an unknown class or no class.
    /// </summary>
    public static int? Standing(string dimension, string? @class) => Dimensions.Declaration(dimension)?.Standing(@class);
}
