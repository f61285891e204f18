using Clientele.Storage.Snapshots;
using Clientele.Web.Hosting;

namespace Clientele.Web.Api;

/// <summary><c>GET /api/snapshots</c>: every stored analysis.</summary>
public static class SnapshotsApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/snapshots", List).WithTags("Snapshots").WithName("ListSnapshots")
            .WithSummary("Every analysis, oldest first: its as-of date, when it ran, how many customers it classified and the model it used (empty before the first analysis).");

    /// <summary>Every analysis, oldest first.</summary>
    public static IReadOnlyList<SnapshotInfo> List(WorkspaceHost workspace) => workspace.Read(SnapshotQuery.List);
}
