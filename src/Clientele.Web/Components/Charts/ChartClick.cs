namespace Clientele.Web.Components.Charts;

/// <summary>A click on a chart's data item.</summary>
/// <param name="Name">The item's name (a category, a node).</param>
/// <param name="SeriesName">The series' name, or null.</param>
/// <param name="DataIndex">The item's index in its series, or -1.</param>
/// <param name="Id">The item's id when the option gave one (a customer id on a scatter or a graph), else null.</param>
public sealed record ChartClick(string? Name, string? SeriesName, int DataIndex, string? Id);
