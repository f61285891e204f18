using Clientele.Classification;
using Clientele.Money;
using Clientele.Storage.Concerns;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Report;

/// <summary>
/// Everything the manager's report shows about one snapshot, read with the existing snapshot queries
/// (<see cref="SnapshotQuery.Segments"/>, <see cref="SnapshotQuery.Transitions"/>, <see cref="ActionStakes.Rank"/>) and
/// <see cref="ValueConcentration"/> and <see cref="ConcernQuery"/>; <see cref="ReportHtml"/> writes it as one self-contained page.
/// </summary>
/// <param name="AsOf">The snapshot reported on.</param>
/// <param name="PreviousAsOf">The snapshot before it, which the changes are measured against; null when it is the first.</param>
/// <param name="Customers">All customers of the snapshot.</param>
/// <param name="ScoringMethod">How the scores were made (the model and spend model, or the rules): the source of every predicted figure.</param>
/// <param name="ModelBased">Whether the scores came from a fitted customer-base model (false: rules).</param>
/// <param name="Money">The workspace's money format (currency and number format).</param>
/// <param name="Classes">The classes of the dimensions that say who the customers are (ladder, value tier, value class), in that order.</param>
/// <param name="Segments">The structure map's classes and its nodes with their targets.</param>
/// <param name="Concentration">Where the value lies.</param>
/// <param name="Movements">For each ranked dimension, how customers moved since the previous snapshot (empty when there is none).</param>
/// <param name="ChurnReasons">Why lapsed and lost customers left (the churn-reason dimension).</param>
/// <param name="Actions">The playbook's actions ranked by the value at stake.</param>
/// <param name="ActionLists">The customers of each action, in the order of <paramref name="Actions"/>, most valuable first, at most <see cref="ListedPerAction"/> each: the lists the report carries.</param>
/// <param name="Concerns">What customers care about, per segment of the structure map, every concern of each group (<see cref="ConcernQuery"/>).</param>
/// <param name="ConcernsByChurnStatus">The same per churn status: the lost customers' concerns beside the active ones'.</param>
public sealed record ManagerReport(
    DateOnly AsOf, DateOnly? PreviousAsOf, long Customers, string ScoringMethod, bool ModelBased, MoneyFormat Money,
    IReadOnlyList<SegmentReport> Classes, SegmentReport Segments, ValueConcentration Concentration,
    IReadOnlyList<TransitionReport> Movements, SegmentReport ChurnReasons, IReadOnlyList<ActionAtStake> Actions,
    IReadOnlyList<CustomerListing> ActionLists, ConcernReport Concerns, ConcernReport ConcernsByChurnStatus)
{
    /// <summary>The dimensions whose classes the report shows under "who our customers are".</summary>
    public static readonly IReadOnlyList<string> ClassDimensions = [Dimensions.Ladder, Dimensions.ValueTier, Dimensions.ValueClass];

    /// <summary>How many moved-down customers the report names per dimension.</summary>
    public const int MovedDownShown = 10;

    /// <summary>
    /// Where the scores come from, in words: "predicted by Pareto/NBD + Gamma-Gamma", or "from the rules: each customer's own
    /// repeat rate ..." when no model was fitted (the method's text then starts with "rules:").
    /// </summary>
    public string ScoresSource => ModelBased ? $"predicted by {ScoringMethod}"
        : ScoringMethod.StartsWith("rules", StringComparison.Ordinal) ? $"from the {ScoringMethod}" : $"from the rules ({ScoringMethod})";

    /// <summary>How many playbook actions the report ranks.</summary>
    public const int ActionsShown = 10;

    /// <summary>How many needs, and how many concerns in general, the report shows for the whole base and for lost customers.</summary>
    public const int ConcernsShown = 5;

    /// <summary>How many segment needs that stand out (highest lift) the report lists.</summary>
    public const int StandingOutShown = 8;

    /// <summary>The fewest customers of a segment who must raise a need for its lift to count as standing out (fewer are noise).</summary>
    public const int StandingOutMinimum = 20;

    /// <summary>Enough to read every concern of a group (the taxonomy is far smaller).</summary>
    private const int AllConcerns = 1_000;

    /// <summary>
    /// How many customers of each action the report carries in itself, the most valuable first: on a real base an action can
    /// hold tens of thousands (CDNOW's lost buyers), which would make the file tens of megabytes; the table says when a list
    /// is cut and gives the command that exports all of it.
    /// </summary>
    public const int ListedPerAction = 1_000;

    /// <summary>Reads the report of a snapshot (default: the latest), with at most <paramref name="listed"/> customers per action list.</summary>
    /// <exception cref="WorkspaceException">No snapshot, or none as of that date.</exception>
    public static ManagerReport Read(Workspace workspace, DateOnly? asOf = null, int listed = ListedPerAction)
    {
        var (day, context) = SnapshotQuery.Context(workspace, asOf);
        var classes = ClassDimensions.Select(d => SnapshotQuery.Segments(workspace, d, day)).ToList();
        var previous = classes[0].PreviousAsOf;
        var movements = previous is { } from
            ? DimensionClasses.Ranked.Select(d => SnapshotQuery.Transitions(workspace, d, from, day, MovedDownShown)).ToList()
            : [];
        var actions = ActionStakes.Rank(workspace, day, ActionsShown);
        var lists = actions.Select(a => SnapshotQuery.Customers(workspace, day, a.Audience, top: listed)).ToList();
        return new ManagerReport(
            day, previous, classes[0].Customers,
            context.Scoring.Method, context.Scoring.ModelBased,
            MoneySetting.Read(workspace), classes, SnapshotQuery.Segments(workspace, Dimensions.Segment, day),
            ValueConcentration.Of(workspace, day), movements, SnapshotQuery.Segments(workspace, Dimensions.ChurnReason, day),
            actions, lists,
            ConcernQuery.Of(workspace, top: AllConcerns, asOf: day), ConcernQuery.Of(workspace, Dimensions.ChurnStatus, top: AllConcerns, asOf: day));
    }
}
