using System.Globalization;
using Clientele.Classification;
using Clientele.Storage;
using Clientele.Storage.Snapshots;
using Clientele.Web.Hosting;

namespace Clientele.Web.Api;

/// <summary>How customers moved between two snapshots in one dimension. A read: viewers may call it.</summary>
public static class TransitionsApi
{
    /// <summary>The most moved-down customers a call may ask for.</summary>
    public const int MaxLimit = 1_000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/transitions", Transitions).WithTags("Movement").WithName("GetTransitions").ProducesProblem(400)
            .WithSummary("The from-class × to-class matrix of a dimension (default: ladder) between two snapshots (default: the two latest), " +
                "the customers who appeared or disappeared, and for a ranked dimension who moved down, most valuable first (limit, default 50, " +
                "at most 1000), with their reason in the later snapshot and their churn status and reason.");
    }

    /// <summary>The movement between two snapshots.</summary>
    public static TransitionsReport Transitions(string? dimension, DateOnly? from, DateOnly? to, int? limit, WorkspaceHost workspace)
    {
        var n = ReportLimits.Check(limit, 50, MaxLimit);
        return workspace.Read(w =>
        {
            var name = SnapshotQuery.Dimension(dimension ?? Dimensions.Ladder);
            var dates = SnapshotQuery.List(w).Select(s => s.AsOf).ToList();
            if (dates.Count == 0) throw new WorkspaceException(SnapshotQuery.NoAnalysis + ".");
            if (dates.Count == 1)
                throw new WorkspaceException($"movement needs two analyses, and the workspace has one (as of {Day(dates[0])}): " +
                    "run `clientele analyze --as-of DATE` for another date.");
            var later = to ?? dates[^1];
            var earlier = from ?? dates.LastOrDefault(d => d < later);
            if (earlier == default) throw new WorkspaceException($"there is no analysis before {Day(later)} to compare it with; the first is as of {Day(dates[0])}.");
            if (earlier > later) throw new WorkspaceException($"from ({Day(earlier)}) is after to ({Day(later)}): give the earlier analysis as from.");
            var report = SnapshotQuery.Transitions(w, name, earlier, later, n);
            var moved = report.MovedDown ?? [];
            var churn = SnapshotQuery.ChurnOf(w, later, [.. moved.Select(m => m.CustomerId)]);
            return new TransitionsReport(report.Dimension, report.From, report.To, dates, report.Classes, report.Matrix, report.Appeared, report.Disappeared,
                report.MovedDown is not null, report.MovedDownCount,
                [.. moved.Select(m =>
                {
                    var c = churn.GetValueOrDefault(m.CustomerId);
                    return new MovedDownCustomer(m.CustomerId, m.Name, m.From, m.To, m.Value, m.Reason, c?.Status, c?.Reason, c?.Why);
                })]) { Currency = MoneySetting.Read(w).Currency };
        });
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>How the customers of one dimension moved between two snapshots.</summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="From">The earlier snapshot.</param>
/// <param name="To">The later snapshot.</param>
/// <param name="Snapshots">Every snapshot there is, oldest first (to choose others).</param>
/// <param name="Classes">Every class in either snapshot, in display order (null last).</param>
/// <param name="Matrix">Customers in both snapshots per from-class and to-class (empty cells left out).</param>
/// <param name="Appeared">Customers only in the later snapshot, per class there.</param>
/// <param name="Disappeared">Customers only in the earlier snapshot, per class there.</param>
/// <param name="Ranked">Whether the dimension's order is a standing (ladder, value tier, prospect grade, churn status), so moving down means something.</param>
/// <param name="MovedDownCount">How many moved down in all.</param>
/// <param name="MovedDown">The most valuable of them, at most the limit.</param>
public sealed record TransitionsReport(
    string Dimension, DateOnly From, DateOnly To, IReadOnlyList<DateOnly> Snapshots, IReadOnlyList<string?> Classes, IReadOnlyList<TransitionCell> Matrix,
    IReadOnlyList<ClassCount> Appeared, IReadOnlyList<ClassCount> Disappeared, bool Ranked, long MovedDownCount, IReadOnlyList<MovedDownCustomer> MovedDown)
{
    /// <summary>The workspace's currency (ISO 4217 code) for every amount of money in this answer, or null when the workspace names none (<c>clientele currency</c>).</summary>
    public string? Currency { get; init; }
}

/// <summary>A customer who moved down, and why.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Name">Its display name, or null.</param>
/// <param name="From">Its class in the earlier snapshot.</param>
/// <param name="To">Its class in the later snapshot.</param>
/// <param name="Value">Its value in the later snapshot, or null.</param>
/// <param name="Reason">Why it holds the new class (the later snapshot's reason for the dimension).</param>
/// <param name="ChurnStatus">Its churn status in the later snapshot.</param>
/// <param name="ChurnReason">Its churn reason there (lapsed and lost customers), or null.</param>
/// <param name="ChurnWhy">What decided the churn reason, or null.</param>
public sealed record MovedDownCustomer(
    string CustomerId, string? Name, string From, string To, double? Value, string? Reason, string? ChurnStatus, string? ChurnReason, string? ChurnWhy);
