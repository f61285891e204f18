using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// Keeps the customers whose class in <paramref name="Dimension"/> is one of <paramref name="Classes"/>, or with
/// <paramref name="Excludes"/> those whose class is none of them (a customer without a class in the dimension passes).
/// Several filters must all hold; the classes of one filter are alternatives. For influence a class is one role
/// (a customer holding several matches each); for segment a class is a path or its beginning (an industry keeps its domains).
/// </summary>
/// <param name="Dimension">A name of <see cref="Dimensions.All"/>.</param>
/// <param name="Classes">One or more classes.</param>
/// <param name="Excludes">Whether the filter keeps the customers of none of the classes (written <c>dimension!=class,...</c>).</param>
public sealed record ClassFilter(string Dimension, IReadOnlyList<string> Classes, bool Excludes = false)
{
    /// <summary>
    /// Parses <c>dimension=class[,class...]</c>, or <c>dimension!=class[,class...]</c> for the customers of none of them; the
    /// dimension and, where the set is closed, the classes are checked later.
    /// </summary>
    /// <exception cref="WorkspaceException">The text has no '=' or no class.</exception>
    public static ClassFilter Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var classes = equals < 0 ? [] : text[(equals + 1)..].Split(',').Select(c => c.Trim()).Where(c => c.Length > 0).ToArray();
        var excludes = equals > 0 && text[equals - 1] == '!';
        var dimension = equals < 0 ? "" : text[..(excludes ? equals - 1 : equals)].Trim();
        if (dimension.Length == 0 || classes.Length == 0)
            throw new WorkspaceException($"--where expects dimension=class[,class...] or dimension!=class[,class...], e.g. ladder=advocate or churn_status!=lapsed,lost; not '{text}'.");
        return new ClassFilter(dimension, classes, excludes);
    }

    /// <summary>
    /// The filters that list the customers a playbook action is for (<see cref="Playbook.AppliesTo"/>): its class; for a class
    /// whose action is for live relationships only, a churn status of active or at-risk; for one whose action is a level of
    /// service, a churn status other than lapsed or lost (none included).
    /// </summary>
    public static IReadOnlyList<ClassFilter> ForAction(string dimension, string @class)
    {
        var declaration = Dimensions.Declaration(dimension);
        List<ClassFilter> filters = [new ClassFilter(dimension, [@class])];
        if (declaration?.ForLiveRelationships.Contains(@class) == true) filters.Add(new ClassFilter(Dimensions.ChurnStatus, ChurnStatus.Live));
        if (declaration?.NotForEndedRelationships.Contains(@class) == true) filters.Add(new ClassFilter(Dimensions.ChurnStatus, ChurnStatus.Ended, Excludes: true));
        return filters;
    }

    /// <summary>
    /// <see cref="Playbook.AppliesTo"/> in SQL, over a row whose class of <paramref name="dimension"/> is <paramref name="classColumn"/>
    /// and whose churn status is <paramref name="churnColumn"/>: true where the class's action is for the customer; null for a
    /// dimension whose actions are for everyone.
    /// </summary>
    internal static string? AppliesSql(string dimension, string classColumn, string churnColumn)
    {
        if (Dimensions.Declaration(dimension) is not { } declaration) return null;
        static string List(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v.Replace("'", "''", StringComparison.Ordinal)}'"));
        var conditions = new List<string>();
        if (declaration.ForLiveRelationships.Count > 0)
            conditions.Add($"(coalesce({classColumn} NOT IN ({List(declaration.ForLiveRelationships.Order(StringComparer.Ordinal))}), true) OR coalesce({churnColumn} IN ({List(ChurnStatus.Live)}), false))");
        if (declaration.NotForEndedRelationships.Count > 0)
            conditions.Add($"(coalesce({classColumn} NOT IN ({List(declaration.NotForEndedRelationships.Order(StringComparer.Ordinal))}), true) OR coalesce({churnColumn} NOT IN ({List(ChurnStatus.Ended)}), true))");
        return conditions.Count == 0 ? null : "(" + string.Join(" AND ", conditions) + ")";
    }

    /// <inheritdoc />
    public override string ToString() => $"{Dimension}{(Excludes ? "!=" : "=")}{string.Join(',', Classes)}";
}
