using System.Globalization;
using Clientele.Storage.Referrals;
using Clientele.Storage.Tests.Analysis;
using DuckDB.NET.Data;

namespace Clientele.Storage.Tests.Referrals;

/// <summary>
/// The thank list, the ask list and their recording on the demo company (5,000 parties, seed 42; the simulator thanks 40%
/// of referrals). A test that records an action deletes its row again, so the class's tests share the analysis and not each
/// other's data.
/// </summary>
public sealed class ReferralListsTests(SimulatedCompany company) : IClassFixture<SimulatedCompany>
{
    private Workspace Workspace => company.Temp.Workspace!;

    private (long Bought, double Amount) ReferredPurchases(string customerId, DateOnly from, DateOnly to)
    {
        // Written apart from ThankQuery's statement, from the first day counted (the day after the last thank, or the window's first day).
        using var command = Workspace.Connection.CreateCommand();
        command.CommandText = """
            SELECT count(DISTINCT o.customer_id), coalesce(sum(o.amount), 0) FROM orders o
            WHERE o.status = 'completed' AND o.customer_id IN (SELECT referred_id FROM referrals WHERE referrer_id = $id)
              AND o.ordered_at >= $from AND o.ordered_at < $to
            """;
        command.Parameters.Add(new DuckDBParameter("id", customerId));
        command.Parameters.Add(new DuckDBParameter("from", from.ToDateTime(TimeOnly.MinValue)));
        command.Parameters.Add(new DuckDBParameter("to", to.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        using var reader = command.ExecuteReader();
        reader.Read();
        return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture));
    }

    private void Delete(RecordedReferralAction recorded)
    {
        using var command = Workspace.Connection.CreateCommand();
        command.CommandText = "DELETE FROM interactions WHERE interaction_id = $id";
        command.Parameters.Add(new DuckDBParameter("id", recorded.InteractionId));
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    [Fact]
    public void The_thank_list_is_ordered_by_the_referred_customers_purchases_and_its_reasons_state_them_as_the_data_has_them()
    {
        var list = ThankQuery.Of(Workspace, top: 1_000_000);
        Assert.Null(list.Note);
        Assert.True(list.Candidates.Count(c => c.ReferredBought > 0) >= 20, $"{list.Candidates.Count(c => c.ReferredBought > 0)} referrers to thank");
        Assert.Contains(list.Candidates, c => c.Helps.Count > 0 && c.ReferredBought == 0);
        var values = list.Candidates.Select(c => c.ReferredValue).ToList();
        Assert.Equal(values.OrderByDescending(v => v), values);
        foreach (var candidate in list.Candidates.Where(c => c.ReferredBought > 0).Take(30))
        {
            var (bought, amount) = ReferredPurchases(candidate.CustomerId, candidate.CountedFrom, list.AsOf);
            Assert.Equal(bought, candidate.ReferredBought);
            Assert.Equal(amount, candidate.ReferredValue, 6);
            var words = $"{bought} referred customer{(bought == 1 ? "" : "s")} bought {amount.ToString("N2", CultureInfo.InvariantCulture)}";
            Assert.StartsWith(words, candidate.Reason, StringComparison.Ordinal);
            var windowStart = list.AsOf.AddDays(1 - list.WindowDays);
            if (candidate.LastThanked is { } last && last >= windowStart)
            {
                Assert.Equal(last.AddDays(1), candidate.CountedFrom);
                Assert.EndsWith($"since we last thanked them on {last:yyyy-MM-dd}", candidate.Reason, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(windowStart, candidate.CountedFrom);
                Assert.Contains(candidate.LastThanked is { } before ? $"(last thanked on {before:yyyy-MM-dd}, before the window)" : "(never thanked)", candidate.Reason, StringComparison.Ordinal);
            }
        }
        // The simulator thanks 40% of referrals, so some of the listed referrers were thanked before.
        Assert.Contains(list.Candidates, c => c.LastThanked is not null && c.ReferredBought > 0);
    }

    [Fact]
    public void Recording_a_thank_removes_the_customer_from_the_thank_list_at_once()
    {
        var first = ThankQuery.Of(Workspace).Candidates[0];
        var recorded = ReferralLog.Record(Workspace, first.CustomerId, ReferralAction.Thank, "Called to say thank you", new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc));
        try
        {
            Assert.Equal("referral_thanks", recorded.Kind);
            Assert.DoesNotContain(ThankQuery.Of(Workspace, top: 1_000_000).Candidates, c => c.CustomerId == first.CustomerId);
        }
        finally
        {
            Delete(recorded);
        }
        Assert.Equal(first.CustomerId, ThankQuery.Of(Workspace).Candidates[0].CustomerId);
    }

    [Fact]
    public void The_ask_list_holds_live_supporters_and_advocates_advocates_first_each_with_its_reason()
    {
        var list = AskQuery.Of(Workspace, top: 1_000_000);
        Assert.True(list.Candidates.Count >= 100, $"{list.Candidates.Count} to ask");
        Assert.Equal(list.Total, list.OnLadder - list.NotAlive - list.AskedRecently - list.OpenComplaint);
        Assert.StartsWith("P(alive) ≥ 0.60 (model ", list.AliveBy, StringComparison.Ordinal);
        Assert.All(list.Candidates, c =>
        {
            Assert.Contains(c.Ladder, new[] { "supporter", "advocate" });
            Assert.True(c.ProbabilityAlive >= 0.6, c.Reason);
            Assert.Contains(string.Format(CultureInfo.InvariantCulture, "P(alive) {0:0.00} ≥ 0.60", c.ProbabilityAlive), c.Reason, StringComparison.Ordinal);
        });
        var rungs = list.Candidates.Select(c => c.Ladder).ToList();
        Assert.Equal(rungs.OrderBy(r => r == "advocate" ? 0 : 1), rungs);
    }

    [Fact]
    public void A_customer_with_an_open_complaint_is_never_in_the_ask_list()
    {
        using var command = Workspace.Connection.CreateCommand();
        command.CommandText = """
            SELECT DISTINCT k.customer_id FROM interactions k JOIN snapshot_customers s ON s.customer_id = k.customer_id AND s.as_of = $as_of
            WHERE k.kind = 'complaint' AND s.ladder IN ('supporter', 'advocate') AND s.p_alive >= 0.6
              AND k.occurred_at >= $as_of - INTERVAL 89 DAY AND k.occurred_at < $as_of + INTERVAL 1 DAY
              AND (SELECT count(*) FROM interactions r WHERE r.customer_id = k.customer_id AND r.kind = 'support' AND r.occurred_at > k.occurred_at) = 0
            """;
        command.Parameters.Add(new DuckDBParameter("as_of", company.AsOf.ToDateTime(TimeOnly.MinValue)));
        var open = new List<string>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) open.Add(reader.GetString(0));
        Assert.NotEmpty(open);
        var list = AskQuery.Of(Workspace, top: 1_000_000);
        Assert.Equal(open.Count, list.OpenComplaint);
        Assert.DoesNotContain(list.Candidates, c => open.Contains(c.CustomerId));
    }

