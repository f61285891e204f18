using System.Security.Claims;
using Clientele.Storage.Removal;
using Clientele.Web.Hosting;
using Clientele.Web.Security;

namespace Clientele.Web.Api;

/// <summary>
/// Undoing an import, as <c>clientele import --undo N</c>: what it would change (any signed-in user may look), then the
/// undo itself (the analyst role), whole or not at all. The rules are those of <see cref="ImportUndo"/>.
/// </summary>
public static class ImportUndoApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var undo = api.MapGroup("/imports/{importId:int}/undo").WithTags("Imports");
        undo.MapGet("/", Plan).WithName("PlanImportUndo").ProducesProblem(404)
            .WithSummary("What undoing the import would change, without changing anything: rows per table, customers kept because other imports name them, and the latest analysis (which still includes the rows).");
        undo.MapPost("/", Undo).WithName("UndoImport").RequireAuthorization(Policies.Analyst).ProducesProblem(404)
            .WithSummary("Undoes the import, whole or not at all: removes every row it brought (customers other imports still name are kept as bare ids) and its record; the caller is recorded. Analyses stay until the next one, except the rows a live update rewrote: the customers the import named whose rows are live are re-classified from what remains (`live` in the answer).");
    }

    /// <summary>What undoing the import would change.</summary>
    public static UndoPlan Plan(int importId, WorkspaceHost workspace) => workspace.Read(w => ImportUndo.Plan(w, importId));

    /// <summary>Undoes the import and returns what it changed.</summary>
    public static Task<UndoPlan> Undo(int importId, ClaimsPrincipal caller, WorkspaceHost workspace, TimeProvider time, CancellationToken cancellationToken) =>
        workspace.WriteAsync(w => ImportUndo.Apply(w, importId, caller.Identity?.Name, time.GetUtcNow().UtcDateTime), cancellationToken);
}
