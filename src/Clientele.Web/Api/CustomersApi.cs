using Clientele.Classification;
using Clientele.Storage;
using Clientele.Storage.Snapshots;
using Clientele.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Clientele.Web.Api;

/// <summary>
/// The customers of an analysis: a filtered, sorted, paged listing (milliseconds on a million customers, from the
/// snapshot's in-memory <see cref="ListingIndex"/>), one customer's profile, and the dimensions with their classes to build filters from.
/// </summary>
public static class CustomersApi
{
    /// <summary>Rows per page when none is asked for.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The most rows one page may hold.</summary>
    public const int MaxPageSize = 500;

    public static void Map(RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Customers");
        customers.MapGet("/", List).WithName("ListCustomers").ProducesProblem(400)
            .WithSummary("The customers of an analysis (default: the latest) that pass every filter (where=dimension=class[,class] or dimension!=class[,class], repeatable; " +
                "classes of one filter are alternatives), whose id or name contains the search text, sorted (sort=column [asc|desc], default " +
                "value desc), one page at a time (page from 1, pageSize 1 to 500, default 50).");
        customers.MapGet("/{customerId}", Profile).WithName("CustomerProfile").ProducesProblem(400).ProducesProblem(404)
            .WithSummary("One customer: every class with its reason, the playbook's actions, figures and scores, product lines, buying roles, " +
                "its classes in every analysis, and the overrides in force for it.");
        api.MapGet("/dimensions", Dimensions).WithTags("Customers").WithName("ListDimensions")
            .WithSummary("Every dimension with its classes: the fixed set where it is closed, else the classes present in the latest analysis.");
    }

    /// <summary>A page of the customers that pass the filters.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="listings">The in-memory listings of the snapshots being read.</param>
    /// <param name="where">Filters, each <c>dimension=class[,class...]</c> or <c>dimension!=class[,class...]</c>; all must hold.</param>
    /// <param name="sort"><c>column [asc|desc]</c>: customer_id, a figure or score, or a dimension.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">Rows per page, 1 to 500 (default 50).</param>
    /// <param name="search">Keeps the customers whose id or name contains this text (any case).</param>
    /// <param name="asOf">The analysis (default: the latest).</param>
    public static CustomerPage List(
        WorkspaceHost workspace, ListingIndex listings, [FromQuery] string[]? where = null, string? sort = null, int? page = null, int? pageSize = null,
        string? search = null, DateOnly? asOf = null)
    {
        var (number, size) = ReportLimits.Page(page, pageSize, DefaultPageSize, MaxPageSize);
        var filters = (where ?? []).Where(w => !string.IsNullOrWhiteSpace(w)).Select(ClassFilter.Parse).ToList();
        var order = string.IsNullOrWhiteSpace(sort) ? null : CustomerSort.Parse(sort);
        var offset = (long)(number - 1) * size;
        if (offset > int.MaxValue) throw new WorkspaceException($"page {number} is beyond the last customer.");
        var listing = workspace.Read(w => listings.Customers(w, asOf, filters, order, size, (int)offset, search));
        var rows = listing.Rows.Select(r => new CustomerSummary(
            r.CustomerId, r.Name, r.Kind,
            listing.FigureNames.Select((f, i) => KeyValuePair.Create(f, r.Figures[i])).ToDictionary(),
            Clientele.Classification.Dimensions.All.Select((d, i) => KeyValuePair.Create(d, r.Classes[i])).ToDictionary()));
        return new CustomerPage(listing.AsOf, listing.Matching, number, size, [.. rows]) { Currency = workspace.Money.Currency };
    }

    /// <summary>One customer's profile.</summary>
    /// <param name="customerId">The customer's id, matched exactly.</param>
    /// <param name="workspace">The workspace.</param>
    /// <param name="asOf">The analysis (default: the latest).</param>
    public static CustomerDetail Profile(string customerId, WorkspaceHost workspace, DateOnly? asOf = null) => workspace.Read(w =>
    {
        var profile = SnapshotQuery.Profile(w, customerId, asOf);
        var overrides = OverrideTable.All(w).Where(o => o.CustomerId == customerId).ToList();
        return new CustomerDetail(profile.AsOf, profile.CustomerId, profile.Name, profile.Kind, profile.Classes, profile.Actions, profile.Figures,
            profile.ProductLines, profile.BuyingRoles,
            [.. profile.History.Select(h => new ClassesAsOf(h.AsOf, ByDimension(h.Classes)))],
            overrides, profile.Notes) { Currency = MoneySetting.Read(w).Currency, Live = profile.Live };
    });

