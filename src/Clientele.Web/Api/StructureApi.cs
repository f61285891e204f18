using Clientele.Classification;
using Clientele.Storage;
using Clientele.Storage.Snapshots;
using Clientele.Web.Hosting;

namespace Clientele.Web.Api;

/// <summary>The structure map (industry → domain, population groups) with its targets. A read: viewers may call it.</summary>
public static class StructureApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/structure", Structure).WithTags("Structure map").WithName("GetStructureMap").ProducesProblem(400)
            .WithSummary("The structure map of a snapshot (default: the latest): every node, parents before children, with parties, actual and " +
                "active customers, value, expected revenue, growth, its target (customers, value, due date) and whether it is a target group with no customers yet.");
    }

    /// <summary>The structure map.</summary>
    public static StructureReport Structure(DateOnly? asOf, WorkspaceHost workspace) => workspace.Read(w =>
    {
        var report = SnapshotQuery.Segments(w, Dimensions.Segment, asOf);
        var top = report.Nodes.Where(n => n.Level == 0).ToList();
        return new StructureReport(report.AsOf, report.PreviousAsOf, top.Sum(n => n.ActualCustomers), top.Sum(n => n.Value),
            report.Nodes.Count(n => n.TargetCustomers is not null || n.TargetValue is not null), report.Nodes.Count(n => n.TargetOnly), report.Nodes)
        { Currency = MoneySetting.Read(w).Currency };
    });
}

/// <summary>The structure map of a snapshot.</summary>
/// <param name="AsOf">The snapshot.</param>
/// <param name="PreviousAsOf">The snapshot growth is measured against, or null.</param>
/// <param name="ActualCustomers">Actual customers over the top-level nodes.</param>
/// <param name="Value">Value over the top-level nodes.</param>
/// <param name="Targets">Nodes with a target.</param>
/// <param name="TargetOnly">Target groups with no customers yet.</param>
/// <param name="Nodes">Every node depth-first, each parent before its children, siblings by name.</param>
public sealed record StructureReport(
    DateOnly AsOf, DateOnly? PreviousAsOf, long ActualCustomers, double Value, int Targets, int TargetOnly, IReadOnlyList<SegmentNode> Nodes)
{
    /// <summary>The workspace's currency (ISO 4217 code) for every amount of money in this answer, or null when the workspace names none (<c>clientele currency</c>).</summary>
    public string? Currency { get; init; }
}
