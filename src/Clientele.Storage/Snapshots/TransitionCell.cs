namespace Clientele.Storage.Snapshots;

/// <summary>How many customers held one class in the first snapshot and another (or the same) in the second.</summary>
/// <param name="From">The class in the first snapshot, or null.</param>
/// <param name="To">The class in the second snapshot, or null.</param>
/// <param name="Customers">How many.</param>
public sealed record TransitionCell(string? From, string? To, long Customers);
