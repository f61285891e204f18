namespace Clientele.Storage.Snapshots;

/// <summary>A customer whose class changed between two snapshots.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Name">Its display name, or null.</param>
/// <param name="From">The class in the first snapshot.</param>
/// <param name="To">The class in the second snapshot.</param>
/// <param name="Value">Its value in the second snapshot, or null.</param>
/// <param name="Reason">Why it holds the new class (the second snapshot's reason).</param>
public sealed record MovedCustomer(string CustomerId, string? Name, string From, string To, double? Value, string? Reason);
