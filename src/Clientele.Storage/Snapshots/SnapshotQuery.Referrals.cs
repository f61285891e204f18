using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

public static partial class SnapshotQuery
{
    /// <summary>The influence roles a referral graph puts first (with the biggest referrers).</summary>
    public static readonly IReadOnlyList<string> HighlightedInfluenceRoles =
        [InfluenceRoles.Leader, InfluenceRoles.Caller, InfluenceRoles.PositiveSpreader, InfluenceRoles.NegativeSpreader];

    /// <summary>
    /// The referral network of a snapshot (default: the latest): every referral whose two customers are in it, cut to
    /// the <paramref name="limit"/> most important customers: first the leaders, callers and spreaders and the biggest
    /// referrers (most referrals, then value), each followed by its neighbours; the edges shown join two shown customers.
    /// </summary>
    /// <exception cref="WorkspaceException">No snapshot, or none as of that date.</exception>
    public static ReferralGraph Referrals(Workspace workspace, DateOnly? asOf = null, int limit = 300)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var day = Resolve(workspace, asOf);
        var edges = new List<ReferralEdge>();
        var text = workspace.Dialect.OrdinalText;
        using (var command = workspace.Command($"""
                   SELECT referrer_id, referred_id FROM (
                       SELECT DISTINCT r.referrer_id, r.referred_id FROM referrals r
                       WHERE r.referrer_id <> r.referred_id
                         AND EXISTS (SELECT 1 FROM snapshot_customers a WHERE a.as_of = CAST($as_of AS DATE) AND a.customer_id = r.referrer_id)
                         AND EXISTS (SELECT 1 FROM snapshot_customers b WHERE b.as_of = CAST($as_of AS DATE) AND b.customer_id = r.referred_id)) linked
                   ORDER BY {text("referrer_id")}, {text("referred_id")}
                   """, ("as_of", DayValue(day))))
        {
            using var reader = command.ExecuteReader();
            while (reader.Read()) edges.Add(new ReferralEdge(reader.GetString(0), reader.GetString(1)));
        }

        var nodes = new Dictionary<string, ReferralNode>(StringComparer.Ordinal);
        // An item of the influence list, matched whole: the list and the item each between separators.
        var separator = DimensionDeclaration.ListSeparator;
        var roles = string.Join(" OR ", HighlightedInfluenceRoles.Select(r => $"strpos('{separator}' || influence || '{separator}', {Schema.WorkspaceSchema.Literal(separator + r + separator)}) > 0"));
        using (var command = workspace.Command($"""
                   WITH ends AS (SELECT referrer_id AS id FROM referrals UNION SELECT referred_id FROM referrals)
                   SELECT customer_id, name, influence, value, full_value FROM snapshot_customers
                   WHERE as_of = CAST($as_of AS DATE) AND (customer_id IN (SELECT id FROM ends) OR {roles})
                   """, ("as_of", DayValue(day))))
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var influence = Text(reader, 2);
                var held = influence is null or InfluenceRoles.None ? [] : influence.Split(", ", StringSplitOptions.RemoveEmptyEntries);
                nodes[reader.GetString(0)] = new ReferralNode(reader.GetString(0), Text(reader, 1), held, Number(reader, 3), Number(reader, 4), 0, 0);
            }
        }

        var neighbours = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var referred = new Dictionary<string, int>(StringComparer.Ordinal);
        var referredBy = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var edge in edges)
        {
            Add(neighbours, edge.Referrer, edge.Referred);
            Add(neighbours, edge.Referred, edge.Referrer);
            referred[edge.Referrer] = referred.GetValueOrDefault(edge.Referrer) + 1;
            referredBy[edge.Referred] = referredBy.GetValueOrDefault(edge.Referred) + 1;
        }
        foreach (var id in nodes.Keys.ToList())
            nodes[id] = nodes[id] with { Referred = referred.GetValueOrDefault(id), ReferredBy = referredBy.GetValueOrDefault(id) };
        // Only customers with a referral or a highlighted role: a node known only from a referral outside the snapshot is left out.
        var linked = nodes.Values.Where(n => n.Referred + n.ReferredBy > 0 || n.Roles.Any(HighlightedInfluenceRoles.Contains)).ToList();

        double Worth(ReferralNode n) => n.FullValue ?? n.Value ?? 0;
        var highlighted = linked.Where(n => n.Roles.Any(HighlightedInfluenceRoles.Contains));
        var seeds = highlighted.Where(n => n.Referred + n.ReferredBy > 0)
            .Concat(linked.Where(n => n.Referred > 0))
            .Concat(highlighted)
            .OrderBy(n => n.Roles.Any(HighlightedInfluenceRoles.Contains) && n.Referred + n.ReferredBy > 0 ? 0 : n.Referred > 0 ? 1 : 2)
            .ThenByDescending(n => n.Referred).ThenByDescending(Worth).ThenBy(n => n.CustomerId, StringComparer.Ordinal)
            .Select(n => n.CustomerId).Distinct();
        var shown = new List<string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var seed in seeds)
        {
            if (shown.Count >= limit) break;
            if (taken.Add(seed)) shown.Add(seed);
            foreach (var next in (neighbours.GetValueOrDefault(seed) ?? []).Where(nodes.ContainsKey)
                         .OrderByDescending(id => nodes[id].Referred).ThenByDescending(id => Worth(nodes[id])).ThenBy(id => id, StringComparer.Ordinal))
            {
                if (shown.Count >= limit) break;
                if (taken.Add(next)) shown.Add(next);
            }
        }
        var shownEdges = edges.Where(e => taken.Contains(e.Referrer) && taken.Contains(e.Referred)).ToList();
        return new ReferralGraph(day, linked.Count, edges.Count, [.. shown.Select(id => nodes[id])], shownEdges);

        static void Add(Dictionary<string, List<string>> map, string from, string to)
        {
            if (!map.TryGetValue(from, out var list)) map[from] = list = [];
            list.Add(to);
        }
    }
}

/// <summary>A customer in the referral network.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Name">Its name.</param>
/// <param name="Roles">Its influence roles (empty for none).</param>
/// <param name="Value">Its net value.</param>
/// <param name="FullValue">Value plus referral and influence value.</param>
/// <param name="Referred">How many customers it referred.</param>
/// <param name="ReferredBy">How many customers referred it.</param>
public sealed record ReferralNode(string CustomerId, string? Name, IReadOnlyList<string> Roles, double? Value, double? FullValue, int Referred, int ReferredBy);

/// <summary>A referral: the referrer brought the referred customer.</summary>
public sealed record ReferralEdge(string Referrer, string Referred);

/// <summary>The referral network of a snapshot, cut to its most important part.</summary>
/// <param name="AsOf">The snapshot.</param>
/// <param name="TotalNodes">Customers with a referral or a highlighted influence role, in all.</param>
/// <param name="TotalEdges">Referrals between customers of the snapshot, in all.</param>
/// <param name="Nodes">The customers shown.</param>
/// <param name="Edges">The referrals between customers shown.</param>
public sealed record ReferralGraph(DateOnly AsOf, long TotalNodes, long TotalEdges, IReadOnlyList<ReferralNode> Nodes, IReadOnlyList<ReferralEdge> Edges);
