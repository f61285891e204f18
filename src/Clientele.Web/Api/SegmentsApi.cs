using Clientele.Classification;
using Clientele.Storage;
using Clientele.Storage.Snapshots;
using Clientele.Web.Hosting;

namespace Clientele.Web.Api;

/// <summary>The classes of a dimension, and the overview of a snapshot (the dashboard's first page). Reads: viewers may call them.</summary>
public static class SegmentsApi
{
    /// <summary>Where each strategy class sits in the 2×2: share of wallet (high, low) × upcoming purchase volume (small, large).</summary>
    private static readonly IReadOnlyDictionary<string, (string Share, string Volume)> Quadrants = new Dictionary<string, (string, string)>
    {
        [StrategyMatrix.Classes[0]] = ("high", "large"),
        [StrategyMatrix.Classes[1]] = ("high", "small"),
        [StrategyMatrix.Classes[2]] = ("low", "large"),
        [StrategyMatrix.Classes[3]] = ("low", "small"),
        [StrategyMatrix.ShareUnknown] = ("unknown", "any"),
    };

    /// <summary>How many actions the overview lists.</summary>
    public const int TopActions = 5;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/segments/{dimension}", Segments).WithTags("Segments").WithName("GetSegments").ProducesProblem(400)
            .WithSummary("The classes of a dimension in a snapshot (default: the latest): customers, share, total and mean value, and the " +
                "change in customers since the previous snapshot; for the segment dimension also the structure map's nodes.");
        api.MapGet("/overview", Overview).WithTags("Segments").WithName("GetOverview").ProducesProblem(400)
            .WithSummary("What the overview page draws, in one call: the ladder in ladder order, value classes, value tiers, churn status, " +
                "the strategy matrix as a 2×2 (share of wallet × upcoming purchase volume) with customers and value per cell, the totals, " +
                "the top five playbook actions by value at stake (the summed future net value of the customers they are for; audience: the where-filters that list them), " +
                "and whether the latest analysis is older than the latest import (freshness.stale, freshness.warning).");
    }

    /// <summary>The classes of one dimension.</summary>
    public static SegmentReport Segments(string dimension, DateOnly? asOf, WorkspaceHost workspace) =>
        workspace.Read(w => SnapshotQuery.Segments(w, dimension, asOf) with { Currency = MoneySetting.Read(w).Currency });

    /// <summary>The overview of a snapshot.</summary>
    public static OverviewReport Overview(DateOnly? asOf, WorkspaceHost workspace) => workspace.Read(w =>
    {
        var ladder = SnapshotQuery.Segments(w, Dimensions.Ladder, asOf);
        var info = SnapshotQuery.List(w).First(s => s.AsOf == ladder.AsOf);
        SegmentReport Of(string dimension) => SnapshotQuery.Segments(w, dimension, ladder.AsOf);
        var strategy = Of(Dimensions.Strategy);
        var cells = StrategyMatrix.Classes.Select(c =>
        {
            var found = strategy.Classes.FirstOrDefault(s => s.Class == c);
            var (share, volume) = Quadrants[c];
            return new StrategyCell(c, share, volume, share switch { "high" => 0, "low" => 1, _ => 2 }, volume == "large" ? 1 : 0, found?.Customers ?? 0, found?.TotalValue ?? 0);
        }).ToList();
        return new OverviewReport(
            ladder.AsOf, ladder.PreviousAsOf, info.Model, ladder.Customers, ladder.Classes.Sum(c => c.TotalValue ?? 0),
            Applicable(ladder), Applicable(Of(Dimensions.ValueClass)), Applicable(Of(Dimensions.ValueTier)), Applicable(Of(Dimensions.ChurnStatus)),
            new StrategyGrid("share of wallet", "upcoming purchase volume", cells), AnalysisFreshness.Read(w),
            ActionStakes.Rank(w, ladder.AsOf, TopActions)) { Currency = MoneySetting.Read(w).Currency };
    });

    private static IReadOnlyList<SegmentClass> Applicable(SegmentReport report) => [.. report.Classes.Where(c => c.Class is not null)];
}

/// <summary>The overview of one snapshot. Customers a dimension does not apply to (a prospect has no value tier) are left out of its classes.</summary>
/// <param name="AsOf">The snapshot.</param>
/// <param name="PreviousAsOf">The snapshot growth is measured against, or null.</param>
/// <param name="Model">The customer-base model the scores came from, or null (rules).</param>
/// <param name="Customers">Every party of the snapshot (customers and prospects).</param>
/// <param name="TotalValue">The sum of their value (past + future net value).</param>
/// <param name="Ladder">The relationship ladder, lowest rung first.</param>
/// <param name="ValueClasses">MVC, MGC, BZC, other.</param>
/// <param name="ValueTiers">small, medium, large, VIP.</param>
/// <param name="ChurnStatus">active, at-risk, lapsed, lost.</param>
/// <param name="Strategy">The strategy matrix as a 2×2.</param>
/// <param name="Freshness">Whether the latest analysis is older than the latest import (then its warning says so).</param>
/// <param name="Actions">
/// What to do first: the playbook's actions by value at stake, the sum of the future net value of the customers in the class
/// the action is for (largest size first; routine actions left out). Groups of different dimensions overlap.
/// </param>
public sealed record OverviewReport(
    DateOnly AsOf, DateOnly? PreviousAsOf, string? Model, long Customers, double TotalValue,
    IReadOnlyList<SegmentClass> Ladder, IReadOnlyList<SegmentClass> ValueClasses, IReadOnlyList<SegmentClass> ValueTiers,
    IReadOnlyList<SegmentClass> ChurnStatus, StrategyGrid Strategy, AnalysisFreshness Freshness, IReadOnlyList<ActionAtStake> Actions)
{
    /// <summary>The workspace's currency (ISO 4217 code) for every amount of money in this answer, or null when the workspace names none (<c>clientele currency</c>).</summary>
    public string? Currency { get; init; }
}

/// <summary>The strategy matrix as a 2×2 grid: rows by share of wallet (high on top), columns by upcoming purchase volume (small left).</summary>
/// <param name="Rows">What the rows mean (share of wallet).</param>
/// <param name="Columns">What the columns mean (upcoming purchase volume).</param>
/// <param name="Cells">The four cells, in the order of the classes (keep, maintain-or-acquire, develop, acquire-or-abandon).</param>
public sealed record StrategyGrid(string Rows, string Columns, IReadOnlyList<StrategyCell> Cells);

/// <summary>One cell of the strategy matrix.</summary>
/// <param name="Class">keep, maintain-or-acquire, develop, acquire-or-abandon, or share-unknown (row 2: the share of wallet could be neither known nor estimated, whatever the volume).</param>
/// <param name="ShareOfWallet">high or low.</param>
/// <param name="Volume">large or small.</param>
/// <param name="Row">0 for high share of wallet, 1 for low.</param>
/// <param name="Column">0 for small volume, 1 for large.</param>
/// <param name="Customers">Customers in the cell.</param>
/// <param name="TotalValue">The sum of their value.</param>
public sealed record StrategyCell(string Class, string ShareOfWallet, string Volume, int Row, int Column, long Customers, double TotalValue);
