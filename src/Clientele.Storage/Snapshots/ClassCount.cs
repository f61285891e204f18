namespace Clientele.Storage.Snapshots;

/// <summary>A class and a number of customers.</summary>
/// <param name="Class">The class, or null.</param>
/// <param name="Customers">How many.</param>
public sealed record ClassCount(string? Class, long Customers);
