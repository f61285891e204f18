using System.Text;
using Clientele.Csv;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Report;

/// <summary>
/// The customers of one ranked action as the CSV the report carries inside itself (a <c>data:</c> link, so the file stays
/// self-contained), with the columns and cells of <c>clientele customers --format csv</c> (<see cref="CsvCell.Value"/>):
/// id, name, kind, the listing's key figures and every dimension's class, in the listing's order (most valuable first).
/// </summary>
internal static class ActionList
{
    /// <summary>The file name the browser saves the list under: report-2025-12-31-strategy-develop.csv.</summary>
    public static string FileName(DateOnly asOf, ActionAtStake action) =>
        $"report-{ReportHtml.Day(asOf)}-{action.Dimension}-{string.Concat(action.Class.Select(c => char.IsLetterOrDigit(c) ? c : '-'))}.csv";

    public static string Csv(CustomerListing listing)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', listing.Columns).Append('\n');
        foreach (var row in listing.Rows) csv.AppendJoin(',', row.Values.Select(CsvCell.Value)).Append('\n');
        return csv.ToString();
    }
}
