using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

/// <summary>Everything one snapshot says about one customer, and how its classes moved across every snapshot.</summary>
/// <param name="AsOf">The snapshot.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Name">Its display name, or null.</param>
/// <param name="Kind">person or organization, or null.</param>
/// <param name="Classes">Every dimension's class and reason, in the order of <see cref="Dimensions.All"/>.</param>
/// <param name="Actions">The playbook's actions for those classes, each with the class that produced it.</param>
/// <param name="Figures">Every figure and score of <see cref="SnapshotSchema.FigureColumns"/> but name and kind.</param>
/// <param name="ProductLines">The customer's class per product line.</param>
/// <param name="BuyingRoles">The people around an organization's purchases (empty for a person).</param>
/// <param name="History">Its classes in every snapshot that holds it, oldest first.</param>
/// <param name="Notes">Anything the reader should know (a playbook that could not be read).</param>
public sealed record CustomerProfile(
    DateOnly AsOf,
    string CustomerId,
    string? Name,
    string? Kind,
    IReadOnlyList<DimensionClass> Classes,
    IReadOnlyList<PlaybookAction> Actions,
    IReadOnlyList<ProfileFigure> Figures,
    IReadOnlyList<ProductLineClass> ProductLines,
    IReadOnlyList<ContactRole> BuyingRoles,
    IReadOnlyList<ClassHistory> History,
    IReadOnlyList<string> Notes)
{
    /// <summary>Set when a live update rewrote the customer's row since the analysis: when, by what, and the classes that moved.</summary>
    public Live.LiveMark? Live { get; init; }
}