    /// <summary>Every dimension with its classes.</summary>
    public static IReadOnlyList<DimensionInfo> Dimensions(WorkspaceHost workspace) => workspace.Read(w =>
        Clientele.Classification.Dimensions.All.Select(d => new DimensionInfo(
            d, DimensionClasses.IsClosed(d), DimensionClasses.Ranked.Contains(d), SnapshotQuery.Classes(w, d))).ToList());

    private static Dictionary<string, string?> ByDimension(IReadOnlyList<string?> classes) =>
        Clientele.Classification.Dimensions.All.Select((d, i) => KeyValuePair.Create(d, classes[i])).ToDictionary();
}

/// <summary>A page of a customer listing.</summary>
/// <param name="AsOf">The analysis listed.</param>
/// <param name="Total">How many customers pass the filters (on every page together).</param>
/// <param name="Page">This page, from 1.</param>
/// <param name="PageSize">Rows per page.</param>
/// <param name="Rows">The customers of this page, in the requested order.</param>
public sealed record CustomerPage(DateOnly AsOf, long Total, int Page, int PageSize, IReadOnlyList<CustomerSummary> Rows)
{
    /// <summary>The workspace's currency (ISO 4217 code) for every amount of money in this answer, or null when the workspace names none (<c>clientele currency</c>).</summary>
    public string? Currency { get; init; }
}

/// <summary>One customer of a listing.</summary>
/// <param name="Id">The customer's id.</param>
/// <param name="Name">Its display name, or null.</param>
/// <param name="Kind">person or organization, or null.</param>
/// <param name="Figures">The key figures by name (orders, revenue, p_alive, expected_revenue, clv, value; and the sort column when it is another figure); null where missing.</param>
/// <param name="Classes">The class of every dimension by name; null where the dimension does not apply.</param>
public sealed record CustomerSummary(
    string Id, string? Name, string? Kind, IReadOnlyDictionary<string, object?> Figures, IReadOnlyDictionary<string, string?> Classes);

/// <summary>Everything an analysis says about one customer, its classes in every analysis, and its overrides.</summary>
/// <param name="AsOf">The analysis shown.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Name">Its display name, or null.</param>
/// <param name="Kind">person or organization, or null.</param>
/// <param name="Classes">Every dimension's class and the reason for it.</param>
/// <param name="Actions">The playbook's actions for those classes, each with the class that produced it.</param>
/// <param name="Figures">Every figure and score with its meaning.</param>
/// <param name="ProductLines">The customer's class per product line.</param>
/// <param name="BuyingRoles">The people around an organization's purchases (empty for a person).</param>
/// <param name="History">Its classes in every analysis that holds it, oldest first.</param>
/// <param name="Overrides">The manual classes set for it; each applies from the next analysis on.</param>
/// <param name="Notes">Anything the reader should know (a playbook that could not be read).</param>
public sealed record CustomerDetail(
    DateOnly AsOf,
    string CustomerId,
    string? Name,
    string? Kind,
    IReadOnlyList<DimensionClass> Classes,
    IReadOnlyList<PlaybookAction> Actions,
    IReadOnlyList<ProfileFigure> Figures,
    IReadOnlyList<ProductLineClass> ProductLines,
    IReadOnlyList<ContactRole> BuyingRoles,
    IReadOnlyList<ClassesAsOf> History,
    IReadOnlyList<Override> Overrides,
    IReadOnlyList<string> Notes)
{
    /// <summary>Set when a live update re-classified the customer since the analysis: when, by which import or event batch, the day its figures are as of, and the classes that moved.</summary>
    public Storage.Live.LiveMark? Live { get; init; }

    /// <summary>The workspace's currency (ISO 4217 code) for every amount of money in this answer, or null when the workspace names none (<c>clientele currency</c>).</summary>
    public string? Currency { get; init; }
}

/// <summary>A customer's classes in one analysis.</summary>
/// <param name="AsOf">The analysis.</param>
/// <param name="Classes">The class of every dimension by name; null where it did not apply.</param>
public sealed record ClassesAsOf(DateOnly AsOf, IReadOnlyDictionary<string, string?> Classes);

/// <summary>A dimension and its classes.</summary>
/// <param name="Name">The dimension, as filters and overrides name it.</param>
/// <param name="Closed">Whether its classes are a fixed set (an override must use one of them).</param>
/// <param name="Ranked">Whether its order is a standing (a customer can move down).</param>
/// <param name="Classes">The fixed set in its order; for an open dimension the classes in the latest analysis, alphabetically.</param>
public sealed record DimensionInfo(string Name, bool Closed, bool Ranked, IReadOnlyList<string> Classes);
