using System.Globalization;

namespace Clientele.Core.Tests.Simulation;

/// <summary>The realism ranges of docs/simulator.md, each asserted on the 3,000-party company (seed 42).</summary>
public sealed partial class CompanySimulatorTests
{
    [Fact]
    public void About_seventy_percent_of_parties_are_persons()
    {
        var persons = company["customers"].Column("kind").Count(k => k == "person");

        Assert.InRange(persons / (double)SimulatedCompany.Customers, 0.65, 0.75);
    }

    [Fact]
    public void Buying_customers_average_about_twenty_orders()
    {
        var orders = company["orders"].Rows.Count;
        var buyers = company["orders"].Column("customer_id").Distinct().Count();

        Assert.InRange(buyers / (double)SimulatedCompany.Customers, 0.78, 0.90);
        Assert.InRange(orders / (double)buyers, 18, 28);
    }

    [Fact]
    public void Between_thirty_and_fifty_percent_of_buying_customers_are_lost_by_the_end()
    {
        var truth = company["truth_customers"];
        var buyers = truth.Column("is_active").Where(a => a.Length > 0).ToList();

        Assert.Equal(company["orders"].Column("customer_id").Distinct().Count(), buyers.Count);
        Assert.InRange(buyers.Count(a => a == "false") / (double)buyers.Count, 0.30, 0.50);
    }

    [Fact]
    public void Lost_customers_stop_ordering_at_their_drop_out()
    {
        var truth = company["truth_customers"];
        var dropped = truth.Rows
            .Where(r => truth.Value(r, "dropped_out_at").Length > 0)
            .ToDictionary(r => truth.Value(r, "customer_id"), r => truth.Value(r, "dropped_out_at"), StringComparer.Ordinal);
        var orders = company["orders"];

        Assert.All(orders.Rows.Where(r => dropped.ContainsKey(orders.Value(r, "customer_id"))), row =>
            Assert.True(string.CompareOrdinal(orders.Value(row, "ordered_at")[..10], dropped[orders.Value(row, "customer_id")]) < 0));
        Assert.All(truth.Rows, r => Assert.Equal(truth.Value(r, "is_active") == "false", truth.Value(r, "dropped_out_at").Length > 0));
        Assert.All(truth.Rows, r => Assert.Equal(truth.Value(r, "dropped_out_at").Length > 0, truth.Value(r, "lost_reason").Length > 0));
    }

    [Fact]
    public void Referrals_are_heavy_tailed()
    {
        var referrers = company["referrals"].Column("referrer_id").CountBy(id => id).Select(p => p.Value).OrderDescending().ToList();
        var total = referrers.Sum();
        var top = Math.Max(1, (int)Math.Round(referrers.Count * 0.05));
        var fifth = Math.Max(1, (int)Math.Round(referrers.Count * 0.20));
        var buyers = company["orders"].Column("customer_id").Distinct().Count();

        Assert.InRange(total / (double)SimulatedCompany.Customers, 0.08, 0.14);
        Assert.True(referrers.Take(top).Sum() >= 0.20 * total, $"the top 5% of referrers made {referrers.Take(top).Sum()} of {total} referrals");
        Assert.True(referrers.Take(fifth).Sum() >= 0.45 * total, $"the top 20% of referrers made {referrers.Take(fifth).Sum()} of {total} referrals");
        Assert.True(referrers.Count <= 0.10 * buyers, $"{referrers.Count} of {buyers} buying customers referred someone");
        Assert.True(referrers[0] >= 10, $"the busiest referrer brought only {referrers[0]}");
    }

    [Fact]
    public void Referred_customers_buy()
    {
        var buyers = company["orders"].Column("customer_id").ToHashSet(StringComparer.Ordinal);

        Assert.All(company["referrals"].Column("referred_id"), id => Assert.Contains(id, buyers));
    }

