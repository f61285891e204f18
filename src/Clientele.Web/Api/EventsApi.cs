using System.Text.Json;
using Clientele.Storage;
using Clientele.Storage.Events;
using Clientele.Storage.Live;
using Clientele.Web.Hosting;
using Clientele.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Clientele.Web.Api;

/// <summary>
/// Live events: a batch of orders, interactions and referrals as JSON, stored as one import (docs/api.md, "Live events").
/// The handler only reads the body within its bound; <see cref="EventBatch"/> parses it and <see cref="EventStore"/> checks and
/// stores it with the importer's own checks, whole or not at all.
/// </summary>
public static class EventsApi
{
    /// <summary>The largest body accepted: 4 MiB (larger loads go through an import of a file).</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>The source recorded with the imports of this endpoint.</summary>
    public const string Source = "api:events";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/events", Post).WithTags("Events").WithName("PostEvents").RequireAuthorization(Policies.Analyst)
            .Accepts<EventBatchBody>("application/json").ProducesProblem(400).ProducesProblem(413).ProducesProblem(415)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithSummary("Stores a batch of events (orders, interactions, referrals; each element's keys are the table's canonical columns) as one import, whole or not at all: every value checked as the importer checks a file's, rows already stored (same id, or same content) added again never. Then re-classifies the customers the batch names (and the referrers of those referred) with the latest analysis: `live` says how many and which classes moved, and every read shows the new classes at once. 201 with the import id, the counts per table, the customers the batch names and the live update; 200 with no import id when every event was stored already. At most 10,000 rows and 4 MiB.");
    }

    /// <summary>Reads, checks and stores the batch.</summary>
    public static async Task<Results<Created<EventBatchResult>, Ok<EventBatchResult>>> Post(
        HttpRequest request, WorkspaceHost workspace, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !(type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
            throw new BadHttpRequestException("send the events as JSON: Content-Type: application/json.", StatusCodes.Status415UnsupportedMediaType);
        var body = await Body(request, cancellationToken);
        var batch = EventBatch.Parse(body.Span);
        var result = await workspace.WriteAsync(w =>
        {
            var stored = EventStore.Store(w, batch, Source, time, cancellationToken);
            if (!stored.Stored) return stored;
            // In the same write turn: the customers the batch names, and the referrers of those referred, re-classified with the latest analysis.
            var live = LiveUpdate.Refresh(w, stored.AffectedCustomers, stored.ImportId, time.GetUtcNow().UtcDateTime);
            return stored with { Live = live.AnalysisAsOf is null ? null : live };
        }, cancellationToken);
        return result.Stored ? TypedResults.Created((string?)null, result) : TypedResults.Ok(result);
    }

    /// <summary>The body, read up to <see cref="MaxBodyBytes"/>; a longer one is refused with 413 before it is parsed.</summary>
    private static async Task<ReadOnlyMemory<byte>> Body(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static BadHttpRequestException TooLarge() =>
        new($"the body is larger than {MaxBodyBytes / 1024 / 1024} MiB: send fewer events per batch, or import a file (POST /api/imports).", StatusCodes.Status413PayloadTooLarge);
}

/// <summary>The body of <c>POST /api/events</c>, for the API's document: each list optional, each element a JSON object whose keys are canonical columns of the table (docs/schema.md).</summary>
/// <param name="Orders">Rows of the orders table; give each its <c>order_id</c>, so that a repeated order is recognised by its id.</param>
/// <param name="Interactions">Rows of the interactions table; give each its <c>interaction_id</c>.</param>
/// <param name="Referrals">Rows of the referrals table (the referrer and referred pair identifies one).</param>
public sealed record EventBatchBody(
    IReadOnlyList<Dictionary<string, JsonElement>>? Orders = null,
    IReadOnlyList<Dictionary<string, JsonElement>>? Interactions = null,
    IReadOnlyList<Dictionary<string, JsonElement>>? Referrals = null);
