using Clientele.Storage.Concerns;
using Clientele.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Clientele.Web.Api;

/// <summary>What customers care about, per segment or class (<see cref="ConcernQuery"/>), and the interactions behind a figure (<see cref="ConcernInteractions"/>). Reads: viewers may call them.</summary>
public static class ConcernsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/concerns", Concerns).WithTags("Concerns").WithName("GetConcerns").ProducesProblem(400)
            .WithSummary("Per segment of the structure map (default), per class of a dimension (dimension, optionally class) or for one segment path " +
                "with everything under it (segment): the top needs and the top concerns in general (price, quality, ...), each with the interactions " +
                "naming it, the customers raising it, their share of the group, the lift against the whole base (base), and the trend: the share in " +
                "the previous analysis (previousShare) and the change in percentage points (changePoints), null when there is no previous analysis " +
                "(previousAsOf null) or the group had no customers then. Concerns come from the interactions' tags, or from their text by the keyword " +
                "rule of the options file (concerns); interactions up to the analysis date count.");
        api.MapGet("/concerns/interactions", Interactions).WithTags("Concerns").WithName("GetConcernInteractions").ProducesProblem(400)
            .WithSummary("The interactions behind one figure of GET /api/concerns: those of the customers in class of dimension (default: the structure " +
                "map's segments; exactly that class), or in segment with everything under it, or of every customer when neither is given, that name " +
                "concern, up to the analysis date; newest first, pageSize (1 to 200, default 25) per page, page from 1. Matching and customers count all of them.");
    }

    /// <summary>The concerns of every group.</summary>
    public static ConcernReport Concerns(string? dimension, [FromQuery(Name = "class")] string? @class, string? segment, int? top, DateOnly? asOf, WorkspaceHost workspace) =>
        workspace.Read(w => ConcernQuery.Of(w, dimension, @class, segment, top, asOf));

    /// <summary>A page of the interactions of one group naming one concern.</summary>
    public static ConcernInteractionPage Interactions(
        string? concern, string? dimension, [FromQuery(Name = "class")] string? @class, string? segment, int? page, int? pageSize, DateOnly? asOf, WorkspaceHost workspace) =>
        workspace.Read(w => ConcernInteractions.Page(w, concern ?? "", dimension, @class, segment, page ?? 1, pageSize ?? 25, asOf));
}
