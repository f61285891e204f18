using Clientele.Tables;

namespace Clientele.Storage.Import;

/// <summary>
/// Checks a parsed value against the bounds of <see cref="ValueBounds"/>: null when it keeps them, else what was
/// expected, with the bound, for an <see cref="ImportError"/>.
/// </summary>
internal static class BoundsCheck
{
    public static string? Number(double value) => ValueBounds.InRange(value) ? null : $"a number {ValueBounds.NumberRange}";

    public static string? Time(DateTime value) => ValueBounds.InRange(value) ? null : $"a date {ValueBounds.DateRange}";

    public static string? Length(CanonicalTable table, CanonicalColumn column, int length)
    {
        var max = ValueBounds.MaxLength(table, column);
        if (length <= max) return null;
        var what = column.Type == ColumnType.Json ? "a JSON object" : ValueBounds.IsId(table, column) ? "an id" : "text";
        return $"{what} of at most {max:N0} characters";
    }

    /// <summary>The row's other columns kept as <c>attributes</c> JSON: at most <see cref="ValueBounds.MaxJsonLength"/> characters.</summary>
    public static string? Attributes(int length) =>
        length <= ValueBounds.MaxJsonLength ? null
        : $"a row whose other columns, kept as attributes, make at most {ValueBounds.MaxJsonLength:N0} characters of JSON (this row's make {length:N0})";

    public const string NoNul =
        "text without NUL (zero) bytes: this field holds one, as binary files do (remove it, or export the file again as text)";
}
