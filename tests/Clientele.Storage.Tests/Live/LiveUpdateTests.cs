using System.Globalization;
using System.Text;
using Clientele.Classification;
using Clientele.Storage.Import;
using Clientele.Storage.Live;
using Clientele.Storage.Removal;
using Clientele.Storage.Snapshots;
using Clientele.Storage.Tests.Analysis;

namespace Clientele.Storage.Tests.Live;

/// <summary>
/// Live updates on the demo company (5,000 parties, seed 42, analyzed as of 2025-12-31): re-classifying customers whose
/// data did not change gives back the analysis's rows; a new order moves a lost customer at once; events applied one at
/// a time give every customer the row a batch apply of the same context to the final data gives. Both read the
/// population's first purchases the analysis stored (snapshot_first_purchases), so the intended exception of docs/live.md
/// (others' first purchases since the analysis count in adoption ranks and followers from the next analysis) holds for both
/// alike; SubsetSummaryTests proves that stored table gives the whole base's values.
/// </summary>
public sealed class LiveUpdateTests : IDisposable
{
    private readonly SimulatedCompany _company = new();

    private Workspace Workspace => _company.Temp.Workspace!;

    private static readonly DateTime At = new(2026, 1, 2, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Customers_whose_data_did_not_change_get_back_the_analysiss_rows_and_no_change_is_recorded()
    {
        var before = Rows();
        var random = new Random(3);
        var chosen = before.Keys.Where(_ => random.NextDouble() < 0.1).ToList();
        var result = LiveUpdate.Refresh(Workspace, chosen, null, At);
        Assert.Null(result.NotUpdatedBecause);
        Assert.True(result.Customers >= chosen.Count, $"{result.Customers} re-classified of {chosen.Count} named");
        Assert.Empty(result.Changes);
        Assert.Equal(0, Workspace.Scalar<long>("SELECT count(*) FROM class_changes"));
        var after = Rows();
        foreach (var id in chosen) AssertSameRow(before[id], after[id], id, checkLive: false);
        Assert.Equal(result.Customers, Workspace.Scalar<long>("SELECT count(*) FROM snapshot_customers WHERE live_at IS NOT NULL"));
    }

    [Fact]
    public void A_new_order_of_a_lost_customer_makes_it_active_at_once_and_the_move_is_recorded_with_its_import()
    {
        var lost = Workspace.Scalar<string>("SELECT customer_id FROM snapshot_customers WHERE churn_status = 'lost' AND orders >= 2 ORDER BY customer_id LIMIT 1")!;
        var import = Import("orders", $"customer_id,ordered_at,amount\n{lost},2026-01-02,250\n");
        var result = LiveUpdate.Refresh(Workspace, [lost], import, At);
        var change = Assert.Single(result.Changes, c => c.CustomerId == lost && c.Dimension == "churn_status");
        Assert.Equal(("lost", "active", new DateOnly(2026, 1, 2), import), (change.From, change.To, change.LiveAsOf, change.ImportId));
        var row = Rows()[lost];
        Assert.Equal("active", row["churn_status"]);
        Assert.Equal(new DateOnly(2026, 1, 2), row["live_as_of"]);
        Assert.Equal(import, Convert.ToInt64(row["live_import"], CultureInfo.InvariantCulture));
        Assert.StartsWith("active:", Reason(lost, Dimensions.ChurnStatus), StringComparison.Ordinal);
        Assert.True((double)row["p_alive"]! > 0.9, $"P(alive) {row["p_alive"]}");
        Assert.Equal(1, Workspace.Scalar<long>($"SELECT count(*) FROM class_changes WHERE customer_id = '{lost}' AND dimension = 'churn_status' AND import_id = {import}"));
    }

    [Fact]
    public void A_referral_made_and_bought_since_the_analysis_counts_for_its_referrer_at_once()
    {
        // A repeat customer who referred nobody and is no advocate: a referral that buys is worth more advocacy points than it lacks.
        var referrer = Workspace.Scalar<string>(
            "SELECT customer_id FROM snapshot_customers WHERE ladder = 'customer' AND churn_status = 'active' AND influence = 'none' " +
            "AND customer_id NOT IN (SELECT referrer_id FROM referrals) ORDER BY customer_id LIMIT 1")!;
        Assert.DoesNotContain("referred", Reason(referrer, Dimensions.Ladder), StringComparison.Ordinal);
        var referral = Import("referrals", $"referrer_id,referred_id,occurred_at\n{referrer},NEWREF,2026-01-02\n");
        LiveUpdate.Refresh(Workspace, [referrer, "NEWREF"], referral, At);
        Assert.Equal(new DateOnly(2026, 1, 2), Rows()[referrer]["live_as_of"]);
        Assert.Contains("referred 1, none bought yet +1", Reason(referrer, Dimensions.Ladder), StringComparison.Ordinal);
        // A referrer at once, worth nothing more yet.
        Assert.Contains(InfluenceRoles.Referrer, (string)Rows()[referrer]["influence"]!, StringComparison.Ordinal);
        Assert.Equal(0.0, (double)Rows()[referrer]["referral_value"]!);

        var order = Import("orders", $"customer_id,ordered_at,amount\nNEWREF,2026-01-05,300\n");
        var result = LiveUpdate.Refresh(Workspace, ["NEWREF"], order, At.AddHours(1));

        // The referrer is taken as of the day its referral bought: it counts, and three more points make it an advocate.
        var row = Rows()[referrer];
        Assert.Equal(("advocate", new DateOnly(2026, 1, 5)), ((string?)row["ladder"], (DateOnly?)row["live_as_of"]));
        Assert.Contains("referred 1, 1 bought +3", Reason(referrer, Dimensions.Ladder), StringComparison.Ordinal);
        var moved = Assert.Single(result.Changes, c => c.CustomerId == referrer && c.Dimension == Dimensions.Ladder);
        Assert.Equal(("customer", "advocate", order), (moved.From, moved.To, moved.ImportId));

        // Its referral value is what the referred customer is worth to us now (its margin, or revenue without one), in its full value.
        var newcomer = Rows()["NEWREF"];
        var worth = (double?)newcomer["margin"] ?? (double)newcomer["revenue"]!;
        Assert.Equal(300.0, (double)newcomer["revenue"]!);
        AssertClose(worth, (double)row["referral_value"]!, "the referral value");
        AssertClose((double)row["value"]! + worth + (double)row["influence_value"]!, (double)row["full_value"]!, "the full value");
        Assert.Contains($"referrer 1 referred, 1 bought, their ", Reason(referrer, Dimensions.Influence), StringComparison.Ordinal);

        // A later order of the referred customer moves its referrer's referral value with it.
        LiveUpdate.Refresh(Workspace, ["NEWREF"], Import("orders", "customer_id,ordered_at,amount\nNEWREF,2026-01-09,500\n"), At.AddHours(2));
        var later = Rows();
        AssertClose((double?)later["NEWREF"]["margin"] ?? (double)later["NEWREF"]["revenue"]!, (double)later[referrer]["referral_value"]!, "the referral value after a second order");
        Assert.Equal(800.0, (double)later["NEWREF"]["revenue"]!);
    }

    [Fact]
    public void A_subsidiarys_change_of_value_rolls_up_its_parents_group_and_a_new_subsidiary_is_counted()
    {
        // A subsidiary of a parent with a parent of its own where the demo has one: its change climbs two levels.
        var sub = Workspace.Scalar<string>("""
            SELECT c.customer_id FROM customers c JOIN customers p ON p.customer_id = c.parent_id
            JOIN snapshot_customers s ON s.customer_id = c.customer_id
            WHERE s.orders > 0 ORDER BY p.parent_id IS NULL, c.customer_id LIMIT 1
            """)!;
        var ancestors = new List<string>();
        for (var at = Workspace.Scalar<string>($"SELECT parent_id FROM customers WHERE customer_id = '{sub}'"); at is not null;
             at = Workspace.Scalar<string>($"SELECT parent_id FROM customers WHERE customer_id = '{at}'"))
            ancestors.Add(at);
        var before = Rows();
        Assert.All(ancestors, a => Assert.True(Convert.ToInt32(before[a]["subsidiaries"], CultureInfo.InvariantCulture) > 0, $"{a} has no subsidiaries"));

        var order = Import("orders", $"customer_id,ordered_at,amount,margin\n{sub},2026-01-02,5000,2000\n");
        var moved = LiveUpdate.Refresh(Workspace, [sub], order, At);
        Assert.Equal(ancestors.Count, moved.ParentsMoved);
        Assert.EndsWith($"; the group value of {ancestors.Count} parent {(ancestors.Count == 1 ? "account" : "accounts")} above it moved (`clientele customer` shows it).", moved.Text, StringComparison.Ordinal);

        var after = Rows();
        var delta = (double)after[sub]["value"]! - (double)before[sub]["value"]!;
        Assert.True(delta > 100, $"the order moved {sub}'s value by {delta}");
        foreach (var a in ancestors)
        {
            AssertClose((double)before[a]["group_value"]! + delta, (double)after[a]["group_value"]!, $"{a}'s group value");
            Assert.Equal(before[a]["subsidiaries"], after[a]["subsidiaries"]);
            // Only its group's figures moved, stamped with the import (so kept listings read them again); its classes stay.
            Assert.Equal(order, Convert.ToInt64(after[a]["live_import"], CultureInfo.InvariantCulture));
            Assert.All(Dimensions.All, d => Assert.Equal(before[a][d], after[a][d]));
            Assert.Equal(before[a]["value"], after[a]["value"]);
        }

        // A subsidiary new since the analysis, which buys: counted below its parent and the parent's parents.
        Import("customers", $"customer_id,name,kind,parent_id\nNEWSUB,New subsidiary,organization,{ancestors[0]}\n");
        LiveUpdate.Refresh(Workspace, ["NEWSUB"], Import("orders", $"customer_id,ordered_at,amount,margin\nNEWSUB,2026-01-03,800,300\n"), At);

        var last = Rows();
        var added = (double)last["NEWSUB"]["value"]!;
        foreach (var a in ancestors)
        {
            AssertClose((double)after[a]["group_value"]! + added, (double)last[a]["group_value"]!, $"{a}'s group value with NEWSUB");
            Assert.Equal(Convert.ToInt32(after[a]["subsidiaries"], CultureInfo.InvariantCulture) + 1, Convert.ToInt32(last[a]["subsidiaries"], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void A_party_on_a_supply_chain_that_buys_from_us_becomes_direct_at_once_and_the_parties_it_sells_to_move_up_the_chain()
    {
        // An indirect party that sells on to others, who are reached through it one link further down.
        var seller = Workspace.Scalar<string>("SELECT customer_id FROM snapshot_customers WHERE supply_chain = 'indirect' AND supply_chain_sells_on > 0 AND orders = 0 ORDER BY customer_id LIMIT 1")!;
        var buyers = Ids($"SELECT buyer_id FROM supply_links WHERE seller_id = '{seller}' ORDER BY buyer_id");
        var before = Rows();
        Assert.All(buyers, b => Assert.Equal(2, Convert.ToInt32(before[b]["supply_depth"], CultureInfo.InvariantCulture)));

        var order = Import("orders", $"customer_id,ordered_at,amount\n{seller},2026-01-02,400\n");
        var result = LiveUpdate.Refresh(Workspace, [seller], order, At);
        Assert.Equal(new ClassChange(seller, Dimensions.SupplyChain, "indirect", "direct", new DateOnly(2026, 1, 2), At, order),
            Assert.Single(result.Changes, c => c.Dimension == Dimensions.SupplyChain));
        Assert.Equal(buyers.Count, result.ChainMoved);
        Assert.Contains($"; the supply-chain position of {buyers.Count} parties along its supply links moved (`clientele customer` shows it).", result.Text, StringComparison.Ordinal);

        var after = Rows();
        Assert.Equal(("direct", 0), ((string?)after[seller]["supply_chain"], Convert.ToInt32(after[seller]["supply_depth"], CultureInfo.InvariantCulture)));
        // Direct now, and still where it was in the chain for what it buys through it.
        Assert.Matches("^direct: 1 completed order with us; also buys through the supply chain from C[0-9]+ \\(direct, [^)]+\\); sells on to [0-9]+ parties$", Reason(seller, Dimensions.SupplyChain));
        foreach (var buyer in buyers)
        {
            // One link from us now, bought from a direct customer; stamped with the order, its own figures and other classes as they were.
            Assert.Equal(1, Convert.ToInt32(after[buyer]["supply_depth"], CultureInfo.InvariantCulture));
            Assert.StartsWith($"{seller} (direct", (string)after[buyer]["supply_chain_seller"]!, StringComparison.Ordinal);
            Assert.Contains($"{seller} (direct", Reason(buyer, Dimensions.SupplyChain), StringComparison.Ordinal);
            Assert.Equal(order, Convert.ToInt64(after[buyer]["live_import"], CultureInfo.InvariantCulture));
            Assert.Equal(new DateOnly(2025, 12, 31), after[buyer]["live_as_of"]);
            Assert.All(Dimensions.All.Where(d => d != Dimensions.SupplyChain), d => Assert.Equal(before[buyer][d], after[buyer][d]));
            Assert.Equal(before[buyer]["value"], after[buyer]["value"]);
        }
        Assert.Equal(buyers.Count + 1, Workspace.Scalar<long>("SELECT count(*) FROM snapshot_customers WHERE live_at IS NOT NULL"));

        // A repeat order of the reseller, direct already, moves nobody along the chain, and its own position stays.
        var second = Import("orders", $"customer_id,ordered_at,amount\n{seller},2026-01-04,150\n");
        var repeat = LiveUpdate.Refresh(Workspace, [seller], second, At.AddMinutes(30));
        Assert.Equal(0, repeat.ChainMoved);
        Assert.DoesNotContain(repeat.Changes, c => c.Dimension == Dimensions.SupplyChain);
        var repeated = Rows();
        foreach (var column in LiveSupplyChainColumns.Where(c => c != "orders"))
            Assert.Equal(after[seller][column], repeated[seller][column]);
        Assert.Equal(2, Convert.ToInt32(repeated[seller]["orders"], CultureInfo.InvariantCulture));
        foreach (var buyer in buyers) AssertSameRow(after[buyer], repeated[buyer], buyer, checkLive: true);
        after = repeated;

        // Every party of the supply chain re-classified at once from the same data: nothing moves again, every row as it was left.
        var parties = Ids("SELECT seller_id FROM supply_links UNION SELECT buyer_id FROM supply_links ORDER BY 1");
        var again = LiveUpdate.Refresh(Workspace, parties, null, At.AddHours(1));
        Assert.Empty(again.Changes);
        Assert.Equal(0, again.ChainMoved);
        var last = Rows();
        foreach (var id in parties.Where(last.ContainsKey)) AssertSameRow(after[id], last[id], id, checkLive: false);

        // Undone, the two orders move everything back to the analysis's rows.
        ImportUndo.Apply(Workspace, (int)second, "ana", At.AddHours(2));
        ImportUndo.Apply(Workspace, (int)order, "ana", At.AddHours(3));
        var undone = Rows();
        foreach (var id in buyers.Append(seller)) AssertSameRow(before[id], undone[id], id, checkLive: false);
    }

    /// <summary>The snapshot columns a supply-chain position is stored in: its class and the figures its reason is rendered from.</summary>
    private static IEnumerable<string> LiveSupplyChainColumns =>
        Dimensions.Declaration(Dimensions.SupplyChain)!.Reason!.Figures.Select(f => f.Name).Prepend(Dimensions.SupplyChain);

    private List<string> Ids(string sql)
    {
        var ids = new List<string>();
        using var command = Workspace.Command(sql);
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{what}: {actual:R}, expected {expected:R}");

    [Fact]
    public void Events_applied_one_at_a_time_give_every_customer_the_row_of_one_batch_apply_to_the_final_data()
    {
        var ids = Rows().Keys.Order(StringComparer.Ordinal).ToList();
        var random = new Random(11);
        var touched = new HashSet<string>(StringComparer.Ordinal);
        for (var e = 0; e < 40; e++)
        {
            var id = ids[random.Next(ids.Count)];
            var day = new DateOnly(2025, 12, 1).AddDays(random.Next(45));
            long import;
            switch (random.Next(3))
            {
                case 0:
                    import = Import("orders", $"customer_id,ordered_at,amount,margin\n{id},{day:yyyy-MM-dd},{random.Next(20, 900)},{random.Next(5, 200)}\n");
                    break;
                case 1:
                    import = Import("interactions", $"customer_id,occurred_at,kind,tag,cost\n{id},{day:yyyy-MM-dd},complaint,late delivery,{random.Next(5, 60)}\n");
                    break;
                default:
                    // A referral of a new customer, who then buys: the referrer is re-classified with it.
                    var referred = $"NEW{e:000}";
                    Import("referrals", $"referrer_id,referred_id,occurred_at\n{id},{referred},{day:yyyy-MM-dd}\n");
                    import = Import("orders", $"customer_id,ordered_at,amount\n{referred},{day.AddDays(1):yyyy-MM-dd},{random.Next(20, 400)}\n");
                    touched.Add(referred);
                    LiveUpdate.Refresh(Workspace, [referred], import, At.AddMinutes(e));
                    touched.Add(id);
                    continue;
            }
            touched.Add(id);
            LiveUpdate.Refresh(Workspace, [id], import, At.AddMinutes(e));
        }
        var oneAtATime = Rows();
        var batch = LiveUpdate.Refresh(Workspace, [.. touched], null, At.AddDays(1));
        Assert.Empty(batch.Changes);
        var once = Rows();
        Assert.Equal(oneAtATime.Keys.Order(), once.Keys.Order());
        foreach (var id in touched) AssertSameRow(oneAtATime[id], once[id], id, checkLive: false);
        Assert.True(Workspace.Scalar<long>("SELECT count(*) FROM class_changes") > 0, "forty events moved no class at all");
    }

    [Fact]
    public void A_class_the_analysis_set_by_override_stays_and_an_override_set_since_waits_for_the_next_analysis()
    {
        var ids = Workspace.Scalar<string>("SELECT string_agg(customer_id, ',' ORDER BY customer_id) FROM (SELECT customer_id FROM snapshot_customers WHERE churn_status = 'lost' AND orders >= 2 ORDER BY customer_id LIMIT 2)")!.Split(',');
        var (kept, later) = (ids[0], ids[1]);
        OverrideTable.Set(Workspace, kept, "churn_status", "lapsed", "promised to come back", "tests", At);
        Clientele.Storage.Analysis.AnalysisRunner.Run(Workspace, new Clientele.Storage.Analysis.AnalysisRequest { AsOf = _company.AsOf }, cancellationToken: TestContext.Current.CancellationToken);
        OverrideTable.Set(Workspace, later, "churn_status", "lapsed", "set after the analysis", "tests", At);
        var import = Import("orders", $"customer_id,ordered_at,amount\n{kept},2026-01-02,250\n{later},2026-01-02,250\n");

        var result = LiveUpdate.Refresh(Workspace, [kept, later], import, At);

        var rows = Rows();
        Assert.Equal(("lapsed", "churn_status"), ((string?)rows[kept]["churn_status"], (string?)rows[kept]["overridden"]));
        Assert.StartsWith("override by tests on 2026-01-02: promised to come back", Reason(kept, Dimensions.ChurnStatus), StringComparison.Ordinal);
        // The override's reason states the class computed live (the new order made the customer active), not the analysis's.
        Assert.Contains("(computed: active: ", Reason(kept, Dimensions.ChurnStatus), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Changes, c => c.CustomerId == kept && c.Dimension == "churn_status");
        // Set after the analysis: not applied live; the new order makes the customer active.
        Assert.Equal("active", rows[later]["churn_status"]);
        Assert.Null(rows[later]["overridden"]);
    }

    [Fact]
    public void Undoing_the_import_of_an_event_moves_the_class_back_and_gives_the_analysiss_row_again()
    {
        var lost = Workspace.Scalar<string>("SELECT customer_id FROM snapshot_customers WHERE churn_status = 'lost' AND orders >= 2 ORDER BY customer_id DESC LIMIT 1")!;
        var before = Rows()[lost];
        var import = Import("orders", $"customer_id,ordered_at,amount\n{lost},2026-01-02,250\n");
        LiveUpdate.Refresh(Workspace, [lost], import, At);
        Assert.Equal("active", Rows()[lost]["churn_status"]);

        var undone = Clientele.Storage.Removal.ImportUndo.Apply(Workspace, (int)import, "tests", At.AddHours(1));

        Assert.Contains(undone.Live!.Changes, c => c.CustomerId == lost && c.Dimension == "churn_status" && (c.From, c.To, c.ImportId) == ("active", "lost", null));
        AssertSameRow(before, Rows()[lost], lost, checkLive: false);
    }

    [Fact]
    public void Without_an_analysis_nothing_is_updated_and_the_result_says_so()
    {
        using var temp = new TempWorkspace();
        var result = LiveUpdate.Refresh(temp.Workspace!, ["C1"], null, At);
        Assert.Equal("there is no analysis yet to update: run `clientele analyze` and later changes will update its classes live.", result.NotUpdatedBecause);
    }

    /// <summary>Every row of the latest snapshot by customer, column by column.</summary>
    /// <summary>A customer's reason on a dimension as a reader gets it (stored, or rendered from the row's figures).</summary>
    private string Reason(string customerId, string dimension) =>
        SnapshotQuery.Profile(Workspace, customerId).Classes.Single(c => c.Dimension == dimension).Reason!;

    private Dictionary<string, Dictionary<string, object?>> Rows()
    {
        var rows = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
        using var command = Workspace.Connection.CreateCommand();
        command.CommandText = "SELECT * FROM snapshot_customers";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var c = 0; c < reader.FieldCount; c++) row[reader.GetName(c)] = reader.IsDBNull(c) ? null : reader.GetValue(c) is DateTime t && reader.GetName(c) == "live_as_of" ? DateOnly.FromDateTime(t) : reader.GetValue(c);
            rows[(string)row["customer_id"]!] = row;
        }
        return rows;
    }

    private static void AssertSameRow(Dictionary<string, object?> expected, Dictionary<string, object?> actual, string id, bool checkLive)
    {
        foreach (var (column, value) in expected)
        {
            if (!checkLive && column.StartsWith("live_", StringComparison.Ordinal)) continue;
            var other = actual[column];
            if (value is double a && other is double b)
                Assert.True(a.Equals(b) || Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a)), $"{id} {column}: {a:R} then {b:R}");
            else
                Assert.True(Equals(value, other), $"{id} {column}: '{value}' then '{other}'");
        }
    }

    private long Import(string table, string csv)
    {
        var path = _company.Temp.File($"{table}-{Guid.NewGuid():N}.csv", csv);
        return new Importer(Workspace).Import(table, path, new ImportOptions()).ImportId!.Value;
    }

    public void Dispose() => _company.Dispose();
}
