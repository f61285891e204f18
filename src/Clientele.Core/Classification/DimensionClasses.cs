namespace Clientele.Classification;

/// <summary>
/// The classes of the dimensions whose set is closed (DOMAIN.md section 2), in their natural order, and which
/// way is "down" where the order means standing: the relationship ladder (no-relationship lowest, advocate
/// highest), value tiers (small lowest, VIP highest), prospect grades (D lowest, A highest) and churn status
/// (active highest, lost lowest). The open dimensions (influence, a list of roles; buying center; segment, a path)
/// have no fixed set.
/// </summary>
public static class DimensionClasses
{
    /// <summary>The classes of each closed dimension, in the order they are shown.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Closed = new Dictionary<string, IReadOnlyList<string>>
    {
        [Dimensions.Ladder] = RelationshipLadder.Classes,
        [Dimensions.ValueTier] = ValueTier.Classes,
        [Dimensions.ValueClass] = ValueClass.Classes,
        [Dimensions.ProspectGrade] = ["A", "B", "C", "D"],
        [Dimensions.Strategy] = StrategyMatrix.Classes,
        [Dimensions.SupplyChain] = ["direct", "indirect", "ultimate"],
        [Dimensions.ChurnStatus] = ChurnStatus.Classes,
        [Dimensions.ChurnReason] = ["price", "quality", "service", "delivery", "competitor", "no_follow_up", "need_ended", "unknown"],
    };

    /// <summary>The dimensions whose order is a standing, so a customer can move down.</summary>
    public static readonly IReadOnlyList<string> Ranked = [Dimensions.Ladder, Dimensions.ValueTier, Dimensions.ProspectGrade, Dimensions.ChurnStatus];

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
    public static int? Standing(string dimension, string? @class)
    {
        if (@class is null || !Ranked.Contains(dimension)) return null;
        var classes = Closed[dimension];
        var index = -1;
        for (var i = 0; i < classes.Count; i++)
            if (classes[i] == @class) index = i;
        if (index < 0) return null;
        // Prospect grades and churn statuses are listed best first.
        return dimension is Dimensions.ProspectGrade or Dimensions.ChurnStatus ? classes.Count - 1 - index : index;
    }
}
