namespace Clientele.Storage.Snapshots;

/// <summary>The order of a customer listing: a figure or score column of <see cref="SnapshotSchema.FigureColumns"/>, customer_id, or a dimension.</summary>
/// <param name="Column">The column; a dimension sorts by its classes' order where the set is closed (ladder: no-relationship first), else alphabetically.</param>
/// <param name="Descending">Largest first. Customers without a value come last either way.</param>
public sealed record CustomerSort(string Column, bool Descending)
{
    /// <summary>The default: most valuable first.</summary>
    public static readonly CustomerSort Default = new("value", true);

    /// <summary>Parses <c>column</c>, <c>column asc</c> or <c>column desc</c>; the column is checked later.</summary>
    /// <exception cref="WorkspaceException">The text is not of that form.</exception>
    public static CustomerSort Parse(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words switch
        {
            [var column] => new CustomerSort(column, false),
            [var column, var direction] when direction.Equals("asc", StringComparison.OrdinalIgnoreCase) => new CustomerSort(column, false),
            [var column, var direction] when direction.Equals("desc", StringComparison.OrdinalIgnoreCase) => new CustomerSort(column, true),
            _ => throw new WorkspaceException($"--sort expects \"column [asc|desc]\", e.g. \"value desc\"; not '{text}'."),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Column + (Descending ? " desc" : " asc");
}
