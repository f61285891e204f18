namespace Clientele.Classification;

/// <summary>
/// The recommended action of every class of every dimension (DOMAIN.md section 5), editable in the options
/// file: <c>"playbook": { "value_class": { "BZC": "..." } }</c> replaces that action and keeps the others.
/// A customer's actions are the actions of its classes, each traced to the class that produced it.
/// </summary>
public sealed record Playbook
{
    /// <summary>The defaults, from DOMAIN.md and its source articles.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Defaults = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        [Dimensions.Ladder] = new Dictionary<string, string>
        {
            ["no-relationship"] = "Get closer with useful content and invitations; never a hard sell.",
            ["prospect"] = "Give the last push: a promotion or a trial offer for the first purchase.",
            ["buyer"] = "Make the first impression count: a thank-you, onboarding and a follow-up within two weeks.",
            ["customer"] = "Keep regular contact to make the relationship stable; offer the next product line.",
            ["supporter"] = "Deepen the relationship (priority service, loyalty benefits) and invite them to recommend us.",
            ["advocate"] = "Thank and reward them; invite referrals and reviews; give early access to new products.",
        },
        [Dimensions.ValueTier] = new Dictionary<string, string>
        {
            ["VIP"] = "A named account manager and personal attention.",
            ["large"] = "Regular account reviews and tailored offers.",
            ["medium"] = "Efficient service and cross-selling.",
            ["small"] = "Low-cost digital service.",
        },
        [Dimensions.ValueClass] = new Dictionary<string, string>
        {
            ["MVC"] = "Keep close: retention first, a senior contact, no price games.",
            ["MGC"] = "Develop: win more of their wallet with cross-sell and upgrades.",
            ["BZC"] = "Fix the cost to serve (self-service, minimum order, fees) or let go, unless kept on purpose (record an override with the reason).",
            ["other"] = "Standard service.",
        },
        [Dimensions.ProspectGrade] = new Dictionary<string, string>
        {
            ["A"] = "Call now and close this month.",
            ["B"] = "Nurture with a trial or a quote.",
            ["C"] = "Keep warm with content and invitations.",
            ["D"] = "Low priority: revisit later.",
        },
        [Dimensions.Strategy] = new Dictionary<string, string>
        {
            ["keep"] = "Keep the relationship close: they buy much, mostly from us.",
            ["maintain-or-acquire"] = "Maintain the relationship; acquire more volume where it appears.",
            ["develop"] = "Develop: they buy much, mostly elsewhere; win share of their wallet.",
            ["acquire-or-abandon"] = "Acquire more share at low cost, or let go.",
            [StrategyMatrix.ShareUnknown] = "Find out the share of wallet first (ask, survey, compare with similar accounts); meanwhile serve by value tier.",
        },
        [Dimensions.SupplyChain] = new Dictionary<string, string>
        {
            ["direct"] = "Serve directly and support their resale.",
            ["indirect"] = "Reach them through your direct customers: co-marketing and training.",
            ["ultimate"] = "Build the brand with end users and feed their demand back to the channel.",
        },
        [Dimensions.ChurnStatus] = new Dictionary<string, string>
        {
            ["active"] = "Nothing urgent: keep the rhythm.",
            ["at-risk"] = "Reach out now: check satisfaction and fix open issues.",
            ["lapsed"] = "Win back: a personal call and a reason to return.",
            ["lost"] = "Learn why they left; win back only where the reason can be fixed.",
        },
        [Dimensions.ChurnReason] = new Dictionary<string, string>
        {
            ["price"] = "Review the price or offer a value plan.",
            ["quality"] = "Fix the quality problem and tell them it is fixed.",
            ["service"] = "Escalate service and apologise.",
            ["delivery"] = "Fix delivery and offer compensation.",
            ["competitor"] = "Compare the competitor's offer; counter where it pays.",
            ["no_follow_up"] = "Assign an owner and follow up.",
            ["need_ended"] = "Stay in touch for when the need returns.",
            ["unknown"] = "Ask: a short exit survey or call.",
        },
        [Dimensions.Influence] = new Dictionary<string, string>
        {
            ["positive-spreader"] = "Thank them and give them something worth sharing.",
            ["negative-spreader"] = "Contact them personally and resolve the complaint before it spreads.",
            ["leader"] = "Give early access to new lines: others follow them.",
            ["caller"] = "Treat as a reference customer; ask for a case study.",
            ["referrer"] = "Reward referrals fairly and invite more.",
            ["contributor"] = "Thank them for their suggestions and report back what changed.",
        },
        [Dimensions.BuyingCenter] = new Dictionary<string, string>
        {
            ["complete"] = "Keep every role informed: each has its own reason to buy.",
            ["no decider"] = "Find out who decides before the next proposal.",
            ["incomplete"] = "Find the missing roles (who pays, who uses, who pushes).",
            ["no contacts"] = "Map the account: find the people around its purchases.",
        },
    };

    /// <summary>
    /// The classes whose default action is the routine service their customers get anyway ("nothing urgent", "standard
    /// service", serving a direct customer directly): not something to do next, so a list of what to do first leaves them
    /// out unless the options replace their action.
    /// </summary>
    public static readonly IReadOnlySet<(string Dimension, string Class)> Routine = new HashSet<(string, string)>
    {
        (Dimensions.ChurnStatus, "active"),
        (Dimensions.ValueClass, "other"),
        (Dimensions.SupplyChain, "direct"),
    };

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
        var classes = dimension == Dimensions.Influence ? @class.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [@class];
        foreach (var one in classes)
        {
            if (Actions.TryGetValue(dimension, out var custom) && custom.TryGetValue(one, out var action)) yield return action;
            else if (Defaults.TryGetValue(dimension, out var defaults) && defaults.TryGetValue(one, out var fallback)) yield return fallback;
        }
    }

    /// <summary>A customer's actions from its classes per dimension, each with the dimension and class that produced it.</summary>
    public IReadOnlyList<PlaybookAction> ActionsFor(IEnumerable<KeyValuePair<string, string?>> classes)
    {
        var actions = new List<PlaybookAction>();
        foreach (var (dimension, @class) in classes)
        {
            if (@class is null) continue;
            var roles = dimension == Dimensions.Influence ? @class.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [@class];
            foreach (var role in roles)
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