    [Fact]
    public void The_complaint_check_says_what_it_checked_and_without_complaint_data_that_it_could_not_leave_anyone_out()
    {
        var list = AskQuery.Of(Workspace, top: 1_000_000);
        var window = $"no open complaint in the 90 days to {company.AsOf:yyyy-MM-dd}";
        Assert.All(list.Candidates, c => Assert.EndsWith(window, c.Reason, StringComparison.Ordinal));

        using var transaction = Workspace.Connection.BeginTransaction(); // rolled back: the other tests keep the complaints
        using (var command = Workspace.Connection.CreateCommand())
        {
            command.CommandText = "DELETE FROM interactions WHERE kind = 'complaint'";
            Assert.True(command.ExecuteNonQuery() > 0);
        }
        var without = AskQuery.Of(Workspace, top: 1_000_000);
        Assert.Equal(0, without.OpenComplaint);
        Assert.Equal(list.Total + list.OpenComplaint, without.Total);
        Assert.All(without.Candidates, c =>
            Assert.EndsWith("no complaint on record (the data has no complaint interactions, so this check cannot leave anyone out)", c.Reason, StringComparison.Ordinal));
        transaction.Rollback();
    }

    [Fact]
    public void An_ask_within_the_cooldown_removes_the_customer_and_an_older_one_does_not()
    {
        var first = AskQuery.Of(Workspace).Candidates[0];
        var old = ReferralLog.Record(Workspace, first.CustomerId, ReferralAction.Ask, null, company.AsOf.AddDays(-180).ToDateTime(new TimeOnly(12, 0)));
        try
        {
            var again = Assert.Single(AskQuery.Of(Workspace, top: 1_000_000).Candidates, c => c.CustomerId == first.CustomerId);
            Assert.Contains($"last asked on {company.AsOf.AddDays(-180):yyyy-MM-dd}, over 180 days before", again.Reason, StringComparison.Ordinal);
            var recent = ReferralLog.Record(Workspace, first.CustomerId, ReferralAction.Ask, "asked at the trade fair", company.AsOf.AddDays(-179).ToDateTime(TimeOnly.MinValue));
            try
            {
                Assert.DoesNotContain(AskQuery.Of(Workspace, top: 1_000_000).Candidates, c => c.CustomerId == first.CustomerId);
            }
            finally
            {
                Delete(recent);
            }
        }
        finally
        {
            Delete(old);
        }
    }

