using Clientele.Storage;
using Clientele.Storage.Snapshots;
using Clientele.Web.Hosting;

namespace Clientele.Web.Api;

/// <summary>Organizations' buying centers: the six roles, who holds each, which are missing.</summary>
public static class BuyingCentersApi
{
    /// <summary>The largest page.</summary>
    public const int MaxPageSize = 500;

    public static void Map(RouteGroupBuilder api)
    {
        var centers = api.MapGroup("/buying-centers").WithTags("Buying centers");
        centers.MapGet("/", List).WithName("ListBuyingCenters").ProducesProblem(400)
            .WithSummary("A page of organizations, by value, with the holders of the six buying roles (payer, user, beneficiary, decider, promoter, stimulator) and the missing ones; missing=decider keeps those without a known decider.");
        centers.MapGet("/{customerId}", One).WithName("GetBuyingCenter").ProducesProblem(400).ProducesProblem(404)
            .WithSummary("One organization's buying center.");
    }

    /// <summary>A page of buying centers.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="asOf">The analysis' as-of date; the latest when left out.</param>
    /// <param name="page">The page, 1 first.</param>
    /// <param name="pageSize">Organizations per page, 1 to 500 (default 50).</param>
    /// <param name="missing">Only organizations where nobody is known to hold this role.</param>
    public static BuyingCenterPage List(WorkspaceHost workspace, DateOnly? asOf = null, int? page = null, int? pageSize = null, string? missing = null)
    {
        var (number, size) = ReportLimits.Page(page, pageSize, 50, MaxPageSize);
        var listing = workspace.Read(w => SnapshotQuery.BuyingCenters(w, asOf, string.IsNullOrWhiteSpace(missing) ? null : missing, size, (number - 1) * size));
        return new BuyingCenterPage(listing.AsOf, listing.Missing, listing.Total, number, size, SnapshotQuery.BuyingRoleNames, listing.Organizations) { Currency = workspace.Money.Currency };
    }

    /// <summary>One organization's buying center.</summary>
    public static BuyingCenterRow One(WorkspaceHost workspace, string customerId, DateOnly? asOf = null) =>
        workspace.Read(w => SnapshotQuery.BuyingCenter(w, customerId, asOf));
}

/// <summary>A page of organizations' buying centers.</summary>
/// <param name="AsOf">The analysis shown.</param>
/// <param name="Missing">The missing role filtered on, or null.</param>
/// <param name="Total">Organizations matching, in all.</param>
/// <param name="Page">This page (1 first).</param>
/// <param name="PageSize">Organizations per page.</param>
/// <param name="Roles">The six roles in the order each organization lists them.</param>
/// <param name="Organizations">This page's organizations, by value.</param>
public sealed record BuyingCenterPage(
    DateOnly AsOf, string? Missing, long Total, int Page, int PageSize, IReadOnlyList<string> Roles, IReadOnlyList<BuyingCenterRow> Organizations)
{
    /// <summary>The workspace's currency (ISO 4217 code) for every amount of money in this answer, or null when the workspace names none (<c>clientele currency</c>).</summary>
    public string? Currency { get; init; }
}
