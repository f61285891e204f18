namespace Clientele.Storage.Snapshots;

/// <summary>One figure or score of a customer's profile.</summary>
/// <param name="Name">The column of <see cref="SnapshotSchema.FigureColumns"/>.</param>
/// <param name="Meaning">What it is, with its unit.</param>
/// <param name="Value">double, int, bool or string; null where missing.</param>
public sealed record ProfileFigure(string Name, string Meaning, object? Value);
