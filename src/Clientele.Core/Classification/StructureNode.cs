using System.Text.Json.Serialization;

namespace Clientele.Classification;

/// <summary>
/// One segment of the structure map (DOMAIN.md section 2, article 002) with its current figures and, where a target
/// group names it, the target beside them. Figures of a node include all nodes below it. Money is in the data's
/// currency; "value" is <see cref="CustomerScores.Value"/> (net margin to date plus predicted net value).
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record StructureNode
{
    /// <summary>'/'-separated, lower-case: "all", "organizations", "organizations/healthcare", "organizations/healthcare/hospitals", "persons/traders".</summary>
    public required string Path { get; init; }

    /// <summary>The last segment of <see cref="Path"/>.</summary>
    public required string Name { get; init; }

    /// <summary>Depth in the tree: 0 for "all", 1 for organizations / persons / unknown, 2 for an industry or population group, 3 for a domain.</summary>
    public required int Level { get; init; }

    /// <summary>The parent node's path; null for "all".</summary>
    public string? ParentPath { get; init; }

    /// <summary>Parties in the segment: actual and potential customers.</summary>
    public int Parties { get; init; }

    /// <summary>Parties with a completed order (actual customers).</summary>
    public int ActualCustomers { get; init; }

    /// <summary>Actual customers who are active: P(alive) at least the option's threshold, or by the fallback rule without a model.</summary>
    public int ActiveCustomers { get; init; }

    /// <summary>Sum of the customers' value (past net value plus predicted net value).</summary>
    public double Value { get; init; }

    /// <summary>Sum of the expected revenue over the scores' horizon (NaN counted as 0).</summary>
    public double ExpectedRevenue { get; init; }

    /// <summary>Sum of the predicted net value over the lifetime horizon (<see cref="CustomerScores.FutureNetValue"/>, NaN counted as 0).</summary>
    public double FutureNetValue { get; init; }

    /// <summary>Revenue of completed orders in the 365 days up to the as-of date.</summary>
    public double RevenueLastYear { get; init; }

    /// <summary>
    /// The segment's yearly revenue now, as compared with a target value: the expected revenue of the next 365 days
    /// (expected revenue scaled from the horizon to a year) when a model gave scores, last year's revenue otherwise.
    /// </summary>
    public double CurrentYearlyRevenue { get; init; }

    /// <summary>Customers whose first purchase fell in the 365 days up to the as-of date.</summary>
    public int NewCustomersLastYear { get; init; }

    /// <summary>Customers whose first purchase fell in the 365 days before those.</summary>
    public int NewCustomersYearBefore { get; init; }

    /// <summary>
    /// Growth of new customers: (last year − the year before) ÷ the year before, e.g. 0.25 for +25%; null when the year
    /// before had none.
    /// </summary>
    public double? Growth { get; init; }

    /// <summary>
    /// Predicted value growth: the expected margin of the next 365 days ÷ the margin of the last 365 days − 1 (revenues
    /// where the data has no margins); null without model scores or without margin last year.
    /// </summary>
    public double? PredictedValueGrowth { get; init; }

    /// <summary>The target group's segment path as the targets give it, or null when no target names this node.</summary>
    public string? TargetPath { get; init; }

    /// <summary>Planned customers of the target group, or null.</summary>
    public double? TargetCustomers { get; init; }

    /// <summary>Planned value of the target group (a yearly revenue in the data's currency), or null.</summary>
    public double? TargetValue { get; init; }

    /// <summary>When the target is due, or null.</summary>
    public DateOnly? TargetDueAt { get; init; }

    /// <summary>True for a target group no party belongs to yet: a segment to build, shown beside the current ones.</summary>
    public bool IsNewTargetGroup { get; init; }

    /// <summary>Customers still to win: <see cref="TargetCustomers"/> − <see cref="ActiveCustomers"/>; null without a target.</summary>
    public double? CustomerGap { get; init; }

    /// <summary>Value still to reach: <see cref="TargetValue"/> − <see cref="CurrentYearlyRevenue"/>; null without a target value.</summary>
    public double? ValueGap { get; init; }
}
