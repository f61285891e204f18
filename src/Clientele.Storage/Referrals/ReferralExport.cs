using System.Globalization;
using System.Text;
using Clientele.Csv;

namespace Clientele.Storage.Referrals;

/// <summary>
/// The thank and ask lists as CSV for a mail tool: one row per customer with its id, name, e-mail (empty where the data has
/// none), the reason and the value, then the list's own figures. Text cells as <see cref="CsvCell.Text"/> writes them
/// (formulas neutralised); numbers invariant, with a point.
/// </summary>
public static class ReferralExport
{
    /// <summary>The columns of the thank list's CSV.</summary>
    public static readonly IReadOnlyList<string> ThankColumns =
        ["customer_id", "name", "email", "reason", "value", "referred_bought", "helps", "last_thanked", "counted_from"];

    /// <summary>The columns of the ask list's CSV (value: the customer's own value).</summary>
    public static readonly IReadOnlyList<string> AskColumns =
        ["customer_id", "name", "email", "reason", "value", "ladder", "p_alive", "churn_status", "last_asked"];

    /// <summary>The thank list as CSV (value: what the referred customers bought in the time counted).</summary>
    public static string Csv(ThankList list) => Write(ThankColumns, list.Candidates.Select(c => (IReadOnlyList<object?>)
        [c.CustomerId, c.Name, c.Email, c.Reason, c.ReferredValue, c.ReferredBought, c.Helps.Values.Sum(), c.LastThanked, c.CountedFrom]));

    /// <summary>The ask list as CSV.</summary>
    public static string Csv(AskList list) => Write(AskColumns, list.Candidates.Select(c => (IReadOnlyList<object?>)
        [c.CustomerId, c.Name, c.Email, c.Reason, c.Value, c.Ladder, c.ProbabilityAlive, c.ChurnStatus, c.LastAsked]));

    private static string Write(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var csv = new StringBuilder().Append(string.Join(',', columns)).Append('\n');
        foreach (var row in rows)
            csv.Append(string.Join(',', row.Select(Cell))).Append('\n');
        return csv.ToString();
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => CsvCell.Text(s),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => CsvCell.Text(value.ToString() ?? ""),
    };
}
