using Clientele.Storage.Live;
using Clientele.Web.Hosting;

namespace Clientele.Web.Api;

/// <summary>The classes live updates moved since an analysis (imports and events re-classify the customers they name).</summary>
public static class ChangesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGroup("/changes").WithTags("Live updates")
            .MapGet("/", Get).WithName("GetClassChanges").ProducesProblem(400)
            .WithSummary("The classes that moved live since an analysis (default: the latest), latest first: customer, dimension, from, to, the day the customer's figures are as of, when, and the import or event batch that moved it. `customer` keeps one customer's; `top` (default 100, at most 10,000) bounds the list, `total` counts them all.");
    }

    /// <summary>The moves since an analysis.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="asOf">The analysis; the latest when left out.</param>
    /// <param name="customer">Only this customer's moves.</param>
    /// <param name="top">At most this many, latest first (default 100, at most 10,000).</param>
    public static ChangesView Get(WorkspaceHost workspace, DateOnly? asOf = null, string? customer = null, int? top = null)
    {
        var shown = top ?? 100;
        if (shown is < 0 or > 10_000) throw new Storage.WorkspaceException($"top is {shown}; allowed: 0 to 10,000.");
        var (day, changes, total) = workspace.Read(w => ClassChanges.Since(w, asOf, customer, shown));
        return new ChangesView(day, total, changes);
    }
}

/// <summary>The classes live updates moved since an analysis.</summary>
/// <param name="AnalysisAsOf">The analysis.</param>
/// <param name="Total">How many moves there are in all.</param>
/// <param name="Changes">The latest of them, latest first.</param>
public sealed record ChangesView(DateOnly AnalysisAsOf, long Total, IReadOnlyList<ClassChange> Changes);
