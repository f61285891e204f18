using System.Globalization;
using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

public static partial class SnapshotQuery
{
    /// <summary>
    /// The actual customers of a snapshot (default: the latest) as points of current value (past net value) against growth
    /// potential (future net value), with their value class: all of them when there are at most <paramref name="limit"/>;
    /// otherwise the most valuable half of the limit and a systematic sample of the rest (evenly spaced by value, from a
    /// start drawn with <paramref name="seed"/>), so the cloud keeps its shape while the top stays complete.
    /// Customers without a finite past or future net value are left out.
    /// </summary>
    /// <exception cref="WorkspaceException">No snapshot, or none as of that date.</exception>
    public static ValueSample ValuePoints(Workspace workspace, DateOnly? asOf, int limit, int seed = 7)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var day = Resolve(workspace, asOf);
        var dialect = workspace.Dialect;
        var eligible = $"as_of = CAST($as_of AS DATE) AND value_class IS NOT NULL AND {dialect.IsFinite("past_net_value")} AND {dialect.IsFinite("future_net_value")}";
        long total;
        using (var count = workspace.Command($"SELECT count(*) FROM snapshot_customers WHERE {eligible}", ("as_of", DayValue(day))))
            total = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        var top = total <= limit ? total : limit / 2;
        var rest = total - top;
        var sampled = Math.Min(limit - top, rest);
        // Systematic sampling with a fractional interval rest / sampled: the k-th of the rest (by value) is taken when
        // floor((k * sampled + start) / rest) steps up, which happens exactly `sampled` times; start is seeded.
        var start = rest == 0 ? 0 : new Random(seed).NextInt64(rest);
        using var command = workspace.Command($"""
            SELECT customer_id, name, value_class, past_net_value, future_net_value, value, rank
            FROM (
                SELECT customer_id, name, value_class, past_net_value, future_net_value, value,
                       row_number() OVER (ORDER BY CASE WHEN {dialect.IsFinite("value")} THEN value END DESC NULLS LAST, {dialect.OrdinalText("customer_id")}) AS rank
                FROM snapshot_customers WHERE {eligible}
            ) ranked
            WHERE rank <= $top OR (rank > $top AND {dialect.IntegerQuotient("(rank - $top) * $sampled + $start", "$rest")} > {dialect.IntegerQuotient("(rank - $top - 1) * $sampled + $start", "$rest")})
            ORDER BY rank
            LIMIT $limit
            """, ("as_of", DayValue(day)), ("top", top), ("sampled", sampled), ("start", start), ("rest", Math.Max(rest, 1)), ("limit", (long)limit));
        using var reader = command.ExecuteReader();
        var points = new List<ValuePoint>();
        while (reader.Read())
            points.Add(new ValuePoint(reader.GetString(0), Text(reader, 1), reader.GetString(2), Number(reader, 3) ?? 0, Number(reader, 4) ?? 0,
                Number(reader, 5), reader.GetInt64(6) <= top));
        return new ValueSample(day, total, top, sampled == 0 ? 1 : (double)rest / sampled, points);
    }
}

/// <summary>Points of a value scatter: the most valuable customers, then a systematic sample of the rest.</summary>
/// <param name="AsOf">The snapshot.</param>
/// <param name="Customers">Actual customers with a past and future net value (all the points could be).</param>
/// <param name="Top">How many of the points are the most valuable customers (all of them when nothing was sampled).</param>
/// <param name="Step">The rest was sampled about every <paramref name="Step"/>-th customer by value (1: none left out).</param>
/// <param name="Points">The points, most valuable first.</param>
public sealed record ValueSample(DateOnly AsOf, long Customers, long Top, double Step, IReadOnlyList<ValuePoint> Points);

/// <summary>One customer on the value scatter.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Name">Its display name, or null.</param>
/// <param name="ValueClass">MVC, MGC, BZC or other.</param>
/// <param name="PastNetValue">Current value: margin (or revenue) to date minus cost to serve.</param>
/// <param name="FutureNetValue">Growth potential: predicted margin (or revenue) minus cost to serve.</param>
/// <param name="Value">Past + future net value, or null.</param>
/// <param name="InTop">Among the most valuable (not sampled).</param>
public sealed record ValuePoint(string CustomerId, string? Name, string ValueClass, double PastNetValue, double FutureNetValue, double? Value, bool InTop);
