using Clientele.Storage;
using Clientele.Storage.Snapshots;
using Clientele.Web.Hosting;

namespace Clientele.Web.Api;

/// <summary>The referral network: who brought whom, with the leaders, callers and spreaders.</summary>
public static class ReferralsApi
{
    /// <summary>Customers shown when no limit is given.</summary>
    public const int DefaultLimit = 300;

    /// <summary>The most customers one answer shows.</summary>
    public const int MaxLimit = 5_000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGroup("/referrals").WithTags("Influence")
            .MapGet("/", Graph).WithName("GetReferralGraph").ProducesProblem(400)
            .WithSummary("The referral network of an analysis (default: the latest), cut to its most important customers: leaders, callers, spreaders and the biggest referrers, then their neighbours.");
    }

    /// <summary>The referral graph.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="asOf">The analysis' as-of date; the latest when left out.</param>
    /// <param name="limit">The most customers to show: 1 to 5,000, default 300.</param>
    public static ReferralGraphView Graph(WorkspaceHost workspace, DateOnly? asOf = null, int? limit = null)
    {
        var max = limit ?? DefaultLimit;
        if (max is < 1 or > MaxLimit) throw new WorkspaceException($"limit must be 1 to {MaxLimit:N0}, not {max}.");
        var graph = workspace.Read(w => SnapshotQuery.Referrals(w, asOf, max));
        return new ReferralGraphView(graph.AsOf, graph.TotalNodes, graph.TotalEdges, graph.Nodes.Count, graph.Edges.Count,
            [.. graph.Nodes.Select(n => new ReferralNodeView(n.CustomerId, n.Name, string.Join(", ", n.Roles), n.Value, n.FullValue, n.Referred, n.ReferredBy))],
            graph.Edges) { Currency = workspace.Money.Currency };
    }
}

/// <summary>A customer of the referral network.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Name">Its name.</param>
/// <param name="Roles">Its influence roles joined by ", " (empty: none).</param>
/// <param name="Value">Its net value.</param>
/// <param name="FullValue">Value plus referral and influence value.</param>
/// <param name="Referred">Customers it referred.</param>
/// <param name="ReferredBy">Customers that referred it.</param>
public sealed record ReferralNodeView(string CustomerId, string? Name, string Roles, double? Value, double? FullValue, int Referred, int ReferredBy);

/// <summary>The referral network, cut to its most important part.</summary>
/// <param name="AsOf">The analysis shown.</param>
/// <param name="TotalNodes">Customers with a referral or a leader, caller or spreader role, in all.</param>
/// <param name="TotalEdges">Referrals between customers of the analysis, in all.</param>
/// <param name="ShownNodes">Customers shown.</param>
/// <param name="ShownEdges">Referrals shown (both ends shown).</param>
/// <param name="Nodes">The customers shown, most important first.</param>
/// <param name="Edges">The referrals shown (referrer → referred).</param>
public sealed record ReferralGraphView(
    DateOnly AsOf, long TotalNodes, long TotalEdges, int ShownNodes, int ShownEdges, IReadOnlyList<ReferralNodeView> Nodes, IReadOnlyList<ReferralEdge> Edges)
{
    /// <summary>The workspace's currency (ISO 4217 code) for every amount of money in this answer, or null when the workspace names none (<c>clientele currency</c>).</summary>
    public string? Currency { get; init; }
}
