using System.Globalization;
using Clientele.Storage.Snapshots;
using Clientele.Web.Hosting;

namespace Clientele.Web.Api;

/// <summary>The value scatter: current value against growth potential, by value class. A read: viewers may call it.</summary>
public static class ValueApi
{
    /// <summary>The most points a call may ask for.</summary>
    public const int MaxLimit = 20_000;

    /// <summary>The points a call gets unless it asks for another number.</summary>
    public const int DefaultLimit = 2_000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/value", Value).WithTags("Value").WithName("GetValueScatter").ProducesProblem(400)
            .WithSummary("Points for a scatter of the actual customers of a snapshot (default: the latest): x = current value (past net value: " +
                "margin, or revenue, to date minus cost to serve), y = growth potential (future net value: predicted margin minus cost to serve; " +
                "value = past + future is what MVC is ranked on), each with id, name and value class (MVC, MGC, BZC, other). At most limit points " +
                "(default 2000, at most 20000): when there are more customers, the most valuable half of the limit and a seeded systematic sample of the rest.");
    }

    /// <summary>The value scatter.</summary>
    public static ValueScatter Value(DateOnly? asOf, int? limit, WorkspaceHost workspace)
    {
        var n = ReportLimits.Check(limit, DefaultLimit, MaxLimit);
        var sample = workspace.Read(w => SnapshotQuery.ValuePoints(w, asOf, n));
        var sampled = sample.Points.Count < sample.Customers;
        var text = sampled
            ? string.Create(CultureInfo.InvariantCulture,
                $"{sample.Points.Count:N0} of {sample.Customers:N0} customers: the {sample.Top:N0} most valuable and an evenly spaced sample of the rest by value (about every {sample.Step:0.#}th, seeded start)")
            : string.Create(CultureInfo.InvariantCulture, $"all {sample.Customers:N0} customers");
        return new ValueScatter(sample.AsOf, "past_net_value", "future_net_value", sample.Customers, sampled, text, sample.Points) { Currency = workspace.Money.Currency };
    }
}

/// <summary>Points of the value scatter.</summary>
/// <param name="AsOf">The snapshot.</param>
/// <param name="X">The figure on the x axis: past_net_value (current value).</param>
/// <param name="Y">The figure on the y axis: future_net_value (growth potential).</param>
/// <param name="Customers">Actual customers with both figures (what the points were drawn from).</param>
/// <param name="Sampled">Whether some were left out.</param>
/// <param name="Sampling">How the points were chosen, in words.</param>
/// <param name="Points">The points, most valuable first.</param>
public sealed record ValueScatter(DateOnly AsOf, string X, string Y, long Customers, bool Sampled, string Sampling, IReadOnlyList<ValuePoint> Points)
{
    /// <summary>The workspace's currency (ISO 4217 code) for every amount of money in this answer, or null when the workspace names none (<c>clientele currency</c>).</summary>
    public string? Currency { get; init; }
}
