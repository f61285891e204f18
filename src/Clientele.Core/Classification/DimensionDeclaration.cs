namespace Clientele.Classification;

/// <summary>
/// Everything about one classification dimension that is not how it classifies: its name (as options, overrides, snapshot
/// columns, the API and the command line spell it), its title in words, its classes where the set is closed and which way
/// they rank, whether a customer's class is a list, and the playbook's default action per class. Each dimension declares
/// itself beside its rules (<c>RelationshipLadder.Declaration</c>, ...); <see cref="Dimensions.Declared"/> lists them, and the
/// dimension list, the titles, the class sets and standings (<see cref="DimensionClasses"/>) and the playbook's defaults
/// (<see cref="Playbook.Defaults"/>) are read from here.
/// </summary>
/// <param name="Name">The dimension's name (<see cref="Dimensions"/>' constants).</param>
/// <param name="Title">The name in words, for headings and labels.</param>
public sealed record DimensionDeclaration(string Name, string Title)
{
    /// <summary>The classes in the order they are shown, where the set is closed; null for an open dimension (a path, a list).</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Whether the order of <see cref="Classes"/> is a standing, and which end is the best.</summary>
    public DimensionRanking Ranking { get; init; }

    /// <summary>
    /// A customer's class is a list of these, comma-separated (", "): each listed one has its own playbook action. Empty
    /// for a dimension with one class per customer.
    /// </summary>
    public IReadOnlyList<string> ListOf { get; init; } = [];

    /// <summary>The default action of each class (each listed role, for a list), from DOMAIN.md and its source articles.</summary>
    public IReadOnlyDictionary<string, string> Playbook { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The classes whose default action is the routine service their customers get anyway: not something to do next
    /// (<see cref="Classification.Playbook.Routine"/>).
    /// </summary>
    public IReadOnlySet<string> Routine { get; init; } = new HashSet<string>();

    /// <summary>
    /// The classes whose action presupposes a live relationship (a follow-up, regular contact): the playbook gives it only to a
    /// customer whose churn status is active or at-risk (<see cref="ChurnStatus.Live"/>). A lapsed or lost customer gets the
    /// churn status's win-back instead, and one without a churn status (no model and no repeat history) none, since nothing
    /// says its relationship is alive (<see cref="Classification.Playbook.AppliesTo"/>). The class itself is kept.
    /// </summary>
    public IReadOnlySet<string> ForLiveRelationships { get; init; } = new HashSet<string>();

    /// <summary>
    /// The classes whose action is a level of service for a customer we still serve (an account manager, account reviews): the
    /// playbook withholds it from a customer whose churn status says the relationship has ended (lapsed or lost,
    /// <see cref="ChurnStatus.Ended"/>), for whom the churn status's win-back comes first. Unlike
    /// <see cref="ForLiveRelationships"/>, a customer without a churn status gets it: nothing says it left
    /// (<see cref="Classification.Playbook.AppliesTo"/>). The class itself is kept.
    /// </summary>
    public IReadOnlySet<string> NotForEndedRelationships { get; init; } = new HashSet<string>();

    /// <summary>
    /// How the reason is rendered when read, from the class, the figures the snapshot stores and the analysis's context; null
    /// for a dimension whose reason is still built by its <c>Apply</c> and stored as text (a <c>&lt;dimension&gt;_reason</c> column).
    /// </summary>
    public ReasonDeclaration? Reason { get; init; }

    /// <summary>Whether the reason is rendered when read (<see cref="Reason"/>) rather than stored as text.</summary>
    public bool RendersReason => Reason is not null;

    /// <summary>Whether the dimension has a closed set of classes.</summary>
    public bool IsClosed => Classes is not null;

    /// <summary>Whether a customer's class is a list of <see cref="ListOf"/>, joined by <see cref="ListSeparator"/>.</summary>
    public bool IsList => ListOf.Count > 0;

    /// <summary>What joins the listed classes of a list dimension ("leader, referrer").</summary>
    public const string ListSeparator = ", ";

    /// <summary>The class's standing (0 the lowest), or null for an unranked dimension or a class it does not have.</summary>
    public int? Standing(string? @class)
    {
        if (@class is null || Classes is null || Ranking == DimensionRanking.None) return null;
        var index = -1;
        for (var i = 0; i < Classes.Count; i++)
            if (Classes[i] == @class) index = i;
        if (index < 0) return null;
        return Ranking == DimensionRanking.BestFirst ? Classes.Count - 1 - index : index;
    }

    /// <summary>The single classes a customer's class stands for: the listed ones for a list, else the class itself.</summary>
    public IReadOnlyList<string> Split(string @class) =>
        IsList ? @class.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [@class];
}

/// <summary>Whether a dimension's classes are a standing, so a customer can move up or down, and which is listed first.</summary>
public enum DimensionRanking
{
    /// <summary>No standing (a strategy, a reason, a position).</summary>
    None,

    /// <summary>Listed lowest first (the ladder, value tiers).</summary>
    LowestFirst,

    /// <summary>Listed best first (prospect grades, churn status).</summary>
    BestFirst,
}
