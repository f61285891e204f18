using Clientele.Classification;
using Clientele.Storage;
using Clientele.Storage.Snapshots;
using Clientele.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Clientele.Web.Api;

/// <summary>
/// <c>GET /api/exports/customers</c>: a filtered customer listing as a file to take to other tools, CSV or Parquet, with the
/// columns of <c>clientele export</c> (every figure, score, class, reason and action). The filters are the listing's
/// (<see cref="CustomersApi.List"/>), so a page's download holds exactly the customers the page lists, in its order.
/// </summary>
public static class ExportsApi
{
    /// <summary>The formats a download can take, by the name the <c>format</c> parameter gives, with the file's extension and media type.</summary>
    private static readonly IReadOnlyDictionary<string, (string Extension, string MediaType)> Formats = new Dictionary<string, (string, string)>
    {
        ["csv"] = (".csv", "text/csv"),
        ["parquet"] = (".parquet", "application/vnd.apache.parquet"),
    };

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/exports/customers", Customers).WithTags("Customers").WithName("ExportCustomers").ProducesProblem(400)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").Produces(StatusCodes.Status200OK, contentType: "application/vnd.apache.parquet")
            .WithSummary("The customers of an analysis (default: the latest) that pass every filter (where, search, as for GET /api/customers), every page " +
                "together, in the listing's order (sort), as a file: format=csv (default, with a header) or format=parquet; the columns of `clientele export`. " +
                "With movedDown=DIMENSION and from=DATE: only the customers who moved down in that ranked dimension from the analysis of `from` to the one " +
                "of asOf (default: the latest), most valuable first, as GET /api/transitions lists them, with their figures as of asOf.");

    /// <summary>The filtered listing as a CSV or Parquet file named after the analysis.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="where">Filters, each <c>dimension=class[,class...]</c> or <c>dimension!=class[,class...]</c>; all must hold.</param>
    /// <param name="sort"><c>column [asc|desc]</c>: the order of the rows (default value desc).</param>
    /// <param name="search">Keeps the customers whose id or name contains this text (any case).</param>
    /// <param name="asOf">The analysis (default: the latest).</param>
    /// <param name="format">csv (default) or parquet.</param>
    /// <param name="movedDown">A ranked dimension: only the customers who moved down in it from <paramref name="from"/> to <paramref name="asOf"/>.</param>
    /// <param name="from">The earlier analysis, for <paramref name="movedDown"/>.</param>
    public static IResult Customers(
        WorkspaceHost workspace, [FromQuery] string[]? where = null, string? sort = null, string? search = null, DateOnly? asOf = null, string? format = null,
        string? movedDown = null, DateOnly? from = null)
    {
        if (string.IsNullOrWhiteSpace(movedDown) != (from is null))
            throw new WorkspaceException("movedDown and from go together: movedDown=ladder&from=2025-06-30 (and asOf for the later analysis, default the latest).");
        var name = string.IsNullOrWhiteSpace(format) ? "csv" : format.Trim().ToLowerInvariant();
        if (!Formats.TryGetValue(name, out var chosen))
            throw new WorkspaceException($"format '{format}' is not one Clientele writes; ask for {string.Join(" or ", Formats.Keys)}.");
        var filters = (where ?? []).Where(w => !string.IsNullOrWhiteSpace(w)).Select(ClassFilter.Parse).ToList();
        var order = string.IsNullOrWhiteSpace(sort) ? null : CustomerSort.Parse(sort);
        var text = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        var file = Path.Combine(Path.GetTempPath(), $"clientele-download-{Guid.NewGuid():N}{chosen.Extension}");
        try
        {
            var result = workspace.Read(w =>
            {
                var listed = SnapshotQuery.Customers(w, asOf, filters, order, search: text).Rows.Select(r => r.CustomerId).ToList();
                if (from is { } earlier) listed = MovedDown(w, movedDown!, earlier, asOf, listed);
                return SnapshotQuery.Export(w, file, asOf, listed);
            });
            // The file goes when the response has been sent.
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Delete, 81_920, FileOptions.DeleteOnClose);
            return TypedResults.File(stream, chosen.MediaType, $"customers-{result.AsOf:yyyy-MM-dd}{chosen.Extension}");
        }
        catch
        {
            File.Delete(file);
            throw;
        }
    }

    /// <summary>The customers of <paramref name="listed"/> who moved down in the dimension, in the moved-down order (most valuable first).</summary>
    private static List<string> MovedDown(Workspace workspace, string dimension, DateOnly from, DateOnly? asOf, List<string> listed)
    {
        var name = SnapshotQuery.Dimension(dimension);
        if (!DimensionClasses.Ranked.Contains(name))
            throw new WorkspaceException($"{name} has no order of its classes, so nobody moves down in it; choose one of {string.Join(", ", DimensionClasses.Ranked)}.");
        var to = asOf ?? SnapshotQuery.Latest(workspace) ?? throw new WorkspaceException(SnapshotQuery.NoAnalysis + ".");
        var moved = SnapshotQuery.Transitions(workspace, name, from, to).MovedDown ?? [];
        var kept = listed.ToHashSet(StringComparer.Ordinal);
        return [.. moved.Select(m => m.CustomerId).Where(kept.Contains)];
    }
}
