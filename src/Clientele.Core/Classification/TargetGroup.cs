namespace Clientele.Classification;

/// <summary>A target group of the structure map: the segment the company wants to grow into, and by when.</summary>
/// <param name="SegmentPath">The segment, as "industry/domain" or a population group, '/'-separated.</param>
/// <param name="PlannedCustomers">Planned number of customers, or null.</param>
/// <param name="PlannedValue">Planned value, or null.</param>
/// <param name="DueAt">When it should be reached, or null.</param>
public sealed record TargetGroup(string SegmentPath, double? PlannedCustomers, double? PlannedValue, DateOnly? DueAt);
