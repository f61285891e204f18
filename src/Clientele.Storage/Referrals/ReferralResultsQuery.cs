using System.Globalization;
using Clientele.Storage.Analysis;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Referrals;

/// <summary>
/// What thanking and asking were followed by: for each customer thanked (asked) in the <c>referrals.resultsPeriodDays</c>
/// ending <c>referrals.resultsDays</c> before the analysis date, the referrals it made in the <c>resultsDays</c> after its
/// first thank (ask) of the period — a referral dated by <c>referrals.occurred_at</c>, else by the referred party's
/// <c>acquired_at</c> — and what those referred customers bought in the same days; against the customers of the same
/// ladder rung (as of the analysis) never thanked (asked) from the period's start on, each measured over the same
/// windows. An association, not an effect: the text of every outcome says so.
/// </summary>
public static class ReferralResultsQuery
{
    /// <summary>The most thanks and asks with an open window listed (<see cref="ReferralResults.Open"/>).</summary>
    public const int MaxOpen = 50;

    /// <summary>
    /// The results as of the analysis <paramref name="asOf"/> (default: the latest), with at most <paramref name="maxOpen"/> of the thanks
    /// and asks still in their window.
    /// </summary>
    /// <exception cref="WorkspaceException">No analysis, or none as of that date.</exception>
    public static ReferralResults Of(Workspace workspace, DateOnly? asOf = null, int maxOpen = MaxOpen)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxOpen);
        var options = AnalysisRunner.StoredOptions(workspace).Referrals;
        var day = SnapshotQuery.Resolve(workspace, asOf);
        var money = MoneySetting.Read(workspace);
        var (open, openTotal) = Open(workspace, day.AddDays(1 - options.ResultsDays), maxOpen);
        return new ReferralResults(day,
            Outcome(workspace, day, ReferralAction.Thank, options, money),
            Outcome(workspace, day, ReferralAction.Ask, options, money),
            open, openTotal);
    }

    /// <summary>Each customer's first thank (ask) from <paramref name="from"/> on, at any date, with what followed it up to now.</summary>
    private static (IReadOnlyList<ReferralFollowUp> Open, long Total) Open(Workspace workspace, DateOnly from, int max)
    {
        using var command = ReferralSql.Command(workspace, $"""
            WITH acts AS (
                SELECT customer_id, lower(kind) AS kind, min(occurred_at) AS t
                FROM interactions WHERE lower(kind) IN ($thank, $ask) AND occurred_at >= $from
                GROUP BY customer_id, lower(kind)),
            made AS (
                SELECT a.customer_id, a.kind, r.referred_id, a.t
                FROM acts a JOIN referrals r ON r.referrer_id = a.customer_id
                LEFT JOIN customers rc ON rc.customer_id = r.referred_id
                WHERE coalesce(r.occurred_at, rc.acquired_at) > a.t),
            bought AS (
                SELECT m.customer_id, m.kind, count(DISTINCT m.referred_id) AS n,
                       coalesce(sum(o.amount) FILTER (WHERE o.status = 'completed' AND o.ordered_at > m.t), 0) AS v
                FROM made m LEFT JOIN orders o ON o.customer_id = m.referred_id
                GROUP BY m.customer_id, m.kind)
            SELECT a.customer_id, c.name, a.kind, a.t, coalesce(b.n, 0), coalesce(b.v, 0), count(*) OVER ()
            FROM acts a LEFT JOIN customers c ON c.customer_id = a.customer_id
            LEFT JOIN bought b ON b.customer_id = a.customer_id AND b.kind = a.kind
            ORDER BY a.t DESC, {workspace.Dialect.OrdinalText("a.customer_id")}, {workspace.Dialect.OrdinalText("a.kind")}
            LIMIT $max
            """,
            ("thank", ReferralLog.KindOf(ReferralAction.Thank)), ("ask", ReferralLog.KindOf(ReferralAction.Ask)), ("from", ReferralSql.Start(from)),
            ("max", max));
        var open = new List<ReferralFollowUp>();
        long total = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var action = reader.GetString(2) == ReferralLog.KindOf(ReferralAction.Ask) ? ReferralAction.Ask : ReferralAction.Thank;
            open.Add(new ReferralFollowUp(reader.GetString(0), ReferralSql.Text(reader, 1), action, reader.GetDateTime(3),
                ReferralSql.Count(reader, 4), ReferralSql.Number(reader, 5) ?? 0));
            total = ReferralSql.Count(reader, 6);
        }
        return (open, total);
    }

    private static ReferralOutcome Outcome(Workspace workspace, DateOnly day, ReferralAction action, Classification.Referrals.ReferralOptions options, Money.MoneyFormat money)
    {
        var periodTo = day.AddDays(-options.ResultsDays);
        var periodFrom = periodTo.AddDays(1 - options.ResultsPeriodDays);
        var kind = ReferralLog.KindOf(action);
        using var command = ReferralSql.Command(workspace, """
            WITH treated AS (
                SELECT s.customer_id, s.ladder, min(i.occurred_at) AS t
                FROM interactions i JOIN snapshot_customers s ON s.customer_id = i.customer_id AND s.as_of = CAST($as_of AS DATE)
                WHERE lower(i.kind) = $kind AND i.occurred_at >= $from AND i.occurred_at < $to
                GROUP BY s.customer_id, s.ladder),
            untreated AS (
                SELECT s.customer_id, s.ladder FROM snapshot_customers s
                WHERE s.as_of = CAST($as_of AS DATE) AND s.ladder IN (SELECT ladder FROM treated)
                  AND s.customer_id NOT IN (SELECT customer_id FROM interactions WHERE lower(kind) = $kind AND occurred_at >= $from)),
            windows AS (
                SELECT e.customer_id AS event, e.customer_id AS who, e.t, TRUE AS treated FROM treated e
                UNION ALL
                SELECT e.customer_id, u.customer_id, e.t, FALSE FROM treated e JOIN untreated u ON u.ladder = e.ladder),
            refs AS (
                SELECT r.referrer_id, r.referred_id, coalesce(r.occurred_at, c.acquired_at) AS at
                FROM referrals r LEFT JOIN customers c ON c.customer_id = r.referred_id),
            made AS (
                SELECT w.event, w.who, w.treated, w.t, f.referred_id
                FROM windows w JOIN refs f ON f.referrer_id = w.who AND f.at > w.t AND f.at <= w.t + CAST($days AS INTEGER) * INTERVAL '1 day'),
            per_window AS (
                SELECT m.event, m.who, m.treated, count(DISTINCT m.referred_id) AS n, coalesce(sum(o.amount), 0) AS v
                FROM made m LEFT JOIN orders o ON o.customer_id = m.referred_id AND o.status = 'completed'
                    AND o.ordered_at > m.t AND o.ordered_at <= m.t + CAST($days AS INTEGER) * INTERVAL '1 day'
                GROUP BY m.event, m.who, m.treated),
            per_event AS (
                SELECT w.event, w.treated, avg(coalesce(p.n, 0)) AS n, avg(coalesce(p.v, 0)) AS v,
                       avg(CASE WHEN p.n > 0 THEN 1.0 ELSE 0.0 END) AS share
                FROM windows w LEFT JOIN per_window p ON p.event = w.event AND p.who = w.who AND p.treated = w.treated
                GROUP BY w.event, w.treated)
            SELECT treated, count(*), avg(n), avg(v), avg(share), (SELECT count(*) FROM untreated) FROM per_event GROUP BY treated
            """,
            ("as_of", ReferralSql.Start(day)), ("kind", kind), ("from", ReferralSql.Start(periodFrom)), ("to", ReferralSql.Start(periodTo.AddDays(1))),
            ("days", options.ResultsDays));
        long treated = 0, comparable = 0;
        double? tn = null, tv = null, ts = null, cn = null, cv = null, cs = null;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                comparable = ReferralSql.Count(reader, 5);
                if (reader.GetBoolean(0)) (treated, tn, tv, ts) = (ReferralSql.Count(reader, 1), ReferralSql.Number(reader, 2), ReferralSql.Number(reader, 3), ReferralSql.Number(reader, 4));
                else (cn, cv, cs) = (ReferralSql.Number(reader, 2), ReferralSql.Number(reader, 3), ReferralSql.Number(reader, 4));
            }
        }
        var enough = treated >= options.MinimumGroup && comparable >= options.MinimumGroup;
        var statement = Statement(workspace, action, kind, periodFrom, periodTo, options, treated, comparable, tn, tv, cn, cv, enough, money);
        return new ReferralOutcome(action, periodFrom, periodTo, options.ResultsDays, treated, comparable, tn, cn, tv, cv, ts, cs, enough, statement);
    }

    private static string Statement(
        Workspace workspace, ReferralAction action, string kind, DateOnly from, DateOnly to, Classification.Referrals.ReferralOptions options,
        long treated, long comparable, double? tn, double? tv, double? cn, double? cv, bool enough, Money.MoneyFormat money)
    {
        var culture = CultureInfo.InvariantCulture;
        var done = action == ReferralAction.Thank ? "thanked" : "asked";
        var noun = action == ReferralAction.Thank ? "thank" : "ask";
        if (treated == 0)
        {
            var all = ReferralSql.RowCount(workspace, "SELECT count(*) FROM interactions WHERE lower(kind) = $kind", ("kind", kind));
            return all == 0
                ? $"The data has no {kind} interactions: nothing to measure. Record them with the Referrals page's buttons, `clientele referrals record {noun} CUSTOMER_ID` or `POST /api/referrals/records`, or import them as interactions of kind {kind}."
                : string.Format(culture, "No customer of the analysis was {0} from {1:yyyy-MM-dd} to {2:yyyy-MM-dd} (the data has {3}, none in that period): nothing to measure.",
                    done, from, to, ReferralSql.Counted(all, kind + " interaction"));
        }
        var figures = string.Format(culture,
            "in the {0:N0} days after a {1}, {2:0.00} referrals per {3} customer (whose referred customers bought {4} each on average)",
            options.ResultsDays, noun, tn ?? 0, done, money.Amount(tv ?? 0, 2));
        var against = cn is null
            ? "no comparable customer"
            : string.Format(culture, "{0:0.00} per comparable customer of the same ladder rung over the same windows ({1})", cn, money.Amount(cv ?? 0, 2));
        if (!enough)
            return string.Format(culture, "Too few to compare: {0:N0} {1} vs {2:N0} comparable customers (at least {3:N0} of each needed). {4}; {5}.",
                treated, done, comparable, options.MinimumGroup, char.ToUpperInvariant(figures[0]) + figures[1..], against);
        return string.Format(culture,
            "Association, not proof of effect; {0:N0} {1} vs {2:N0} comparable customers: {3}, against {4}. Customers are {1} for what they already did, " +
            "and the rungs are those of the analysis, after the windows: both favour the {1} group.",
            treated, done, comparable, figures, against);
    }
}