    [Fact]
    public void Between_thirty_and_fifty_five_percent_of_organizations_have_no_decider_known()
    {
        var organizations = company["customers"].Rows.Count(r => company["customers"].Value(r, "kind") == "organization");
        var contactOf = company["contacts"].Rows.ToDictionary(r => company["contacts"].Value(r, "contact_id"), r => company["contacts"].Value(r, "customer_id"), StringComparer.Ordinal);
        var roles = company["buying_roles"];
        var withDecider = roles.Rows.Where(r => roles.Value(r, "role") == "decider").Select(r => contactOf[roles.Value(r, "contact_id")]).Distinct().Count();
        var planted = company["truth_contacts"];
        var plantedDecider = planted.Rows.Where(r => planted.Value(r, "role") == "decider").Select(r => contactOf[planted.Value(r, "contact_id")]).Distinct().Count();

        Assert.InRange(1 - (withDecider / (double)organizations), 0.30, 0.55);
        Assert.InRange(1 - (plantedDecider / (double)organizations), 0.05, 0.25);
        Assert.InRange(roles.Rows.Count / (double)planted.Rows.Count, 0.5, 0.7);
    }

    [Fact]
    public void Titles_match_the_roles_they_hold()
    {
        var titles = company["contacts"].Rows.ToDictionary(r => company["contacts"].Value(r, "contact_id"), r => company["contacts"].Value(r, "title"), StringComparer.Ordinal);
        var planted = company["truth_contacts"];
        var mainRole = planted.Rows.GroupBy(r => planted.Value(r, "contact_id"))
            .ToDictionary(g => g.Key, g => planted.Value(g.First(), "role"), StringComparer.Ordinal);

        Assert.All(mainRole.Where(p => titles[p.Key] is "CFO" or "Finance Manager" or "Accountant"), p => Assert.Equal("payer", p.Value));
        Assert.All(mainRole.Where(p => titles[p.Key] is "CEO" or "Hospital Director" or "Managing Director"), p => Assert.Equal("decider", p.Value));
        Assert.All(mainRole.Where(p => titles[p.Key].StartsWith("Head of Cardiology", StringComparison.Ordinal)), p => Assert.Equal("promoter", p.Value));
        Assert.All(mainRole.Where(p => titles[p.Key] is "Physician" or "Process Engineer" or "Teacher"), p => Assert.Equal("user", p.Value));
    }

    [Fact]
    public void Lost_customers_with_a_known_reason_mostly_complain_before_leaving()
    {
        var (known, unknown) = ComplaintsBeforeLeaving();

        Assert.InRange(known, 0.80, 1.0);
        Assert.InRange(unknown, 0.0, 0.20);
    }

    [Fact]
    public void Below_zero_customers_are_a_minority()
    {
        var margin = new Dictionary<string, double>(StringComparer.Ordinal);
        var orders = company["orders"];
        foreach (var row in orders.Rows.Where(r => orders.Value(r, "status") != "cancelled"))
        {
            var id = orders.Value(row, "customer_id");
            margin[id] = margin.GetValueOrDefault(id) + Number(orders.Value(row, "margin"));
        }

        var interactions = company["interactions"];
        foreach (var row in interactions.Rows.Where(r => interactions.Value(r, "cost").Length > 0))
        {
            var id = interactions.Value(row, "customer_id");
            if (margin.ContainsKey(id))
            {
                margin[id] -= Number(interactions.Value(row, "cost"));
            }
        }

        Assert.InRange(margin.Values.Count(v => v < 0) / (double)margin.Count, 0.05, 0.25);
    }

    [Fact]
    public void Few_orders_are_returned_cancelled_or_sold_below_cost()
    {
        var orders = company["orders"];
        var count = (double)orders.Rows.Count;
        var statuses = orders.Column("status").CountBy(s => s).ToDictionary(StringComparer.Ordinal);
        var negative = orders.Rows.Count(r => orders.Value(r, "status") == "completed" && Number(orders.Value(r, "margin")) < 0);

        Assert.InRange(statuses["returned"] / count, 0.02, 0.06);
        Assert.InRange(statuses["cancelled"] / count, 0.005, 0.02);
        Assert.InRange(negative / count, 0.005, 0.03);
    }

