namespace Clientele.Storage.Snapshots;

/// <summary>How the customers of one dimension moved between two snapshots.</summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="From">The first snapshot.</param>
/// <param name="To">The second snapshot.</param>
/// <param name="Classes">Every class that occurs in either snapshot, in display order (closed sets in their order; null last).</param>
/// <param name="Matrix">Customers in both snapshots, per from-class and to-class (cells with none are left out).</param>
/// <param name="Appeared">Customers only in the second snapshot, per class there.</param>
/// <param name="Disappeared">Customers only in the first snapshot, per class there.</param>
/// <param name="MovedDown">
/// For a ranked dimension (<see cref="Classification.DimensionClasses.Ranked"/>), the customers who moved down, most valuable first
/// (at most the limit asked for); null for other dimensions.
/// </param>
/// <param name="MovedDownCount">How many moved down in all (0 for an unranked dimension).</param>
public sealed record TransitionReport(
    string Dimension, DateOnly From, DateOnly To, IReadOnlyList<string?> Classes, IReadOnlyList<TransitionCell> Matrix,
    IReadOnlyList<ClassCount> Appeared, IReadOnlyList<ClassCount> Disappeared, IReadOnlyList<MovedCustomer>? MovedDown, long MovedDownCount);
