namespace Clientele.Storage.Snapshots;

/// <summary>One node of the structure map (industry → domain, or population group) with its target, as analyze stored it.</summary>
/// <param name="Path">The node's path, e.g. "Manufacturing/Machinery".</param>
/// <param name="Parent">The parent's path, or null at the top.</param>
/// <param name="Level">0 at the top.</param>
/// <param name="Name">The node's own name.</param>
/// <param name="Parties">Parties in the node (customers and prospects).</param>
/// <param name="ActualCustomers">Parties that have bought.</param>
/// <param name="ActiveCustomers">Actual customers still active.</param>
/// <param name="Value">The node's total customer value.</param>
/// <param name="ExpectedRevenue">The node's expected revenue in the horizon.</param>
/// <param name="NewCustomersGrowth">Growth of new customers, as a fraction, or null.</param>
/// <param name="ValueGrowth">Growth of value, as a fraction, or null.</param>
/// <param name="TargetCustomers">The target number of customers, or null.</param>
/// <param name="TargetValue">The target value, or null.</param>
/// <param name="TargetDueAt">When the target is due, or null.</param>
/// <param name="TargetOnly">A target group with no customers yet.</param>
public sealed record SegmentNode(
    string Path, string? Parent, int Level, string Name, long Parties, long ActualCustomers, long ActiveCustomers,
    double Value, double ExpectedRevenue, double? NewCustomersGrowth, double? ValueGrowth,
    double? TargetCustomers, double? TargetValue, DateOnly? TargetDueAt, bool TargetOnly);