    [Fact]
    public void Advocates_refer_give_higher_scores_and_are_positive_spreaders()
    {
        var truth = company["truth_customers"];
        var advocates = truth.Rows.Where(r => truth.Value(r, "is_advocate") == "true").Select(r => truth.Value(r, "customer_id")).ToHashSet(StringComparer.Ordinal);
        var interactions = company["interactions"];
        var surveys = interactions.Rows.Where(r => interactions.Value(r, "kind") == "survey").ToList();
        var advocateScore = surveys.Where(r => advocates.Contains(interactions.Value(r, "customer_id"))).Average(r => Number(interactions.Value(r, "score")));
        var otherScore = surveys.Where(r => !advocates.Contains(interactions.Value(r, "customer_id"))).Average(r => Number(interactions.Value(r, "score")));
        var referrers = company["referrals"].Column("referrer_id").ToHashSet(StringComparer.Ordinal);

        Assert.InRange(advocates.Count / (double)SimulatedCompany.Customers, 0.02, 0.08);
        var advocatePromoters = surveys.Where(r => advocates.Contains(interactions.Value(r, "customer_id"))).Average(r => Number(interactions.Value(r, "score")) >= 9 ? 1.0 : 0.0);
        Assert.True(advocateScore >= 8 && advocateScore > otherScore + 1, $"advocates score {advocateScore:F1}, others {otherScore:F1}");
        Assert.True(advocatePromoters >= 0.5, $"{advocatePromoters:P0} of advocates' answers are promoter scores");
        Assert.True(referrers.Count(advocates.Contains) > referrers.Count / 2, "most referrers are not advocates");
        Assert.All(truth.Rows.Where(r => advocates.Contains(truth.Value(r, "customer_id"))), r => Assert.Equal("positive", truth.Value(r, "spreader")));
    }

    [Fact]
    public void The_ladder_follows_the_orders_counted_as_purchase_days()
    {
        // Purchase occasions, as the analysis counts them: the days with an order not cancelled.
        var orderRows = company["orders"];
        var kept = orderRows.Rows.Where(r => orderRows.Value(r, "status") != "cancelled")
            .DistinctBy(r => (orderRows.Value(r, "customer_id"), orderRows.Value(r, "ordered_at")[..10]))
            .CountBy(r => orderRows.Value(r, "customer_id")).ToDictionary(StringComparer.Ordinal);
        var truth = company["truth_customers"];
        var ladder = truth.Column("ladder").CountBy(l => l).ToDictionary(StringComparer.Ordinal);

        Assert.Equal(["advocate", "buyer", "customer", "no-relationship", "prospect", "supporter"], ladder.Keys.Order(StringComparer.Ordinal));
        Assert.True(ladder["customer"] > SimulatedCompany.Customers / 2, "customers are not the bulk of the base");
        foreach (var row in truth.Rows)
        {
            var orders = kept.GetValueOrDefault(truth.Value(row, "customer_id"));
            var expected = truth.Value(row, "ladder") switch
            {
                "no-relationship" or "prospect" => orders == 0,
                "buyer" => orders == 1,
                _ => orders >= 2,
            };
            Assert.True(expected, $"{truth.Value(row, "customer_id")} is {truth.Value(row, "ladder")} with {orders} purchase days");
        }
    }

