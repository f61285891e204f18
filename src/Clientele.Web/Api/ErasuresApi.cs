using System.Security.Claims;
using Clientele.Storage.Removal;
using Clientele.Web.Hosting;
using Clientele.Web.Security;

namespace Clientele.Web.Api;

/// <summary>
/// Erasing a customer on request, as <c>clientele erase</c>: what it would remove, then the erasure, both for admins
/// only. The erasure is recorded with when, by whom and a salted hash of the id, never what was erased.
/// </summary>
public static class ErasuresApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var erase = api.MapGroup("/customers/{customerId}").WithTags("Erasure").RequireAuthorization(Policies.Admin);
        erase.MapGet("/erasure", Plan).WithName("PlanErasure").ProducesProblem(404)
            .WithSummary("What erasing the customer would remove, without changing anything: rows per table (every analysis included) and other customers' parent or referrer fields that would be emptied.");
        erase.MapDelete("/", Erase).WithName("EraseCustomer").ProducesProblem(404)
            .WithSummary("Erases the customer, whole or not at all: every row naming it in every table and analysis. Records when, by whom and a salted hash of the id, not what was erased; the next analysis no longer sees it.");
    }

    /// <summary>What erasing the customer would remove.</summary>
    public static ErasurePlan Plan(string customerId, WorkspaceHost workspace) => workspace.Read(w => CustomerErasure.Plan(w, customerId));

    /// <summary>Erases the customer and returns what was removed.</summary>
    public static async Task<ErasurePlan> Erase(
        string customerId, ClaimsPrincipal caller, WorkspaceHost workspace, TimeProvider time, CancellationToken cancellationToken)
    {
        // Every server's listings drop the customer at their next request (ChangeStamp.SnapshotRows, written by the erasure).
        return await workspace.WriteAsync(w => CustomerErasure.Apply(w, customerId, caller.Identity?.Name, time.GetUtcNow().UtcDateTime), cancellationToken);
    }
}
