namespace Clientele.Storage.Snapshots;

/// <summary>One customer of a listing.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Name">Its display name, or null.</param>
/// <param name="Kind">person or organization, or null.</param>
/// <param name="Figures">The values of <see cref="CustomerListing.FigureNames"/>, in that order (double, int, bool or string; null where missing).</param>
/// <param name="Classes">The class of each dimension of <see cref="Classification.Dimensions.All"/>, in that order (null where it does not apply).</param>
public sealed record CustomerRow(string CustomerId, string? Name, string? Kind, IReadOnlyList<object?> Figures, IReadOnlyList<string?> Classes)
{
    /// <summary>The row's values in the order of <see cref="CustomerListing.Columns"/>.</summary>
    public IReadOnlyList<object?> Values => [CustomerId, Name, Kind, .. Figures, .. Classes];
}