    [Fact]
    public void Prospects_have_engagement_and_a_known_outcome_for_part_of_them()
    {
        var truth = company["truth_customers"];
        var outcomes = truth.Rows.Where(r => truth.Value(r, "prospect_outcome").Length > 0)
            .ToDictionary(r => truth.Value(r, "customer_id"), r => truth.Value(r, "prospect_outcome"), StringComparer.Ordinal);
        var buyers = company["orders"].Column("customer_id").ToHashSet(StringComparer.Ordinal);
        var interactions = company["interactions"];
        var opportunities = interactions.Rows.Where(r => interactions.Value(r, "kind") == "opportunity")
            .ToDictionary(r => interactions.Value(r, "customer_id"), r => interactions.Value(r, "tag"), StringComparer.Ordinal);
        var prospects = truth.Column("ladder").Count(l => l == "prospect");

        Assert.Contains("won", outcomes.Values);
        Assert.Contains("lost", outcomes.Values);
        Assert.Contains("open", opportunities.Values);
        Assert.InRange(outcomes.Count / (double)(prospects + outcomes.Count(o => o.Value == "won")), 0.2, 0.6);
        Assert.All(outcomes, o =>
        {
            Assert.Equal(o.Value, opportunities[o.Key]);
            Assert.Equal(o.Value == "won", buyers.Contains(o.Key));
        });
    }

    [Fact]
    public void Supply_positions_follow_the_supply_chain()
    {
        var truth = company["truth_customers"];
        var position = truth.Rows.ToDictionary(r => truth.Value(r, "customer_id"), r => truth.Value(r, "supply_position"), StringComparer.Ordinal);
        var kind = company["customers"].Rows.ToDictionary(r => company["customers"].Value(r, "customer_id"), r => company["customers"].Value(r, "kind"), StringComparer.Ordinal);
        var links = company["supply_links"];
        var buyers = company["orders"].Column("customer_id").ToHashSet(StringComparer.Ordinal);

        Assert.All(links.Rows, link =>
        {
            var seller = links.Value(link, "seller_id");
            var buyer = links.Value(link, "buyer_id");
            Assert.True(buyers.Contains(seller) || position[seller] == "indirect", $"{seller} sells on what it never bought");
            Assert.True(position[buyer] is "indirect" or "ultimate" || buyers.Contains(buyer));
        });
        Assert.All(position.Where(p => p.Value == "ultimate"), p => Assert.Equal("person", kind[p.Key]));
        Assert.All(position.Where(p => p.Value == "indirect"), p => Assert.Equal("organization", kind[p.Key]));
        Assert.All(position, p => Assert.Equal(buyers.Contains(p.Key), p.Value == "direct"));
        Assert.Contains("ultimate", position.Values);
        Assert.Contains("indirect", position.Values);
    }

    [Fact]
    public void Leaders_are_among_the_first_buyers_of_a_new_line_and_callers_are_prominent()
    {
        var truth = company["truth_customers"];
        var leaders = truth.Rows.Where(r => truth.Value(r, "is_leader") == "true").Select(r => truth.Value(r, "customer_id")).ToList();
        var callers = truth.Rows.Where(r => truth.Value(r, "is_caller") == "true").Select(r => truth.Value(r, "customer_id")).ToList();
        var customers = company["customers"];
        var prominent = customers.Rows.Where(r => customers.Value(r, "is_prominent") == "true").Select(r => customers.Value(r, "customer_id")).ToHashSet(StringComparer.Ordinal);
        var orders = company["orders"];
        var firstBuyers = orders.Rows
            .Where(r => orders.Value(r, "product_line") is "smart-sensors" or "eco-refills")
            .GroupBy(r => orders.Value(r, "product_line"))
            .ToDictionary(g => g.Key, g => g.GroupBy(r => orders.Value(r, "customer_id")).Select(c => (Id: c.Key, First: c.Min(r => orders.Value(r, "ordered_at"))!)).OrderBy(c => c.First, StringComparer.Ordinal).Select(c => c.Id).ToList());

        Assert.NotEmpty(leaders);
        Assert.NotEmpty(callers);
        Assert.Subset(prominent, callers.ToHashSet(StringComparer.Ordinal));
        Assert.All(leaders, leader => Assert.Contains(firstBuyers.Values, buyers =>
            buyers.IndexOf(leader) is var rank && rank >= 0 && rank < Math.Max(5, buyers.Count / 5)));
    }

