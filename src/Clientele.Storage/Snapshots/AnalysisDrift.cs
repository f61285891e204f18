using System.Globalization;
using Clientele.Storage.Analysis;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// How far the base has moved since the latest analysis learned its cuts and models: the buyers' purchase days and
/// revenue now (every completed order stored, whatever its date), binned by the edges the analysis kept
/// (<see cref="LearnedOn"/>), compared with the shares it saw by the population stability index (PSI). By the
/// usual reading, under 0.1 the base is where the analysis left it, 0.1 to 0.25 it has moved, above 0.25 the cuts and
/// models no longer describe it and a refit (a new analysis) is due.
/// </summary>
/// <param name="AsOf">The latest analysis.</param>
/// <param name="BuyersThen">Buyers the analysis saw.</param>
/// <param name="BuyersNow">Buyers now.</param>
/// <param name="PurchaseDaysIndex">The PSI of the buyers' purchase days.</param>
/// <param name="RevenueIndex">The PSI of the buyers' revenue.</param>
public sealed record AnalysisDrift(DateOnly AsOf, long BuyersThen, long BuyersNow, double PurchaseDaysIndex, double RevenueIndex)
{
    /// <summary>PSI from which the base counts as moved.</summary>
    public const double Moved = 0.1;

    /// <summary>PSI from which a refit is due.</summary>
    public const double RefitDue = 0.25;

    /// <summary>The larger of the two indices.</summary>
    public double Index => Math.Max(PurchaseDaysIndex, RevenueIndex);

    /// <summary>"small", "moderate" or "large", by <see cref="Moved"/> and <see cref="RefitDue"/>.</summary>
    public string Level => Index >= RefitDue ? "large" : Index >= Moved ? "moderate" : "small";

    /// <summary>The drift in words, with the figures and what to do.</summary>
    public string Summary => string.Format(CultureInfo.InvariantCulture,
        "Drift since the analysis of {0:yyyy-MM-dd}: {1} (population stability index {2:0.000} on buyers' purchase days, {3:0.000} on their revenue; buyers {4:N0} then, {5:N0} now). {6}",
        AsOf, Level, PurchaseDaysIndex, RevenueIndex, BuyersThen, BuyersNow,
        Level switch
        {
            "large" => "The cuts and models no longer describe the base: analyze again.",
            "moderate" => "The base has moved: analyze again soon.",
            _ => "The cuts and models still describe the base.",
        });

    /// <summary>The drift since the latest analysis; null before the first, or when it did not keep the base it learned on (stored before drift was measured).</summary>
    public static AnalysisDrift? Read(Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (SnapshotQuery.List(workspace).Count == 0) return null;
        var (asOf, context) = SnapshotQuery.Context(workspace);
        if (context.LearnedOn is not { } then) return null;
        var days = new List<double>();
        var revenue = new List<double>();
        // The same definitions as the summary's: purchase days are distinct days with a completed order.
        using var command = workspace.Command("""
            SELECT count(DISTINCT CAST(ordered_at AS DATE)), CAST(sum(amount) AS DOUBLE PRECISION)
            FROM orders WHERE status = 'completed' GROUP BY customer_id
            """);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                days.Add(reader.GetInt64(0));
                revenue.Add(reader.IsDBNull(1) ? 0 : reader.GetDouble(1));
            }
        }
        return new AnalysisDrift(asOf, then.Buyers, days.Count,
            then.PurchaseDays.StabilityIndex(Distribution.Counts(then.PurchaseDays.Edges, days)),
            then.Revenue.StabilityIndex(Distribution.Counts(then.Revenue.Edges, revenue)));
    }
}
