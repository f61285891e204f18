namespace Clientele.Storage.Snapshots;

/// <summary>A filtered, sorted page of the customers of one snapshot.</summary>
/// <param name="AsOf">The snapshot.</param>
/// <param name="Matching">How many customers match the filters (before top and offset).</param>
/// <param name="FigureNames">The figure columns of <see cref="CustomerRow.Figures"/>: the key figures, and the sort column when it is another figure.</param>
/// <param name="Rows">The customers, in the requested order.</param>
public sealed record CustomerListing(DateOnly AsOf, long Matching, IReadOnlyList<string> FigureNames, IReadOnlyList<CustomerRow> Rows)
{
    /// <summary>The columns of a listing written as rows (CSV, JSON): id, name, kind, the figures, every dimension; <see cref="CustomerRow.Values"/> in this order.</summary>
    public IReadOnlyList<string> Columns => ["customer_id", "name", "kind", .. FigureNames, .. Classification.Dimensions.All];
}
