namespace Clientele.Tables;

/// <summary>One column of a canonical table: its name, type, whether a file must supply it.</summary>
/// <param name="Name">The canonical name, snake_case; file columns match it case-insensitively.</param>
/// <param name="Type">The value type.</param>
/// <param name="Required">Whether every row must have a value.</param>
/// <param name="Description">What the column means, for help texts and docs.</param>
/// <param name="Allowed">For <see cref="ColumnType.Choice"/>: the accepted words (lower case).</param>
public sealed record CanonicalColumn(
    string Name,
    ColumnType Type,
    bool Required,
    string Description,
    IReadOnlyList<string>? Allowed = null)
{
    /// <summary>The value stored when a row gives none (e.g. <c>completed</c> for an order's status).</summary>
    public string? Fallback { get; init; }

    /// <summary>
    /// The workspace schema version that added the column (1: there from the start). An older workspace gets it on
    /// upgrade, and in a table whose rows are identified by content it counts in a row's hash only when set, so the
    /// rows stored before keep their hash and a re-imported file still adds nothing.
    /// </summary>
    public int AddedInSchema { get; init; } = 1;

    /// <summary>A required column.</summary>
    public static CanonicalColumn Must(string name, ColumnType type, string description, params string[] allowed) =>
        new(name, type, true, description, allowed.Length == 0 ? null : allowed);

    /// <summary>An optional column.</summary>
    public static CanonicalColumn May(string name, ColumnType type, string description, params string[] allowed) =>
        new(name, type, false, description, allowed.Length == 0 ? null : allowed);
}
