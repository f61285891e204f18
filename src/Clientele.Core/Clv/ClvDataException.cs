using System.Globalization;

namespace Clientele.Clv;

/// <summary>
/// Data a customer-base model cannot be fitted to or evaluated on (non-finite or absurd values, T before the
/// last purchase, no repeat buyers, spend that is not positive). The message says which row and what to do;
/// for a bad row, <see cref="Row"/>, <see cref="Field"/> and <see cref="Rule"/> say where and which rule, so a
/// caller that read the rows from a file can name the file, line and column.
/// </summary>
public sealed class ClvDataException : ArgumentException
{
    /// <summary>The largest count, time or weight a model accepts (1e9): beyond it a value is a mistake, not data.</summary>
    public const double LargestValue = 1e9;

    /// <summary>Creates the exception with a message for the user.</summary>
    public ClvDataException(string message) : base(message) { }

    /// <summary>Creates the exception without a message.</summary>
    public ClvDataException() { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ClvDataException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The 0-based row that breaks a rule, when the problem is one row.</summary>
    public int? Row { get; private init; }

    /// <summary>The field of that row (frequency, recency, T, periods, monetary_value or weight).</summary>
    public string? Field { get; private init; }

    /// <summary>The rule the row breaks, in words.</summary>
    public string? Rule { get; private init; }

    /// <summary>A row that breaks a rule: <paramref name="values"/> describes the row, <paramref name="rule"/> what is wrong.</summary>
    public static ClvDataException ForRow(int row, string field, string values, string rule) =>
        new(string.Create(CultureInfo.InvariantCulture, $"row {row} ({values}) {rule}.")) { Row = row, Field = field, Rule = rule };

    /// <summary>The rule a value breaks by its size alone (not finite, or beyond <see cref="LargestValue"/> either way), or null.</summary>
    public static string? Magnitude(double value) =>
        !double.IsFinite(value) ? "holds a value that is not a finite number"
        : Math.Abs(value) > LargestValue ? string.Create(CultureInfo.InvariantCulture, $"holds {value:G4}, beyond {LargestValue:0e0}, the largest count, time or weight a model accepts")
        : null;
}