    [Fact]
    public void Recording_for_an_unknown_customer_is_a_not_found_error_that_names_the_id()
    {
        var error = Assert.Throws<NotFoundException>(() => ReferralLog.Record(Workspace, "NO-SUCH-ID", ReferralAction.Thank, null, DateTime.UtcNow));
        Assert.Contains("unknown customer 'NO-SUCH-ID'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_results_count_the_thanked_customers_of_the_period_and_say_it_is_an_association()
    {
        var results = ReferralResultsQuery.Of(Workspace);
        var thank = results.Thank;
        Assert.Equal(company.AsOf.AddDays(-90), thank.PeriodTo);
        using var command = Workspace.Connection.CreateCommand();
        command.CommandText = "SELECT count(DISTINCT customer_id) FROM interactions WHERE kind = 'referral_thanks' AND occurred_at >= $from AND occurred_at < $to";
        command.Parameters.Add(new DuckDBParameter("from", thank.PeriodFrom.ToDateTime(TimeOnly.MinValue)));
        command.Parameters.Add(new DuckDBParameter("to", thank.PeriodTo.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        Assert.Equal(Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture), thank.Treated);
        Assert.True(thank.Treated >= 10, $"{thank.Treated} thanked");
        Assert.True(thank.Comparable > thank.Treated);
        Assert.StartsWith($"Association, not proof of effect; {thank.Treated:N0} thanked vs {thank.Comparable:N0} comparable customers", thank.Statement, StringComparison.Ordinal);
        Assert.StartsWith("The data has no referral_ask interactions: nothing to measure.", results.Ask.Statement, StringComparison.Ordinal);
    }

    [Fact]
    public void Thanks_and_asks_after_the_measured_period_are_listed_open_with_the_referrals_and_purchases_that_followed()
    {
        var before = ReferralResultsQuery.Of(Workspace);
        var from = before.Thank.PeriodTo.AddDays(1);
        // Written apart from the query: each customer's first thank from the day after the measured period, and the referrals it made after it.
        using var command = Workspace.Connection.CreateCommand();
        command.CommandText = """
            WITH t AS (SELECT customer_id, min(occurred_at) AS at FROM interactions WHERE kind = 'referral_thanks' AND occurred_at >= $from GROUP BY customer_id)
            SELECT t.customer_id, (SELECT count(DISTINCT r.referred_id) FROM referrals r LEFT JOIN customers c ON c.customer_id = r.referred_id
                                   WHERE r.referrer_id = t.customer_id AND coalesce(r.occurred_at, c.acquired_at) > t.at)
            FROM t
            """;
        command.Parameters.Add(new DuckDBParameter("from", from.ToDateTime(TimeOnly.MinValue)));
        var expected = new Dictionary<string, long>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) expected[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        Assert.True(expected.Count > 0, "the simulator thanks within the last 90 days too");
        var thanks = before.Open.Where(f => f.Action == ReferralAction.Thank).ToList();
        Assert.Equal(Math.Min(expected.Count, ReferralResultsQuery.MaxOpen), thanks.Count);
        foreach (var f in thanks) Assert.Equal(expected[f.CustomerId], f.Referrals);
        Assert.Equal(before.Open.OrderByDescending(f => f.At).Select(f => f.At), before.Open.Select(f => f.At));

        var asked = ReferralLog.Record(Workspace, thanks[0].CustomerId, ReferralAction.Ask, null, DateTime.UtcNow);
        try
        {
            var after = ReferralResultsQuery.Of(Workspace);
            var open = after.Open[0];
            Assert.Equal((thanks[0].CustomerId, ReferralAction.Ask, 0L, 0.0), (open.CustomerId, open.Action, open.Referrals, open.ReferredValue));
            Assert.Equal(before.OpenTotal + 1, after.OpenTotal);
        }
        finally
        {
            Delete(asked);
        }
    }
}
