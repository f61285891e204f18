namespace Clientele.Classification;

/// <summary>The structure map (<see cref="StructureMap.Build"/>): every customer's segment and the tree of segments with their figures and targets.</summary>
/// <param name="Segment">Per customer its segment path, e.g. "organizations/healthcare/hospitals" or "persons/traders", with the reason.</param>
/// <param name="Nodes">Every segment and its ancestors, the root "all" first, then in path order (segment by segment), target groups included.</param>
public sealed record StructureMapResult(DimensionResult Segment, IReadOnlyList<StructureNode> Nodes);
