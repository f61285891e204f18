using Clientele.Storage.Concerns;
using Clientele.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Clientele.Web.Api;

/// <summary>What customers care about, per segment or class (<see cref="ConcernQuery"/>). A read: viewers may call it.</summary>
public static class ConcernsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/concerns", Concerns).WithTags("Concerns").WithName("GetConcerns").ProducesProblem(400)
            .WithSummary("Per segment of the structure map (default), per class of a dimension (dimension, optionally class) or for one segment path " +
                "with everything under it (segment): the top needs and the top concerns in general (price, quality, ...), each with the interactions " +
                "naming it, the customers raising it, their share of the group and the lift against the whole base (base). Concerns come from the " +
                "interactions' tags, or from their text by the keyword rule of the options file (concerns); interactions up to the analysis date count.");
    }

    /// <summary>The concerns of every group.</summary>
    public static ConcernReport Concerns(string? dimension, [FromQuery(Name = "class")] string? @class, string? segment, int? top, DateOnly? asOf, WorkspaceHost workspace) =>
        workspace.Read(w => ConcernQuery.Of(w, dimension, @class, segment, top, asOf));
}
