using Clientele.Classification.Concerns;
using Clientele.Storage.Analysis;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Concerns;

/// <summary>
/// The drill-down behind a figure of <see cref="ConcernQuery"/>: the interactions of one group (a class of a dimension, a
/// segment path with everything under it, or the whole base) that <see cref="ConcernRule"/> gives one concern, up to the
/// analysis date, newest first and paged. One SQL statement reads the group's interactions; the rule runs once per
/// distinct kind, tag and text, as in the counts, so a page lists exactly the interactions a count counted.
/// </summary>
public static class ConcernInteractions
{
    /// <summary>The most interactions a page may hold.</summary>
    public const int MaxPageSize = 200;

    /// <summary>
    /// Page <paramref name="page"/> (from 1) of the interactions naming <paramref name="concern"/> (any case; blanks and
    /// underscores as hyphens) of the customers in <paramref name="class"/> of <paramref name="dimension"/> (default: the
    /// structure map's segments; exactly that class), or in <paramref name="segment"/> with everything under it, or of every
    /// customer when neither a class nor a segment is given, in the analysis as of <paramref name="asOf"/> (default: the latest).
    /// </summary>
    /// <exception cref="WorkspaceException">No analysis; no concern; an unknown dimension or class; a class and a segment at once; a page below 1 or a page size outside 1 to <see cref="MaxPageSize"/>.</exception>
    public static ConcernInteractionPage Page(
        Workspace workspace, string concern, string? dimension = null, string? @class = null, string? segment = null, int page = 1, int pageSize = 25,
        DateOnly? asOf = null)
    {
        if (string.IsNullOrWhiteSpace(concern)) throw new WorkspaceException("name a concern, e.g. price or water-taste (see `clientele concerns`).");
        if (page < 1) throw new WorkspaceException($"page must be 1 or more, not {page}.");
        if (pageSize is < 1 or > MaxPageSize) throw new WorkspaceException($"page size must be 1 to {MaxPageSize}, not {pageSize}.");
        var grouping = ConcernGrouping.Of(dimension, @class, segment);
        var rule = new ConcernRule(AnalysisRunner.StoredOptions(workspace).Concerns);
        var wanted = ConcernRule.Normalise(concern);
        var day = SnapshotQuery.Resolve(workspace, asOf);

        var whole = grouping.Class is null && grouping.Path is null;
        var members = whole
            ? "SELECT customer_id FROM snapshot_customers WHERE as_of = CAST($as_of AS DATE)"
            : $"SELECT DISTINCT customer_id FROM ({grouping.MembersSql(workspace.Dialect)}) members";
        var text = workspace.Dialect.OrdinalText;
        using var command = workspace.Command($"""
            SELECT i.occurred_at, i.customer_id, s.name, i.kind, i.tag, i.text
            FROM interactions i
            JOIN ({members}) m ON m.customer_id = i.customer_id
            JOIN snapshot_customers s ON s.as_of = CAST($as_of AS DATE) AND s.customer_id = i.customer_id
            WHERE i.occurred_at < CAST($as_of AS DATE) + INTERVAL '1 day'
            ORDER BY i.occurred_at DESC, {text("i.customer_id")}, {text("i.kind")}, {text("i.tag")} NULLS FIRST, {text("i.text")} NULLS FIRST
            """, whole ? [("as_of", day.ToDateTime(TimeOnly.MinValue))] : grouping.Parameters(day));

        var memo = new Dictionary<(string?, string?, string?), bool>();
        var skip = (long)(page - 1) * pageSize;
        var matching = 0L;
        var customers = new HashSet<string>(StringComparer.Ordinal);
        var shown = new List<ConcernInteraction>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = (Text(reader, 3), Text(reader, 4), Text(reader, 5));
            if (!memo.TryGetValue(key, out var names)) memo[key] = names = rule.ConcernOf(key.Item1, key.Item2, key.Item3) == wanted;
            if (!names) continue;
            var customer = reader.GetString(1);
            customers.Add(customer);
            if (matching >= skip && shown.Count < pageSize)
                shown.Add(new ConcernInteraction(reader.GetDateTime(0), customer, Text(reader, 2), key.Item1!, key.Item2, key.Item3));
            matching++;
        }
        return new ConcernInteractionPage(day, grouping.Dimension, grouping.Path ?? grouping.Class, wanted, rule.IsGeneral(wanted), matching, customers.Count,
            page, pageSize, shown);
    }

    private static string? Text(System.Data.Common.DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}
