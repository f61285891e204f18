using System.Security.Claims;
using Clientele.Classification;
using Clientele.Storage;
using Clientele.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clientele.Web.Api;

/// <summary>Analyses run in the background: start one, follow its steps, see what it stored. Starting needs the analyst role.</summary>
public static class AnalysesApi
{
    /// <summary>The dimensions whose class counts a run's summary gives.</summary>
    public static readonly IReadOnlyList<string> SummaryDimensions =
        [Dimensions.Ladder, Dimensions.ValueTier, Dimensions.ValueClass, Dimensions.Strategy, Dimensions.ChurnStatus, Dimensions.BuyingCenter];

    public static void Map(RouteGroupBuilder api)
    {
        var analyses = api.MapGroup("/analyses").WithTags("Analyses");
        analyses.MapGet("/", List).WithName("ListAnalysisRuns").WithSummary("The analyses started through the server since it started, newest first.");
        analyses.MapGet("/{id}", Get).WithName("GetAnalysisRun").ProducesProblem(404)
            .WithSummary("A run: queued, running, succeeded or failed; its steps so far; on success what it stored, on failure why.");
        analyses.MapPost("/", Start).WithName("StartAnalysis").RequireAuthorization(Policies.Analyst).ProducesProblem(400).ProducesProblem(409)
            .WithSummary("Starts an analysis in the background (as `clientele analyze`) and answers 202 with the run to follow; 409 while another runs.");
    }

    /// <summary>The recent runs.</summary>
    public static IReadOnlyList<AnalysisRunView> List(AnalysisRuns runs) => runs.Recent();

    /// <summary>One run.</summary>
    public static AnalysisRunView Get(string id, AnalysisRuns runs) =>
        runs.Find(id) ?? throw new NotFoundException($"there is no analysis run '{id}' (runs are kept while the server runs; GET /api/analyses lists them).");

    /// <summary>Starts a run.</summary>
    public static Results<Accepted<AnalysisRunView>, ProblemHttpResult> Start(AnalysisStart? request, ClaimsPrincipal caller, AnalysisRuns runs)
    {
        var analysis = (request ?? new AnalysisStart(null, null, null, null)).ToRequest();
        var run = runs.Start(analysis, caller.Identity?.Name);
        if (run is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "An analysis is running",
                detail: "another analysis is queued or running; wait for it to finish (GET /api/analyses) and start again.");
        }
        return TypedResults.Accepted($"/api/analyses/{run.Id}", run);
    }
}