    [Fact]
    public void Contributors_suggest_with_the_four_tags()
    {
        var interactions = company["interactions"];
        var tags = interactions.Rows.Where(r => interactions.Value(r, "kind") == "suggestion").Select(r => interactions.Value(r, "tag")).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["opportunity", "quality", "range", "talent"], tags);
    }

    [Fact]
    public void Wallets_make_share_of_wallet_vary()
    {
        var customers = company["customers"];
        var truth = company["truth_customers"];
        var orders = company["orders"];
        var buyers = orders.Column("customer_id").ToHashSet(StringComparer.Ordinal);
        var lastYear = company.Options.End.AddDays(-364).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var revenue = orders.Rows
            .Where(r => orders.Value(r, "status") == "completed" && string.CompareOrdinal(orders.Value(r, "ordered_at"), lastYear) >= 0)
            .GroupBy(r => orders.Value(r, "customer_id"))
            .ToDictionary(g => g.Key, g => g.Sum(r => Number(orders.Value(r, "amount"))), StringComparer.Ordinal);
        var longActive = customers.Rows
            .Where((r, k) => truth.Value(truth.Rows[k], "is_active") == "true" && string.CompareOrdinal(customers.Value(r, "acquired_at"), "2024-11-01") < 0)
            .Where(r => customers.Value(r, "wallet_estimate").Length > 0)
            .Select(r => revenue.GetValueOrDefault(customers.Value(r, "customer_id")) / Number(customers.Value(r, "wallet_estimate")))
            .Order()
            .ToList();
        var buyingPersons = customers.Rows.Where(r => customers.Value(r, "kind") == "person" && buyers.Contains(customers.Value(r, "customer_id"))).ToList();

        Assert.All(customers.Rows.Where(r => customers.Value(r, "kind") == "organization" && buyers.Contains(customers.Value(r, "customer_id"))),
            r => Assert.True(Number(customers.Value(r, "wallet_estimate")) > 0));
        Assert.InRange(buyingPersons.Count(r => customers.Value(r, "wallet_estimate").Length > 0) / (double)buyingPersons.Count, 0.2, 0.4);
        Assert.True(longActive[longActive.Count / 10] < 0.2, $"the 10th percentile share of wallet is {longActive[longActive.Count / 10]:F2}");
        Assert.True(longActive[longActive.Count * 9 / 10] > 0.6, $"the 90th percentile share of wallet is {longActive[longActive.Count * 9 / 10]:F2}");
    }

    private (double Known, double Unknown) ComplaintsBeforeLeaving()
    {
        var interactions = company["interactions"];
        var complaints = interactions.Rows.Where(r => interactions.Value(r, "kind") == "complaint")
            .ToLookup(r => interactions.Value(r, "customer_id"), r => (Day: DateOnly.Parse(interactions.Value(r, "occurred_at")[..10], CultureInfo.InvariantCulture), Tag: interactions.Value(r, "tag")), StringComparer.Ordinal);
        var truth = company["truth_customers"];
        var lost = truth.Rows.Where(r => truth.Value(r, "dropped_out_at").Length > 0).ToList();

        bool Complained(string[] row)
        {
            var dropped = DateOnly.Parse(truth.Value(row, "dropped_out_at"), CultureInfo.InvariantCulture);
            return complaints[truth.Value(row, "customer_id")].Any(c => c.Day <= dropped && c.Day >= dropped.AddDays(-56));
        }

        var known = lost.Where(r => truth.Value(r, "lost_reason") != "unknown").ToList();
        var unknown = lost.Where(r => truth.Value(r, "lost_reason") == "unknown").ToList();
        return (known.Count(Complained) / (double)known.Count, unknown.Count(Complained) / (double)unknown.Count);
    }

    private static double Number(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
