using Clientele.Web.Security;
using Microsoft.AspNetCore.Antiforgery;

namespace Clientele.Web.Api;

/// <summary>
/// The REST API under /api. Every endpoint needs at least the viewer role; those that change something need the analyst
/// or admin role, and, when called with the sign-in cookie rather than an API key, the anti-forgery token in the
/// X-CSRF-TOKEN header (GET /api/me gives it). Each feature maps its own group; the dashboard calls the same handlers.
/// </summary>
public static class ApiEndpoints
{
    /// <summary>Registers what the API's handlers need.</summary>
    public static IServiceCollection AddClienteleApi(this IServiceCollection services)
    {
        // A query value that does not bind (asOf=yesterday, limit=many) becomes a 400 ProblemDetails saying which (ApiProblems).
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddSingleton<AnalysisRuns>();
        services.AddHostedService<ScheduledAnalysis>();
        services.AddSingleton<ListingIndex>();
        return services;
    }

    /// <summary>Maps every group of the API.</summary>
    public static void MapClienteleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api")
            .RequireAuthorization(Policies.Viewer)
            .AddEndpointFilter(RefuseForgedChanges)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        AccountApi.Map(api);
        UsersApi.Map(api);
        ApiKeysApi.Map(api);
        SnapshotsApi.Map(api);
        CustomersApi.Map(api);
        ExportsApi.Map(api);
        ReportApi.Map(api);
        OverridesApi.Map(api);
        PlaybookApi.Map(api);
        MoneyApi.Map(api);
        SegmentsApi.Map(api);
        ConcernsApi.Map(api);
        StructureApi.Map(api);
        TransitionsApi.Map(api);
        ValueApi.Map(api);
        ChurnApi.Map(api);
        ReferralsApi.Map(api);
        ThankAndReferApi.Map(api);
        BuyingCentersApi.Map(api);
        ModelsApi.Map(api);
        ChangesApi.Map(api);
        ImportsApi.Map(api);
        ImportUndoApi.Map(api);
        EventsApi.Map(api);
        ErasuresApi.Map(api);
        AnalysesApi.Map(api);
    }

    /// <summary>
    /// A change made with the sign-in cookie must carry the anti-forgery token, so another site cannot make a signed-in
    /// browser change anything; a user still holding a one-time password may only change it. API keys are not cookies
    /// (a browser never sends them on its own), so their requests need no token.
    /// </summary>
    private static async ValueTask<object?> RefuseForgedChanges(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var byCookie = context.User.FindFirst(Policies.MethodClaim)?.Value == "password";
        if (byCookie && context.User.HasClaim(Policies.MustChangePasswordClaim, "true") && !context.Request.Path.StartsWithSegments("/api/me"))
            return TypedResults.Problem(statusCode: 403, title: "Forbidden", detail: "Choose your own password first (you signed in with a one-time password).");
        var safe = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method);
        if (byCookie && !safe)
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
                return TypedResults.Problem(statusCode: 400, title: "Missing anti-forgery token",
                    detail: "A change made with the sign-in cookie needs the X-CSRF-TOKEN header; GET /api/me gives its value.");
        }
        return await next(invocation);
    }
}
