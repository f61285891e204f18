using System.Text;
using Clientele.Storage;
using Clientele.Storage.Referrals;
using Clientele.Web.Hosting;
using Clientele.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clientele.Web.Api;

/// <summary>
/// Thank and refer (docs/referrals.md): whom to thank now, whom to ask for a referral, what it brought back (reads, for
/// viewers), each list also as CSV for a mail tool, and recording a thank or an ask (analysts).
/// </summary>
public static class ThankAndReferApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var referrals = api.MapGroup("/referrals").WithTags("Thank and refer");
        referrals.MapGet("/thank", Thank).WithName("GetThankList").ProducesProblem(400)
            .WithSummary("Whom to thank now as of an analysis (default: the latest): customers whose referred customers bought, or who reviewed or suggested " +
                "(options referrals.thankFor), since they were last thanked (referral_thanks), by the referred customers' purchases; each with its reason. " +
                "note says what the data lacks when the list is empty.");
        referrals.MapGet("/thank/export", ThankCsv).WithName("ExportThankList").ProducesProblem(400).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The thank list as CSV for a mail tool: customer_id, name, email (where the customers file had one), reason, value, then the list's figures.");
        referrals.MapGet("/ask", Ask).WithName("GetAskList").ProducesProblem(400)
            .WithSummary("Whom to ask for a referral as of an analysis: supporters and advocates alive by the model's P(alive) (the churn status without one), " +
                "not asked (referral_ask) within the cooldown and with no open complaint; each with its reason, and how many each rule left out.");
        referrals.MapGet("/ask/export", AskCsv).WithName("ExportAskList").ProducesProblem(400).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The ask list as CSV for a mail tool: customer_id, name, email, reason, value, then the list's figures.");
        referrals.MapGet("/results", Results).WithName("GetReferralResults").ProducesProblem(400)
            .WithSummary("What thanking and asking were followed by: referrals and their purchases in the days after, against comparable customers of the same " +
                "ladder rung over the same windows. An association, not proof of an effect; statement says so, and when there are too few to compare.");
        referrals.MapPost("/records", Record).WithName("RecordReferralAction").RequireAuthorization(Policies.Analyst).ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Records now that we thanked a customer (action thank: an interaction of kind referral_thanks) or asked it for a referral (ask: " +
                "referral_ask), with an optional note; the lists change at once.");
    }

    /// <summary>The thank list.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="asOf">The analysis (default: the latest).</param>
    /// <param name="top">How many customers (default: the options' referrals.top).</param>
    public static ThankList Thank(WorkspaceHost workspace, DateOnly? asOf = null, int? top = null) =>
        workspace.Read(w => ThankQuery.Of(w, asOf, top));

    /// <summary>The ask list.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="asOf">The analysis (default: the latest).</param>
    /// <param name="top">How many customers (default: the options' referrals.top).</param>
    public static AskList Ask(WorkspaceHost workspace, DateOnly? asOf = null, int? top = null) =>
        workspace.Read(w => AskQuery.Of(w, asOf, top));

    /// <summary>The thank list as a CSV file.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="asOf">The analysis (default: the latest).</param>
    /// <param name="top">How many customers (default: the options' referrals.top).</param>
    public static FileContentHttpResult ThankCsv(WorkspaceHost workspace, DateOnly? asOf = null, int? top = null)
    {
        var list = Thank(workspace, asOf, top);
        return Csv(ReferralExport.Csv(list), $"thank-{list.AsOf:yyyy-MM-dd}.csv");
    }

    /// <summary>The ask list as a CSV file.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="asOf">The analysis (default: the latest).</param>
    /// <param name="top">How many customers (default: the options' referrals.top).</param>
    public static FileContentHttpResult AskCsv(WorkspaceHost workspace, DateOnly? asOf = null, int? top = null)
    {
        var list = Ask(workspace, asOf, top);
        return Csv(ReferralExport.Csv(list), $"ask-{list.AsOf:yyyy-MM-dd}.csv");
    }

    /// <summary>The results.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="asOf">The analysis (default: the latest).</param>
    public static ReferralResults Results(WorkspaceHost workspace, DateOnly? asOf = null) =>
        workspace.Read(w => ReferralResultsQuery.Of(w, asOf));

    /// <summary>Records a thank or an ask.</summary>
    public static async Task<Ok<RecordedReferralAction>> Record(ReferralRecordRequest request, WorkspaceHost workspace, TimeProvider time, CancellationToken cancellationToken)
    {
        var action = request.Action?.Trim().ToLowerInvariant() switch
        {
            "thank" => ReferralAction.Thank,
            "ask" => ReferralAction.Ask,
            _ => throw new WorkspaceException($"action must be thank or ask, not '{request.Action}'."),
        };
        if (string.IsNullOrWhiteSpace(request.CustomerId)) throw new WorkspaceException("customerId is empty: name the customer thanked or asked.");
        var recorded = await workspace.WriteAsync(w => ReferralLog.Record(w, request.CustomerId, action, request.Note, time.GetUtcNow().UtcDateTime), cancellationToken);
        return TypedResults.Ok(recorded);
    }

    private static FileContentHttpResult Csv(string csv, string name) =>
        TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv", name);
}

/// <summary>A thank or an ask to record.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Action">thank or ask.</param>
/// <param name="Note">An optional note, kept as the interaction's text.</param>
public sealed record ReferralRecordRequest(string? CustomerId, string? Action, string? Note);
