using System.Globalization;

namespace Clientele.Tables;

/// <summary>
/// The bounds every imported value must keep (docs/importing.md, "Bounds"): dates within a range the analysis can
/// count days in, numbers small enough that sums over millions of rows stay finite, ids and text short enough to
/// show, store and read back. The importer refuses a value beyond them with the bound in the message.
/// </summary>
public static class ValueBounds
{
    /// <summary>The earliest date or date-time accepted (inclusive).</summary>
    public static readonly DateTime EarliestTime = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>The latest date accepted (inclusive, any time of that day).</summary>
    public static readonly DateTime LatestTime = new(2199, 12, 31, 23, 59, 59, DateTimeKind.Unspecified);

    /// <summary>
    /// Numbers must be below this in magnitude: a million orders of 1e12 still sum to 1e18, and squares and
    /// products of such sums stay far from the largest double (1.8e308).
    /// </summary>
    public const double MaxMagnitude = 1e12;

    /// <summary>The most characters of an id (a column named <c>*_id</c> or one naming customers), and of a header's column name.</summary>
    public const int MaxIdLength = 256;

    /// <summary>The most characters of any other text (32 KiB).</summary>
    public const int MaxTextLength = 32 * 1024;

    /// <summary>The most characters of a JSON value (the <c>attributes</c> of a row, gathered from its other columns).</summary>
    public const int MaxJsonLength = 256 * 1024;

    /// <summary>Whether a column holds ids: its name ends in <c>_id</c>, or it names customers (like <c>referred_by</c>).</summary>
    public static bool IsId(CanonicalTable table, CanonicalColumn column) =>
        column.Name.EndsWith("_id", StringComparison.Ordinal) || table.CustomerColumns.Contains(column.Name);

    /// <summary>The most characters a text, choice or JSON value of this column may have.</summary>
    public static int MaxLength(CanonicalTable table, CanonicalColumn column) =>
        column.Type == ColumnType.Json ? MaxJsonLength : IsId(table, column) ? MaxIdLength : MaxTextLength;

    /// <summary>Whether a date or date-time is within <see cref="EarliestTime"/> .. <see cref="LatestTime"/>.</summary>
    public static bool InRange(DateTime time) => time >= EarliestTime && time <= LatestTime;

    /// <summary>Whether a number is finite and below <see cref="MaxMagnitude"/> in magnitude.</summary>
    public static bool InRange(double number) => Math.Abs(number) < MaxMagnitude;

    /// <summary>The date range in words, for messages: "between 1900-01-01 and 2199-12-31".</summary>
    public static string DateRange { get; } = string.Create(CultureInfo.InvariantCulture, $"between {EarliestTime:yyyy-MM-dd} and {LatestTime:yyyy-MM-dd}");

    /// <summary>The number bound in words, for messages: "less than 1e12 in magnitude (1,000,000,000,000)".</summary>
    public static string NumberRange { get; } = string.Create(CultureInfo.InvariantCulture, $"less than {MaxMagnitude:0e0} in magnitude ({MaxMagnitude:N0})");
}
