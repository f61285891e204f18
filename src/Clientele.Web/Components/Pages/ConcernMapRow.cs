using Clientele.Classification;
using Clientele.Storage.Concerns;

namespace Clientele.Web.Components.Pages;

/// <summary>One row of the concerns page's heat maps: the whole base, a segment or a class.</summary>
/// <param name="Label">The row's short label: a segment's last two path parts ("healthcare/hospitals"), else the class.</param>
/// <param name="Full">The group's full name, for the tooltip.</param>
/// <param name="Class">The class or segment path to ask the drill-down for; null for the whole base.</param>
/// <param name="Addressable">False for the customers without a class, whom the drill-down cannot name.</param>
/// <param name="Group">The group's figures.</param>
internal sealed record ConcernMapRow(string Label, string Full, string? Class, bool Addressable, ConcernGroup Group)
{
    /// <summary>The base first, then the report's groups in its order.</summary>
    public static List<ConcernMapRow> Of(ConcernReport report)
    {
        var rows = new List<ConcernMapRow> { new("all customers", "all customers", null, true, report.Base) };
        foreach (var group in report.Groups)
        {
            if (group.Class is not { } @class) rows.Add(new("(none)", $"without a {report.Dimension} class", null, false, group));
            else rows.Add(new(Short(report.Dimension, @class, rows), @class, @class, true, group));
        }
        return rows;
    }

    /// <summary>A segment path's last two parts, unless another row already has that label (then the whole path).</summary>
    private static string Short(string dimension, string @class, List<ConcernMapRow> rows)
    {
        if (dimension != Dimensions.Segment) return @class;
        var parts = @class.Split('/');
        var label = parts.Length <= 2 ? @class : string.Join('/', parts[^2..]);
        return rows.Any(r => r.Label == label) ? @class : label;
    }
}
