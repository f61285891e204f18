namespace Clientele.Classification;

/// <summary>
/// The recommended action of every class of every dimension (DOMAIN.md section 5), editable in the options
/// file: <c>"playbook": { "value_class": { "BZC": "..." } }</c> replaces that action and keeps the others.
/// A customer's actions are the actions of its classes, each traced to the class that produced it.
/// </summary>
public sealed record Playbook
{
    /// <summary>The defaults, from DOMAIN.md and its source articles: each dimension's <see cref="DimensionDeclaration.Playbook"/>.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Defaults =
        Dimensions.Declared.Where(d => d.Playbook.Count > 0).ToDictionary(d => d.Name, d => d.Playbook);

    /// <summary>
    /// The classes whose default action is the routine service their customers get anyway ("nothing urgent", "standard
    /// service", serving a direct customer directly): not something to do next, so a list of what to do first leaves them
    /// out unless the options replace their action (each dimension's <see cref="DimensionDeclaration.Routine"/>).
    /// </summary>
    public static readonly IReadOnlySet<(string Dimension, string Class)> Routine =
        Dimensions.Declared.SelectMany(d => d.Routine.Select(c => (d.Name, c))).ToHashSet();

    /// <summary>Whether a class's action is routine: a <see cref="Routine"/> class whose action the options do not replace.</summary>
    public bool IsRoutine(string dimension, string @class) =>
        Routine.Contains((dimension, @class)) && !(Actions.TryGetValue(dimension, out var custom) && custom.ContainsKey(@class));

    /// <summary>Replacements of the default actions, per dimension and class.</summary>
    public Dictionary<string, Dictionary<string, string>> Actions { get; init; } = [];

    /// <summary>Throws when a replacement names a dimension without a playbook, a class the dimension does not have, or is empty.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><c>ParamName</c> names the dimension.</exception>
    public void Validate()
    {
        foreach (var (dimension, actions) in Actions)
        {
            if (!Defaults.TryGetValue(dimension, out var defaults))
                throw new ArgumentOutOfRangeException(nameof(Actions), dimension, $"actions.{dimension}: not a dimension with a playbook; allowed: {string.Join(", ", Defaults.Keys)}.");
            foreach (var (@class, action) in actions)
            {
                if (!defaults.ContainsKey(@class))
                    throw new ArgumentOutOfRangeException(nameof(Actions), @class, $"actions.{dimension}.{@class}: not a class of {dimension}; allowed: {string.Join(", ", defaults.Keys)}.");
                if (string.IsNullOrWhiteSpace(action))
                    throw new ArgumentOutOfRangeException(nameof(Actions), @class, $"actions.{dimension}.{@class}: the action is empty.");
            }
        }
    }

    /// <summary>The action of a class (for the influence dimension, of each role in the list), or null when the playbook has none.</summary>
    public IEnumerable<string> For(string dimension, string? @class)
    {
        if (@class is null) yield break;
        foreach (var one in Split(dimension, @class))
        {
            if (Actions.TryGetValue(dimension, out var custom) && custom.TryGetValue(one, out var action)) yield return action;
            else if (Defaults.TryGetValue(dimension, out var defaults) && defaults.TryGetValue(one, out var fallback)) yield return fallback;
        }
    }

    private static IReadOnlyList<string> Split(string dimension, string @class) => Dimensions.Declaration(dimension)?.Split(@class) ?? [@class];

    /// <summary>
    /// Whether the action of a class (one role, for a list) is for a customer of this churn status: not that of a class whose
    /// action presupposes a live relationship (<see cref="DimensionDeclaration.ForLiveRelationships"/>) unless the churn status
    /// is active or at-risk; not that of a class whose action is a level of service
    /// (<see cref="DimensionDeclaration.NotForEndedRelationships"/>) when the churn status is lapsed or lost; every other
    /// class's always.
    /// </summary>
    public static bool AppliesTo(string dimension, string @class, string? churnStatus)
    {
        if (Dimensions.Declaration(dimension) is not { } declaration) return true;
        var needsLive = declaration.ForLiveRelationships.Contains(@class);
        var notForEnded = declaration.NotForEndedRelationships.Contains(@class);
        var live = churnStatus is not null && ChurnStatus.Live.Contains(churnStatus);
        var ended = churnStatus is not null && ChurnStatus.Ended.Contains(churnStatus);
        return (!needsLive || live) && (!notForEnded || !ended);
    }

    /// <summary>
    /// For whom a class's action is, where not for every customer of the class (<see cref="AppliesTo"/>), in words for the
    /// playbook's page and API; null where it is for all of them.
    /// </summary>
    public static string? Condition(string dimension, string @class) => Dimensions.Declaration(dimension) switch
    {
        { } d when d.ForLiveRelationships.Contains(@class) =>
            "Only for active and at-risk customers: it presupposes a live relationship (a lapsed or lost one gets the churn status's win-back, one without a churn status none)",
        { } d when d.NotForEndedRelationships.Contains(@class) =>
            "Not for lapsed or lost customers: a level of service for those we still serve (the churn status's win-back comes first)",
        _ => null,
    };

    /// <summary>
    /// Why a customer's classes give no action of some dimension (<see cref="AppliesTo"/>), in one text: "ladder = customer,
    /// value_tier = VIP: no action while lapsed (the churn status's win-back comes first)"; none when every class has its say.
    /// </summary>
    public static IReadOnlyList<string> Withheld(IEnumerable<KeyValuePair<string, string?>> classes)
    {
        var list = classes as IReadOnlyCollection<KeyValuePair<string, string?>> ?? [.. classes];
        var churnStatus = list.FirstOrDefault(c => c.Key == Dimensions.ChurnStatus).Value;
        var withheld = list.Where(c => c.Value is not null)
            .SelectMany(c => Split(c.Key, c.Value!).Where(one => !AppliesTo(c.Key, one, churnStatus)).Select(one => $"{c.Key} = {one}")).ToList();
        if (withheld.Count == 0) return [];
        return [string.Join(", ", withheld) + ": " + (churnStatus is null
            ? "no action, since nothing says the relationship is alive (no churn status: no model and no repeat history to judge it)"
            : $"no action while {churnStatus} (the churn status's win-back comes first)")];
    }

    /// <summary>
    /// A customer's actions from its classes per dimension, each with the dimension and class that produced it; a class's
    /// action that does not apply to the customer's churn status (<see cref="AppliesTo"/>) is left out.
    /// </summary>
    public IReadOnlyList<PlaybookAction> ActionsFor(IEnumerable<KeyValuePair<string, string?>> classes)
    {
        var list = classes as IReadOnlyCollection<KeyValuePair<string, string?>> ?? [.. classes];
        var churnStatus = list.FirstOrDefault(c => c.Key == Dimensions.ChurnStatus).Value;
        var actions = new List<PlaybookAction>();
        foreach (var (dimension, @class) in list)
        {
            if (@class is null) continue;
            foreach (var role in Split(dimension, @class).Where(role => AppliesTo(dimension, role, churnStatus)))
                foreach (var action in For(dimension, role))
                    actions.Add(new PlaybookAction(dimension, role, action));
        }
        return actions;
    }
}

/// <summary>One recommended action and the class that produced it.</summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="Class">The class.</param>
/// <param name="Action">What to do.</param>
public sealed record PlaybookAction(string Dimension, string Class, string Action);
