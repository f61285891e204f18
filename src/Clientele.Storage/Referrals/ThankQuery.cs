using System.Globalization;
using Clientele.Storage.Analysis;
using Clientele.Storage.Snapshots;
using Clientele.Tables;

namespace Clientele.Storage.Referrals;

/// <summary>
/// Whom to thank now: the customers of an analysis whose referred customers bought, or who helped (the kinds of option
/// <c>referrals.thankFor</c>, not of negative sentiment), since they were last thanked — after their latest
/// <c>referral_thanks</c> interaction, and within the <c>referrals.thankWindowDays</c> before the analysis date.
/// Read from the interactions at query time: a recorded thank removes the customer at once.
/// </summary>
public static class ThankQuery
{
    /// <summary>The thank list as of the analysis <paramref name="asOf"/> (default: the latest), its first <paramref name="top"/> (default: the options' <c>referrals.top</c>).</summary>
    /// <exception cref="WorkspaceException">No analysis, or none as of that date; a top below 1.</exception>
    public static ThankList Of(Workspace workspace, DateOnly? asOf = null, int? top = null)
    {
        if (top is < 1) throw new WorkspaceException($"top must be 1 or more, not {top}.");
        var options = AnalysisRunner.StoredOptions(workspace).Referrals;
        var day = SnapshotQuery.Resolve(workspace, asOf);
        var end = ReferralSql.Start(day.AddDays(1));
        var start = ReferralSql.Start(day.AddDays(1 - options.ThankWindowDays));
        var (helpList, helpParameters) = ReferralSql.Kinds("help", options.ThankFor);
        var money = MoneySetting.Read(workspace);

        using var command = ReferralSql.Command(workspace, $"""
            WITH thanked AS (
                -- Counted from the day after the last thank: what came in on the day of a thank is what it thanked for.
                SELECT customer_id, max(occurred_at) AS last_thanked, CAST(max(occurred_at) AS DATE) + INTERVAL '1 day' AS counted_from
                FROM interactions WHERE lower(kind) = $thanks GROUP BY customer_id),
            referred AS (
                SELECT r.referrer_id AS customer_id, count(DISTINCT o.customer_id) AS bought, sum(o.amount) AS amount
                FROM referrals r
                JOIN orders o ON o.customer_id = r.referred_id
                LEFT JOIN thanked t ON t.customer_id = r.referrer_id
                WHERE o.status = 'completed' AND o.ordered_at >= $start AND o.ordered_at < $end
                  AND (t.counted_from IS NULL OR o.ordered_at >= t.counted_from)
                GROUP BY r.referrer_id),
            helped AS (
                SELECT i.customer_id, lower(i.kind) AS kind, count(*) AS helps
                FROM interactions i LEFT JOIN thanked t ON t.customer_id = i.customer_id
                WHERE lower(i.kind) IN ({helpList}) AND coalesce(i.sentiment, '') <> 'negative'
                  AND i.occurred_at >= $start AND i.occurred_at < $end
                  AND (t.counted_from IS NULL OR i.occurred_at >= t.counted_from)
                GROUP BY i.customer_id, lower(i.kind))
            SELECT s.customer_id, s.name, {ReferralSql.Email(workspace)}, coalesce(r.bought, 0), coalesce(r.amount, 0), h.kind, h.helps, t.last_thanked
            FROM snapshot_customers s
            LEFT JOIN customers c ON c.customer_id = s.customer_id
            LEFT JOIN thanked t ON t.customer_id = s.customer_id
            LEFT JOIN referred r ON r.customer_id = s.customer_id
            LEFT JOIN helped h ON h.customer_id = s.customer_id
            WHERE s.as_of = CAST($as_of AS DATE) AND ((r.bought > 0 AND r.amount >= $minimum) OR h.helps > 0)
            """,
            [("thanks", CanonicalTables.ReferralThanksKind), ("start", start), ("end", end), ("as_of", ReferralSql.Start(day)),
             ("minimum", options.ThankMinimumValue), .. helpParameters]);

        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetString(0);
                if (!rows.TryGetValue(id, out var row))
                {
                    var bought = ReferralSql.Count(reader, 3);
                    var amount = ReferralSql.Number(reader, 4) ?? 0;
                    // Below the minimum value, the referrals alone do not put a customer on the list; its help still may.
                    if (bought > 0 && amount < options.ThankMinimumValue) (bought, amount) = (0, 0);
                    rows[id] = row = new Row(id, ReferralSql.Text(reader, 1), ReferralSql.Text(reader, 2), bought, amount,
                        ReferralSql.Time(reader, 7), new SortedDictionary<string, long>(StringComparer.Ordinal));
                }
                if (ReferralSql.Text(reader, 5) is { } kind) row.Helps[kind] = ReferralSql.Count(reader, 6);
            }
        }

        var windowStart = day.AddDays(1 - options.ThankWindowDays);
        var candidates = rows.Values
            .Where(r => r.Bought > 0 || r.Helps.Count > 0)
            .OrderByDescending(r => r.Amount).ThenByDescending(r => r.Helps.Values.Sum()).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r =>
            {
                var last = r.LastThanked is { } t ? DateOnly.FromDateTime(t) : (DateOnly?)null;
                var from = last is { } l && l.AddDays(1) > windowStart ? l.AddDays(1) : windowStart;
                return new ThankCandidate(r.Id, r.Name, r.Email, r.Bought, r.Amount, r.Helps, last, from, Reason(r, last, from, day, money));
            }).ToList();
        var note = candidates.Count > 0 ? null : EmptyNote(workspace, day, options.ThankWindowDays, options.ThankFor);
        return new ThankList(day, options.ThankWindowDays, candidates.Count, [.. candidates.Take(top ?? options.Top)], note);
    }

    private static string Reason(Row row, DateOnly? last, DateOnly from, DateOnly day, Money.MoneyFormat money)
    {
        var parts = new List<string>();
        if (row.Bought > 0)
            parts.Add($"{ReferralSql.Counted(row.Bought, "referred customer")} bought {money.Amount(row.Amount, 2)}");
        if (row.Helps.Count > 0)
            parts.Add(string.Join(" and ", row.Helps.Select(h => ReferralSql.Counted(h.Value, h.Key))));
        var since = last is { } l
            ? (l.AddDays(1) == from ? $"since we last thanked them on {ReferralSql.Day(l)}" : $"from {ReferralSql.Day(from)} to {ReferralSql.Day(day)} (last thanked on {ReferralSql.Day(l)}, before the window)")
            : $"from {ReferralSql.Day(from)} to {ReferralSql.Day(day)} (never thanked)";
        return string.Join("; ", parts) + " " + since;
    }

    /// <summary>Why the list is empty, in words: what the data lacks, or that everybody was thanked.</summary>
    private static string EmptyNote(Workspace workspace, DateOnly day, int windowDays, IReadOnlyList<string> thankFor)
    {
        var referrals = ReferralSql.RowCount(workspace, "SELECT count(*) FROM referrals");
        var (list, parameters) = ReferralSql.Kinds("help", thankFor);
        var helps = ReferralSql.RowCount(workspace, $"SELECT count(*) FROM interactions WHERE lower(kind) IN ({list})", parameters);
        var kinds = thankFor.Count == 0 ? "help (referrals.thankFor is empty)" : string.Join(" or ", thankFor) + " interactions";
        if (referrals == 0 && helps == 0)
            return $"Nobody to thank: the data has no referrals and no {kinds}. Import them (`clientele import referrals FILE`, `clientele import interactions FILE`) to see whom to thank.";
        return string.Format(CultureInfo.InvariantCulture,
            "Nobody to thank: no referred customer bought and no {0} came in the {1:N0} days to {2:yyyy-MM-dd} since each customer was last thanked (the data has {3:N0} referrals and {4:N0} such interactions).",
            thankFor.Count == 0 ? "help" : string.Join(" or ", thankFor), windowDays, day, referrals, helps);
    }

    private sealed record Row(string Id, string? Name, string? Email, long Bought, double Amount, DateTime? LastThanked, SortedDictionary<string, long> Helps);
}
