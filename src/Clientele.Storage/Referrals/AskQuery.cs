using System.Globalization;
using Clientele.Classification;
using Clientele.Storage.Analysis;
using Clientele.Storage.Snapshots;
using Clientele.Tables;

namespace Clientele.Storage.Referrals;

/// <summary>
/// Whom to ask for a referral: the customers of an analysis on the rungs of <c>referrals.askLadder</c> (supporters and
/// advocates) who are alive — P(alive) at or above <c>referrals.askAliveFrom</c>, or, where the analysis has no P(alive),
/// the churn status active — who were not asked (a <c>referral_ask</c> interaction) within <c>referrals.askCooldownDays</c>
/// before the analysis date or since, and who have no open complaint: a complaint within <c>referrals.complaintWindowDays</c>
/// before the analysis date with no later interaction of a kind of <c>referrals.resolvedBy</c> (support), at any time.
/// </summary>
public static class AskQuery
{
    /// <summary>The ask list as of the analysis <paramref name="asOf"/> (default: the latest), its first <paramref name="top"/> (default: the options' <c>referrals.top</c>).</summary>
    /// <exception cref="WorkspaceException">No analysis, or none as of that date; a top below 1.</exception>
    public static AskList Of(Workspace workspace, DateOnly? asOf = null, int? top = null)
    {
        if (top is < 1) throw new WorkspaceException($"top must be 1 or more, not {top}.");
        var options = AnalysisRunner.StoredOptions(workspace).Referrals;
        var day = SnapshotQuery.Resolve(workspace, asOf);
        var model = SnapshotQuery.List(workspace).First(s => s.AsOf == day).Model;
        var cooldownStart = day.AddDays(1 - options.AskCooldownDays);
        var (ladderList, ladderParameters) = ReferralSql.Kinds("rung", options.AskLadder);
        var (resolvedList, resolvedParameters) = ReferralSql.Kinds("resolved", options.ResolvedBy);
        var culture = CultureInfo.InvariantCulture;

        using var command = ReferralSql.Command(workspace, $"""
            WITH asked AS (
                SELECT customer_id, max(occurred_at) AS last_asked FROM interactions WHERE lower(kind) = $ask GROUP BY customer_id),
            complaints AS (
                SELECT k.customer_id, count(*) AS open, max(k.occurred_at) AS latest
                FROM interactions k
                WHERE lower(k.kind) = 'complaint' AND k.occurred_at >= $complaint_start AND k.occurred_at < $end
                  AND NOT EXISTS (
                      SELECT 1 FROM interactions r
                      WHERE r.customer_id = k.customer_id AND lower(r.kind) IN ({resolvedList}) AND r.occurred_at > k.occurred_at)
                GROUP BY k.customer_id)
            SELECT s.customer_id, s.name, {ReferralSql.Email(workspace)}, s.ladder, s.p_alive, s.churn_status, s.value, a.last_asked, k.open, k.latest
            FROM snapshot_customers s
            LEFT JOIN customers c ON c.customer_id = s.customer_id
            LEFT JOIN asked a ON a.customer_id = s.customer_id
            LEFT JOIN complaints k ON k.customer_id = s.customer_id
            WHERE s.as_of = CAST($as_of AS DATE) AND lower(s.ladder) IN ({ladderList})
            """,
            [("ask", CanonicalTables.ReferralAskKind), ("as_of", ReferralSql.Start(day)), ("end", ReferralSql.Start(day.AddDays(1))),
             ("complaint_start", ReferralSql.Start(day.AddDays(1 - options.ComplaintWindowDays))), .. ladderParameters, .. resolvedParameters]);

        var anyComplaint = ReferralSql.RowCount(workspace, "SELECT count(*) FROM interactions WHERE lower(kind) = 'complaint'") > 0;
        long onLadder = 0, notAlive = 0, askedRecently = 0, openComplaint = 0;
        var candidates = new List<(int Rung, AskCandidate Candidate)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                onLadder++;
                var ladder = reader.GetString(3);
                var pAlive = model is null ? null : ReferralSql.Number(reader, 4);
                var churn = ReferralSql.Text(reader, 5);
                string alive;
                if (pAlive is { } p)
                {
                    if (p < options.AskAliveFrom) { notAlive++; continue; }
                    alive = string.Format(culture, "P(alive) {0:0.00} ≥ {1:0.00}", p, options.AskAliveFrom);
                }
                else
                {
                    if (churn != ChurnStatus.Active) { notAlive++; continue; }
                    alive = model is null
                        ? "no P(alive) (the analysis has no repeat-purchase model): alive by the churn status active instead"
                        : "no P(alive) for this customer: alive by the churn status active instead";
                }
                var lastAsked = ReferralSql.Time(reader, 7) is { } t ? DateOnly.FromDateTime(t) : (DateOnly?)null;
                if (lastAsked is { } l && l >= cooldownStart) { askedRecently++; continue; }
                if (ReferralSql.Count(reader, 8) > 0) { openComplaint++; continue; }
                var asked = lastAsked is { } when
                    ? string.Format(culture, "last asked on {0:yyyy-MM-dd}, over {1:N0} days before {2:yyyy-MM-dd}", when, options.AskCooldownDays, day)
                    : "never asked";
                var complaint = anyComplaint
                    ? string.Format(culture, "no open complaint in the {0:N0} days to {1:yyyy-MM-dd}", options.ComplaintWindowDays, day)
                    : "no complaint on record (the data has no complaint interactions, so this check cannot leave anyone out)";
                var reason = string.Format(culture, "{0}; {1}; {2}; {3}", ladder, alive, asked, complaint);
                var rung = RelationshipLadder.Classes.ToList().IndexOf(ladder);
                candidates.Add((rung, new AskCandidate(reader.GetString(0), ReferralSql.Text(reader, 1), ReferralSql.Text(reader, 2), ladder,
                    pAlive, churn, ReferralSql.Number(reader, 6), lastAsked, reason)));
            }
        }
        var ordered = candidates.OrderByDescending(c => c.Rung).ThenByDescending(c => c.Candidate.Value ?? double.MinValue)
            .ThenBy(c => c.Candidate.CustomerId, StringComparer.Ordinal).Select(c => c.Candidate).ToList();
        var aliveBy = model is null
            ? "the churn status active (the analysis has no repeat-purchase model, so no P(alive))"
            : string.Format(culture, "P(alive) ≥ {0:0.00} (model {1})", options.AskAliveFrom, model);
        string? note = null;
        if (ordered.Count == 0)
        {
            note = onLadder == 0
                ? NoneOnLadder(workspace, day, options.AskLadder)
                : string.Format(culture,
                    "Nobody to ask: of {0:N0} {1}, {2:N0} are not alive by {3}, {4:N0} were asked within {5:N0} days and {6:N0} have an open complaint.",
                    onLadder, string.Join(" and ", options.AskLadder.Select(r => r + "s")), notAlive, aliveBy, askedRecently, options.AskCooldownDays, openComplaint);
        }
        return new AskList(day, aliveBy, onLadder, notAlive, askedRecently, openComplaint, ordered.Count, [.. ordered.Take(top ?? options.Top)], note);
    }

    /// <summary>
    /// Why nobody is on the asked rungs, in the data's terms: the ladder lifts a repeat buyer to supporter or advocate only on
    /// evidence (referrals, surveys, reviews, suggestions, share of wallet), so where the data has none of it the empty list is
    /// the default of missing data, not a finding that nobody would refer.
    /// </summary>
    private static string NoneOnLadder(Workspace workspace, DateOnly day, IReadOnlyList<string> rungs)
    {
        var culture = CultureInfo.InvariantCulture;
        var evidence = new (string What, string Sql)[]
        {
            ("referrals", "SELECT count(*) FROM referrals"),
            ("survey answers", "SELECT count(*) FROM interactions WHERE lower(kind) = 'survey'"),
            ("reviews", "SELECT count(*) FROM interactions WHERE lower(kind) = 'review'"),
            ("suggestions", "SELECT count(*) FROM interactions WHERE lower(kind) = 'suggestion'"),
            ("wallet estimates (share of wallet)", "SELECT count(*) FROM customers WHERE wallet_estimate IS NOT NULL"),
        };
        var counted = evidence.Select(e => (e.What, Count: ReferralSql.RowCount(workspace, e.Sql))).ToList();
        var missing = counted.Where(e => e.Count == 0).Select(e => e.What).ToList();
        var head = string.Format(culture, "Nobody to ask: no customer of the analysis as of {0:yyyy-MM-dd} is {1} on the relationship ladder",
            day, string.Join(" or ", rungs));
        if (missing.Count == counted.Count)
            return head + ", and this data cannot tell who would be: it has no referrals, survey answers, reviews, suggestions or wallet estimates, " +
                "the evidence that lifts a repeat buyer above customer (docs/classification.md), so every repeat buyer stays customer by default. " +
                "That is missing data, not a finding that nobody would recommend you. Import referrals or interactions " +
                "(`clientele import referrals FILE`, `clientele import interactions FILE`) and analyze again to build the list.";
        var present = string.Join(", ", counted.Where(e => e.Count > 0).Select(e => string.Format(culture, "{0:N0} {1}", e.Count, e.What)));
        return head + string.Format(culture, " on the evidence the data has ({0}){1}.", present,
            missing.Count == 0 ? "" : $"; it has no {string.Join(", ", missing)}, so those could lift nobody");
    }
}
