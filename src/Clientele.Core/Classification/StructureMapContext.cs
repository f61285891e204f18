namespace Clientele.Classification;

/// <summary>
/// What <see cref="StructureMap"/> learns from the whole base (<see cref="StructureMap.Learn"/>): the tree of segments with each
/// segment's figures (parties, actual and active customers, value, revenue, growth) and the target groups matched to it.
/// A customer's own segment needs none of it (<see cref="StructureMap.Apply"/> reads the customer's segment fields); the
/// figures are the base's as learned and are not updated by applying.
/// </summary>
/// <param name="Nodes">Every segment and its ancestors, the root "all" first, then in path order, target groups included.</param>
/// <param name="Notes">What learning found worth reporting: targets matching no segment or the same one, figures left out.</param>
public sealed record StructureMapContext(IReadOnlyList<StructureNode> Nodes, IReadOnlyList<string> Notes);
