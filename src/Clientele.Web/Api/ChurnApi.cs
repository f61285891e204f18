using Clientele.Storage;
using Clientele.Storage.Snapshots;
using Clientele.Web.Hosting;

namespace Clientele.Web.Api;

/// <summary>Churn: why customers left, by segment, and who is at risk now. A read: viewers may call it.</summary>
public static class ChurnApi
{
    /// <summary>The most at-risk customers a call may ask for.</summary>
    public const int MaxLimit = 1_000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/churn", Churn).WithTags("Churn").WithName("GetChurn").ProducesProblem(400)
            .WithSummary("For a snapshot (default: the latest): the lapsed and lost customers per segment (cut to segmentLevel levels, default 1: " +
                "industry or population group, at most 5) and churn reason; and the at-risk customers, most valuable first (limit, default 50, at most 1000), " +
                "with P(alive) now and a trend lag earlier.");
    }

    /// <summary>The churn report.</summary>
    public static ChurnReport Churn(DateOnly? asOf, int? segmentLevel, int? limit, WorkspaceHost workspace)
    {
        var level = ReportLimits.Check(segmentLevel, 1, 5, "segmentLevel");
        var n = ReportLimits.Check(limit, 50, MaxLimit);
        return workspace.Read(w =>
        {
            var reasons = SnapshotQuery.ChurnReasons(w, asOf, level);
            var atRisk = SnapshotQuery.AtRisk(w, reasons.AsOf, n);
            return new ChurnReport(reasons.AsOf, level, reasons.Customers, reasons.Counts, atRisk.Total, atRisk.Customers) { Currency = MoneySetting.Read(w).Currency };
        });
    }
}

/// <summary>Why customers left, and who is at risk.</summary>
/// <param name="AsOf">The snapshot.</param>
/// <param name="SegmentLevel">The levels of the segment path kept (1: industry or population group).</param>
/// <param name="Churned">Lapsed and lost customers in all.</param>
/// <param name="Reasons">Lapsed and lost customers per segment and churn reason (segments with most first).</param>
/// <param name="AtRiskTotal">At-risk customers in all.</param>
/// <param name="AtRisk">The most valuable of them, at most the limit.</param>
public sealed record ChurnReport(
    DateOnly AsOf, int SegmentLevel, long Churned, IReadOnlyList<SegmentReasonCount> Reasons, long AtRiskTotal, IReadOnlyList<AtRiskCustomer> AtRisk)
{
    /// <summary>The workspace's currency (ISO 4217 code) for every amount of money in this answer, or null when the workspace names none (<c>clientele currency</c>).</summary>
    public string? Currency { get; init; }
}
