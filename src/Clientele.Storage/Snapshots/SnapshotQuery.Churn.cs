using System.Globalization;
using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

public static partial class SnapshotQuery
{
    /// <summary>
    /// Why customers left, by segment: the lapsed and lost customers of a snapshot (default: the latest) counted per
    /// segment cut to its first <paramref name="segmentLevel"/> levels (1: the industry or population group) and churn reason.
    /// </summary>
    /// <exception cref="WorkspaceException">No snapshot, none as of that date, or a level below 1.</exception>
    public static ChurnBySegment ChurnReasons(Workspace workspace, DateOnly? asOf, int segmentLevel = 1)
    {
        if (segmentLevel < 1) throw new WorkspaceException($"segment level {segmentLevel} is not possible: 1 is the top (industry or population group), 2 the domain.");
        var day = Resolve(workspace, asOf);
        using var command = workspace.Command($"""
            SELECT {Dimensions.Segment}, {Dimensions.ChurnReason}, count(*)
            FROM snapshot_customers
            WHERE as_of = CAST($as_of AS DATE) AND {Dimensions.ChurnStatus} IN ('lapsed', 'lost')
            GROUP BY 1, 2
            """, ("as_of", DayValue(day)));
        using var reader = command.ExecuteReader();
        // Segments are few: each is cut to its first levels here, and the counts of the segments cut alike added up.
        var cut = new Dictionary<(string? Segment, string? Reason), long>();
        while (reader.Read())
        {
            var segment = Text(reader, 0) is { } path ? string.Join('/', path.Split('/').Take(segmentLevel)) : null;
            cut[(segment, Text(reader, 1))] = cut.GetValueOrDefault((segment, Text(reader, 1))) + reader.GetInt64(2);
        }
        var counts = cut.Select(c => new SegmentReasonCount(c.Key.Segment, c.Key.Reason, c.Value)).ToList();
        var totals = counts.GroupBy(c => c.Segment).ToDictionary(g => g.Key ?? "", g => g.Sum(c => c.Customers));
        var ordered = counts.OrderByDescending(c => totals[c.Segment ?? ""]).ThenBy(c => c.Segment is null).ThenBy(c => c.Segment, StringComparer.Ordinal)
            .ThenBy(c => Position(Dimensions.ChurnReason, c.Reason)).ThenBy(c => c.Reason, StringComparer.Ordinal);
        return new ChurnBySegment(day, segmentLevel, counts.Sum(c => c.Customers), [.. ordered]);
    }

    /// <summary>
    /// The at-risk customers of a snapshot (default: the latest), most valuable first, at most <paramref name="limit"/> of
    /// them, with P(alive) now and a trend lag earlier and why they are at risk.
    /// </summary>
    /// <exception cref="WorkspaceException">No snapshot, or none as of that date.</exception>
    public static AtRiskListing AtRisk(Workspace workspace, DateOnly? asOf, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var day = Resolve(workspace, asOf);
        var where = $"as_of = CAST($as_of AS DATE) AND {Dimensions.ChurnStatus} = 'at-risk'";
        long total;
        using (var count = workspace.Command($"SELECT count(*) FROM snapshot_customers WHERE {where}", ("as_of", DayValue(day))))
        {
            total = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        var reasons = SnapshotReasons.Of(workspace, day);
        using var command = workspace.Command($"""
            SELECT s.customer_id, s.name, s.value, s.p_alive, s.p_alive_previous, s.{Dimensions.Segment}, {SnapshotReasons.Select(workspace, Dimensions.ChurnStatus, "s")}
            FROM snapshot_customers s WHERE {where}
            ORDER BY CASE WHEN {workspace.Dialect.IsFinite("s.value")} THEN s.value END DESC NULLS LAST, {workspace.Dialect.OrdinalText("s.customer_id")}
            LIMIT $limit
            """, ("as_of", DayValue(day)), ("limit", (long)limit));
        using var reader = command.ExecuteReader();
        var customers = new List<AtRiskCustomer>();
        while (reader.Read())
            customers.Add(new AtRiskCustomer(reader.GetString(0), Text(reader, 1), Number(reader, 2), Number(reader, 3), Number(reader, 4), Text(reader, 5),
                reasons.Read(reader, 6, Dimensions.ChurnStatus)));
        return new AtRiskListing(day, total, customers);
    }

    /// <summary>The churn status and churn reason (with its reason) of some customers in a snapshot, by customer id; customers not in it are left out.</summary>
    public static IReadOnlyDictionary<string, ChurnOfCustomer> ChurnOf(Workspace workspace, DateOnly asOf, IReadOnlyCollection<string> customerIds)
    {
        var churn = new Dictionary<string, ChurnOfCustomer>(StringComparer.Ordinal);
        var reasons = SnapshotReasons.Of(workspace, asOf);
        foreach (var chunk in customerIds.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var parameters = new List<(string Name, object? Value)> { ("as_of", DayValue(asOf)) };
            var names = new List<string>();
            foreach (var id in chunk)
            {
                var name = $"c{names.Count}";
                names.Add("$" + name);
                parameters.Add((name, id));
            }
            using var command = workspace.Command($"""
                SELECT s.customer_id, s.{Dimensions.ChurnStatus}, s.{Dimensions.ChurnReason}, {SnapshotReasons.Select(workspace, Dimensions.ChurnReason, "s")}
                FROM snapshot_customers s WHERE s.as_of = CAST($as_of AS DATE) AND s.customer_id IN ({string.Join(", ", names)})
                """, [.. parameters]);
            using var reader = command.ExecuteReader();
            while (reader.Read()) churn[reader.GetString(0)] = new ChurnOfCustomer(Text(reader, 1), Text(reader, 2), reasons.Read(reader, 3, Dimensions.ChurnReason));
        }
        return churn;
    }
}

/// <summary>Lapsed and lost customers per segment and churn reason.</summary>
/// <param name="AsOf">The snapshot.</param>
/// <param name="SegmentLevel">How many levels of the segment path were kept (1: industry or population group).</param>
/// <param name="Customers">Lapsed and lost customers in all.</param>
/// <param name="Counts">Per segment (segments with most churned customers first) and reason (in the reasons' order).</param>
public sealed record ChurnBySegment(DateOnly AsOf, int SegmentLevel, long Customers, IReadOnlyList<SegmentReasonCount> Counts);

/// <summary>How many lapsed or lost customers of a segment left for one reason.</summary>
/// <param name="Segment">The segment (cut to the level asked for), or null for customers without one.</param>
/// <param name="Reason">The churn reason, or null.</param>
/// <param name="Customers">How many.</param>
public sealed record SegmentReasonCount(string? Segment, string? Reason, long Customers);

/// <summary>The at-risk customers of a snapshot, most valuable first.</summary>
/// <param name="AsOf">The snapshot.</param>
/// <param name="Total">At-risk customers in all (the list may hold fewer).</param>
/// <param name="Customers">The most valuable of them.</param>
public sealed record AtRiskListing(DateOnly AsOf, long Total, IReadOnlyList<AtRiskCustomer> Customers);

/// <summary>A customer at risk.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Name">Its display name, or null.</param>
/// <param name="Value">Its value (past + future net value), or null.</param>
/// <param name="PAlive">P(alive) as of the snapshot, or null without a model.</param>
/// <param name="PAlivePrevious">P(alive) a trend lag earlier, or null.</param>
/// <param name="Segment">Its segment, or null.</param>
/// <param name="Reason">Why it is at risk (the churn status reason).</param>
public sealed record AtRiskCustomer(string CustomerId, string? Name, double? Value, double? PAlive, double? PAlivePrevious, string? Segment, string? Reason);

/// <summary>A customer's churn status and churn reason in a snapshot.</summary>
/// <param name="Status">active, at-risk, lapsed or lost, or null.</param>
/// <param name="Reason">The churn reason of a lapsed or lost customer, or null.</param>
/// <param name="Why">What decided the churn reason, or null.</param>
public sealed record ChurnOfCustomer(string? Status, string? Reason, string? Why);
