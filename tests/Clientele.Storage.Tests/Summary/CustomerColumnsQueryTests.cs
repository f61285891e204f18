using Clientele.Classification;
using Clientele.Customers;
using Clientele.Storage.Import;
using Clientele.Storage.Summary;

namespace Clientele.Storage.Tests.Summary;

/// <summary>
/// Every column of <see cref="CustomerColumnsQuery"/> on a small company built for the purpose, as of 2024-03-31.
/// A is an organization (parent PARENT) that adopted the new line "sensors" four days after its launch and was
/// followed in its region by C and B; P is a prospect; N has nothing; LATE is known only after the as-of date.
/// </summary>
public sealed class CustomerColumnsQueryTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2024, 3, 31);
    private readonly TempWorkspace _temp = new();

    public CustomerColumnsQueryTests()
    {
        var importer = new Importer(_temp.Workspace!);
        Import(importer, "customers", """
            customer_id,name,kind,industry,domain,population_group,region,country,acquired_at,channel,referred_by,is_prominent,wallet_estimate,parent_id
            PARENT,Parent AG,organization,healthcare,,,DACH,Germany,2022-06-01,sales-rep,,false,,
            A,"Alpha, GmbH",organization,healthcare,hospitals,,DACH,Germany,2023-12-01,sales-rep,,true,5000,PARENT
            B,Bea,person,,,families,DACH,Austria,2024-01-10,referral,A,false,,
            C,Cem,person,,,students,DACH,Germany,2024-01-20,web,,,,LATE
            N,Nobody Yet,person,,,,,,2024-02-01,,,,,
            P,Prospect Ltd,organization,retail,grocery,,Nordics,Sweden,2023-12-15,event,,,,
            R,Rae,,,,,,,2024-01-01,,,,,
            R2,Rob,,,,,,,2024-01-01,,,,,
            X2,Xia,person,,,families,Nordics,Norway,2024-01-01,web,,,,
            LATE,Late Inc,organization,,,,DACH,Germany,2024-05-01,,,,,
            """);
        Import(importer, "products", """
            product_id,name,product_line,launched_at,price
            P1,Filter,filters,2020-01-01,10
            P1b,Filter Plus,filters,2024-02-15,20
            P2,Sensor,sensors,2024-02-01,50
            P3,Gadget,gadgets,,5
            """);
        Import(importer, "contacts", """
            contact_id,customer_id,name,title
            K0,B,Gus,Director
            K2,A,Eli,
            K1,A,Dana,Director
            K3,LATE,Fay,CFO
            """);
        Import(importer, "buying_roles", """
            contact_id,role,weight,deal_id
            K0,decider,0.4,
            K1,payer,0.5,
            K1,user,,
            K1,beneficiary,1,
            K1,decider,0.9,
            K1,decider,0.7,D1
            K1,promoter,0.3,
            K1,stimulator,0.2,
            K3,payer,1,
            """);
        Import(importer, "supply_links", """
            seller_id,buyer_id
            A,B
            B,C
            C,A
            A,LATE
            """);
        Import(importer, "orders", """
            customer_id,ordered_at,amount,margin,product_line,status
            PARENT,2023-01-01,500,100,filters,completed
            PARENT,2023-04-01,7,1,filters,completed
            PARENT,2023-04-02,3,1,filters,completed
            PARENT,2024-03-31T23:00:00,10,2,filters,completed
            A,2024-01-01,100,30,filters,completed
            A,2024-01-01T10:00:00,50,,filters,completed
            A,2024-01-20,60,-5,filters,returned
            A,2024-02-05,200,60,sensors,completed
            A,2024-02-10,80,-10,filters,returned
            A,2024-03-20,40,0,filters,cancelled
            A,2024-03-25,120,40,filters,completed
            A,2024-04-10,999,1,filters,completed
            A,2024-04-11,999,1,filters,cancelled
            B,2024-01-10,70,20,filters,completed
            B,2024-02-20,30,,sensors,completed
            C,2024-02-15,20,5,sensors,completed
            C,2024-02-15T12:00:00,4,1,sensors,completed
            C,2024-03-01,15,3,refills,completed
            X2,2024-02-20,10,1,sensors,completed
            R,2024-03-10,60,,sensors,completed
            R2,2024-03-20,6,,sensors,completed
            LATE,2024-05-02,1,1,sensors,completed
            """);
        Import(importer, "interactions", """
            customer_id,occurred_at,kind,score,scale_max,sentiment,cost,tag,product_line
            A,2023-12-20,inquiry,,,,,,
            A,2024-01-02,complaint,,,negative,9,quality,
            A,2024-01-05,survey,9,,positive,,,
            A,2024-01-06,survey,4,5,,,,
            A,2024-01-07,Survey,3,10,negative,,,
            A,2024-01-15,quote,,,,7,,
            A,2024-02-01,review,5,,positive,,,
            A,2024-02-02,review,2,5,,,,
            A,2024-02-03,review,8,10,,,,
            A,2024-02-10,support,,,,20,,sensors
            A,2024-03-01,complaint,,,negative,10,Delivery,
            A,2024-03-02,complaint,,,,5,price,
            A,2024-03-03,complaint,,,,,delivery,
            A,2024-03-05,suggestion,,,,,quality,
            A,2024-03-06,suggestion,,,,,Quality,
            A,2024-03-07,suggestion,,,,,talent,
            A,2024-04-05,complaint,,,,100,service,
            P,2024-01-03,inquiry,,,,,,filters
            P,2024-01-20,visit,,,,,,
            P,2024-02-01,opportunity,,,,,Open,
            P,2024-03-01,opportunity,,,,,WON,
            P,2024-03-10,complaint,,,,,price,
            P,2024-03-11,complaint,,,,,service,
            P,2024-03-12,opportunity,,,,,,
            P,2024-04-02,opportunity,,,,,lost,
            B,2024-03-01,complaint,1,,,,,
            """);
        Import(importer, "referrals", """
            referrer_id,referred_id,occurred_at
            A,B,2024-01-10
            A,C,2024-05-01
            PARENT,R,2024-01-01
            PARENT,LATE,2024-01-01
            """);
        Import(importer, "targets", """
            segment_path,planned_customers,planned_value,due_at
            healthcare/hospitals,10,5000,2025-01-01
            families,,,
            """);
        // A link to a party the customers table does not have (the importer would have created it).
        using var command = _temp.Workspace!.Connection.CreateCommand();
        command.CommandText = "INSERT INTO supply_links (seller_id, buyer_id) VALUES ('NOWHERE', 'A')";
        command.ExecuteNonQuery();
    }

    private void Import(Importer importer, string table, string csv) =>
        importer.Import(table, _temp.File(table + ".csv", csv + "\n"), new ImportOptions());

    private CustomerColumnsQueryResult Read(DateOnly? asOf = null, CustomerColumnsQueryOptions? options = null) =>
        CustomerColumnsQuery.Read(_temp.Workspace!, CustomerSummaryQuery.Run(_temp.Workspace!, asOf ?? AsOf, TimeUnit.Day), options);

    private static int Index(CustomerColumns c, string id) => Array.IndexOf(c.CustomerId, id);

    private static int Line(CustomerColumns c, string line) => c.ProductLines.ToList().IndexOf(line);

    [Fact]
    public void The_columns_are_for_the_summary_customers_in_its_order()
    {
        var c = Read().Columns;
        Assert.Equal(["A", "B", "C", "N", "P", "PARENT", "R", "R2", "X2"], c.CustomerId);
        Assert.Equal(AsOf, c.AsOf);
        Assert.Equal(9, c.Name.Length);
        Assert.Equal(9, c.LineOrders[0].Length);
    }

    [Fact]
    public void Party_attributes_are_read_with_links_as_indices()
    {
        var c = Read().Columns;
        var a = Index(c, "A");
        Assert.Equal(("Alpha, GmbH", "organization", "healthcare", "hospitals"), (c.Name[a], c.Kind[a], c.Industry[a], c.Domain[a]));
        Assert.Equal(("DACH", "Germany", "sales-rep"), (c.Region[a], c.Country[a], c.Channel[a]));
        Assert.Equal(new DateOnly(2023, 12, 1), c.AcquiredAt[a]);
        Assert.True(c.IsProminent[a]);
        Assert.Equal(5000, c.WalletEstimate[a]);
        Assert.Equal(Index(c, "PARENT"), c.ParentIndex[a]);
        var b = Index(c, "B");
        Assert.Equal(("person", "families", "Austria"), (c.Kind[b], c.PopulationGroup[b], c.Country[b]));
        Assert.Equal(a, c.ReferredByIndex[b]);
        Assert.Null(c.WalletEstimate[b]);
        Assert.False(c.IsProminent[b]);
        // C's parent LATE is not among the summary's customers.
        Assert.Equal(-1, c.ParentIndex[Index(c, "C")]);
        var r = Index(c, "R");
        Assert.Equal((null, null, null, -1, -1), (c.Kind[r], c.Region[r], c.Industry[r], c.ParentIndex[r], c.ReferredByIndex[r]));
    }

    [Fact]
    public void Order_columns_count_cancellations_return_margins_and_the_last_365_days()
    {
        var c = Read().Columns;
        var a = Index(c, "A");
        Assert.Equal(1, c.CancelledOrders[a]);
        Assert.Equal(-15, c.ReturnMargin[a], 12);
        Assert.Equal(470, c.RevenueLastYear[a], 12);
        // 2023-04-02 is the first day of the 365 up to 2024-03-31; the as-of day's evening counts.
        Assert.Equal(13, c.RevenueLastYear[Index(c, "PARENT")], 12);
    }

    [Fact]
    public void Product_lines_come_from_orders_and_products_sorted_with_completed_orders_and_interest_per_line()
    {
        var c = Read().Columns;
        Assert.Equal(["filters", "gadgets", "refills", "sensors"], c.ProductLines);
        var (a, cc, p) = (Index(c, "A"), Index(c, "C"), Index(c, "P"));
        Assert.Equal((3, 1), (c.LineOrders[Line(c, "filters")][a], c.LineOrders[Line(c, "sensors")][a]));
        Assert.Equal((2, 1), (c.LineOrders[Line(c, "sensors")][cc], c.LineOrders[Line(c, "refills")][cc]));
        Assert.Equal(1, c.LineInterest[Line(c, "sensors")][a]);
        Assert.Equal(1, c.LineInterest[Line(c, "filters")][p]);
        Assert.All(c.LineOrders[Line(c, "gadgets")], n => Assert.Equal(0, n));
    }

    [Fact]
    public void New_lines_are_those_launched_over_30_days_after_the_first_order_with_the_first_order_standing_in_for_a_missing_launch_date()
    {
        var c = Read().Columns;
        var (a, b, cc) = (Index(c, "A"), Index(c, "B"), Index(c, "C"));
        // sensors launched 2024-02-01 (products); refills has no product, so its first order (2024-03-01) is its launch;
        // filters' earliest product dates from 2020, so the product launched in 2024 does not make it new.
        Assert.Equal((1, 4.0, 0.0), (c.NewLinesAdopted[a], c.EarliestAdoptionDays[a], c.EarliestAdoptionRank[a]));
        // sensors first purchases by day: A, C, B = X2, R, R2: percent ranks 0, 0.2, 0.4, 0.4, 0.8, 1.
        Assert.Equal((1, 19.0, 0.4), (c.NewLinesAdopted[b], c.EarliestAdoptionDays[b], c.EarliestAdoptionRank[b]));
        Assert.Equal((2, 0.0, 0.0), (c.NewLinesAdopted[cc], c.EarliestAdoptionDays[cc], c.EarliestAdoptionRank[cc]));
        Assert.Equal(1.0, c.EarliestAdoptionRank[Index(c, "R2")]);
        var parent = Index(c, "PARENT");
        Assert.Equal((0, null, null), (c.NewLinesAdopted[parent], c.EarliestAdoptionDays[parent], c.EarliestAdoptionRank[parent]));
    }

    [Fact]
    public void Followers_are_first_buyers_of_the_same_region_7_to_56_days_later_on_the_line_where_they_most_exceed_chance()
    {
        var c = Read().Columns;
        var a = Index(c, "A");
        // sensors in DACH: C (+10 days) and B (+15), where chance gives 3 first purchases over the 60 days since
        // launch × a window of 50 days = 2.5: no excess. filters: B (+9) only, but filters have sold for years, so
        // chance gives almost none: 1 follower beyond chance wins. X2 (Nordics) and R (no region) never count.
        Assert.Equal((1, "filters"), (c.Followers[a], c.FollowedLine[a]));
        Assert.InRange(c.FollowersExpected[a], 0, 0.5);
        Assert.True(c.FollowersRevenue[a] > 0);
        // C to B is 5 days: too soon.
        var cc = Index(c, "C");
        Assert.Equal((0, null, 0.0, 0.0), (c.Followers[cc], c.FollowedLine[cc], c.FollowersExpected[cc], c.FollowersRevenue[cc]));
        // Customers without a region are a group of their own: R2 follows R 10 days later.
        var r = Index(c, "R");
        Assert.Equal((1, "sensors", 6.0), (c.Followers[r], c.FollowedLine[r], c.FollowersRevenue[r]));
    }

    [Fact]
    public void Follower_windows_are_options()
    {
        var c = Read(options: new CustomerColumnsQueryOptions { FollowerMinDays = 1, FollowerMaxDays = 12 }).Columns;
        var a = Index(c, "A");
        // C (+10) on sensors and B (+9) on filters: the tie goes to the line with fewer first purchases expected by
        // chance, filters (3 in DACH over its 456 days in the data, against 3 sensors in 60).
        Assert.Equal((1, "filters"), (c.Followers[a], c.FollowedLine[a]));
        Assert.Equal(3 * 12 / 456.0, c.FollowersExpected[a], 12);
        var cc = Index(c, "C");
        Assert.Equal((1, "sensors"), (c.Followers[cc], c.FollowedLine[cc]));
    }

    [Fact]
    public void Survey_and_review_scores_are_rescaled_by_their_scale()
    {
        var c = Read().Columns;
        var a = Index(c, "A");
        // Surveys 9/10 (promoter), 4/5 = 8/10 (passive), 3/10 (detractor, the kind's case ignored).
        Assert.Equal((3, 1, 1), (c.SurveyAnswers[a], c.PromoterAnswers[a], c.DetractorAnswers[a]));
        // Reviews 5/5 and 8/10 positive, 2/5 negative.
        Assert.Equal((2, 1), (c.PositiveReviews[a], c.NegativeReviews[a]));
        Assert.Equal((2, 3), (c.PositiveInteractions[a], c.NegativeInteractions[a]));
    }

    [Fact]
    public void Prospect_touches_count_before_the_first_order_and_all_of_them_for_non_buyers()
    {
        var c = Read().Columns;
        Assert.Equal(1, c.ProspectTouches[Index(c, "A")]);
        var p = Index(c, "P");
        Assert.Equal(5, c.ProspectTouches[p]);
        Assert.Equal(new DateOnly(2024, 3, 12), c.LastTouch[p]);
        // The latest opportunity with a tag by the as-of date, in lower case (the later "lost" is after it).
        Assert.Equal("won", c.OpportunityOutcome[p]);
        Assert.Null(c.OpportunityOutcome[Index(c, "A")]);
    }

    [Fact]
    public void Suggestion_tags_are_counted_most_frequent_first()
    {
        var c = Read().Columns;
        Assert.Equal("quality:2, talent:1", c.SuggestionTags[Index(c, "A")]);
        Assert.Null(c.SuggestionTags[Index(c, "B")]);
    }

    [Fact]
    public void Churn_signals_count_from_56_days_before_the_last_purchase_to_the_as_of_date()
    {
        var c = Read().Columns;
        var a = Index(c, "A");
        // Window 2024-01-29 .. 2024-03-31: complaints of 03-01..03-03 (not 01-02, not 04-05), review 2/5, return of 02-10.
        Assert.Equal((3, "delivery", 1, 1), (c.RecentComplaints[a], c.RecentComplaintTag[a], c.RecentLowScores[a], c.RecentReturns[a]));
        Assert.Equal(35, c.RecentServiceCost[a], 12);
        Assert.Equal(new DateOnly(2024, 3, 7), c.LastTouch[a]);
        // A prospect's window is the 56 days before the as-of date; a tie goes to the latest tag.
        var p = Index(c, "P");
        Assert.Equal((2, "service"), (c.RecentComplaints[p], c.RecentComplaintTag[p]));
        // An untagged complaint counts without a tag.
        var b = Index(c, "B");
        Assert.Equal((1, null), (c.RecentComplaints[b], c.RecentComplaintTag[b]));
    }

    [Fact]
    public void The_signal_window_is_an_option()
    {
        var c = Read(options: new CustomerColumnsQueryOptions { SignalWindowDays = 100 }).Columns;
        var a = Index(c, "A");
        Assert.Equal((4, 2, 2), (c.RecentComplaints[a], c.RecentReturns[a], c.RecentLowScores[a]));
        Assert.Equal(51, c.RecentServiceCost[a], 12);
    }

    [Fact]
    public void Referred_revenue_and_margin_are_the_referred_customers_by_the_as_of_date()
    {
        var c = Read().Columns;
        var a = Index(c, "A");
        // A referred B (C only after the as-of date): B's revenue 100, its margin 20.
        Assert.Equal((100.0, 20.0), (c.ReferredRevenue[a], c.ReferredMargin[a]));
        // PARENT referred R, who has no margin: revenue stands in; LATE is not a customer of the summary.
        var parent = Index(c, "PARENT");
        Assert.Equal((60.0, 60.0), (c.ReferredRevenue[parent], c.ReferredMargin[parent]));
    }

    [Fact]
    public void Supply_links_keep_cycles_and_drop_links_to_parties_outside_the_summary_with_a_note()
    {
        var result = Read();
        var c = result.Columns;
        var (a, b, cc) = (Index(c, "A"), Index(c, "B"), Index(c, "C"));
        var links = c.SupplySeller.Zip(c.SupplyBuyer).ToHashSet();
        Assert.Equal([(a, b), (b, cc), (cc, a)], links);
        Assert.Equal(3, c.SupplyBuyer.Length);
        var note = Assert.Single(result.Notes);
        Assert.StartsWith("2 supply links name a party outside the summary", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Contacts_of_summary_customers_carry_their_roles_with_a_default_weight_and_deals_merged()
    {
        var k = Read().Columns.Contacts;
        // In customer order (A, then B), then by id; LATE's contact is left out.
        Assert.Equal(["K1", "K2", "K0"], k.ContactId);
        Assert.Equal([0, 0, 1], k.CustomerIndex);
        Assert.Equal(["Director", null, "Director"], k.Title);
        Assert.Equal(["Dana", "Eli", "Gus"], k.Name);
        Assert.Equal([0, 0, 0, 0, 0, 0, 2], k.RoleContact);
        var roles = k.Role.Select((role, i) => (k.RoleContact[i], role, k.RoleWeight[i])).OrderBy(r => r.Item1).ThenBy(r => r.role, StringComparer.Ordinal).ToArray();
        Assert.Equal(
            [(0, "beneficiary", 1.0), (0, "decider", 0.9), (0, "payer", 0.5), (0, "promoter", 0.3), (0, "stimulator", 0.2), (0, "user", 1.0), (2, "decider", 0.4)],
            roles);
    }

    [Fact]
    public void Targets_are_read_with_missing_figures_as_null()
    {
        var targets = Read().Columns.Targets;
        Assert.Equal(
            [new TargetGroup("families", null, null, null), new TargetGroup("healthcare/hospitals", 10, 5000, new DateOnly(2025, 1, 1))],
            targets);
    }

    [Fact]
    public void A_customer_with_nothing_has_zeros_and_nulls()
    {
        var c = Read().Columns;
        var n = Index(c, "N");
        Assert.Equal("Nobody Yet", c.Name[n]);
        Assert.Equal((0, 0.0, 0.0, 0), (c.CancelledOrders[n], c.ReturnMargin[n], c.RevenueLastYear[n], c.NewLinesAdopted[n]));
        Assert.All(c.LineOrders, line => Assert.Equal(0, line[n]));
        Assert.All(c.LineInterest, line => Assert.Equal(0, line[n]));
        Assert.Equal((0, 0, 0, 0, 0), (c.SurveyAnswers[n], c.PositiveReviews[n], c.ProspectTouches[n], c.RecentComplaints[n], c.Followers[n]));
        Assert.Equal((null, null, null, null, null), (c.LastTouch[n], c.OpportunityOutcome[n], c.SuggestionTags[n], c.RecentComplaintTag[n], c.FollowedLine[n]));
        Assert.Equal((0.0, 0.0, 0.0), (c.RecentServiceCost[n], c.ReferredRevenue[n], c.ReferredMargin[n]));
        Assert.False(c.HasBought(n));
    }

    [Fact]
    public void An_earlier_as_of_date_ignores_every_later_record()
    {
        var c = Read(new DateOnly(2024, 2, 10)).Columns;
        Assert.Equal(["A", "B", "C", "N", "P", "PARENT", "R", "R2", "X2"], c.CustomerId);
        var a = Index(c, "A");
        Assert.Equal((2, 1), (c.LineOrders[Line(c, "filters")][a], c.LineOrders[Line(c, "sensors")][a]));
        // Window: from 2023-12-11 (56 days before A's last purchase on 02-05) to 02-10.
        Assert.Equal((0, 2, 1, "quality"), (c.CancelledOrders[a], c.RecentReturns[a], c.RecentComplaints[a], c.RecentComplaintTag[a]));
        Assert.Equal(-15, c.ReturnMargin[a], 12);
        // B's sensors order (02-20) is later; C's first sensors (02-15) too, so A is followed on filters only.
        Assert.Equal((70.0, 1, "filters"), (c.ReferredRevenue[a], c.Followers[a], c.FollowedLine[a]));
        Assert.Equal(new DateOnly(2024, 2, 10), c.LastTouch[a]);
        Assert.Null(c.SuggestionTags[a]);
        Assert.Equal(1, c.NewLinesAdopted[a]);
        // Lines are those of the orders up to the as-of date and the products.
        Assert.Equal(["filters", "gadgets", "sensors"], c.ProductLines);
    }

    [Fact]
    public void A_summary_from_another_workspace_is_refused()
    {
        var summary = new CustomerSummary(1, AsOf, TimeUnit.Day, []);
        summary.CustomerId[0] = "STRANGER";
        var e = Assert.Throws<WorkspaceException>(() => CustomerColumnsQuery.Run(_temp.Workspace!, summary));
        Assert.Contains("STRANGER", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workspace_without_customers_gives_empty_columns_with_the_catalogue_lines()
    {
        using var empty = new TempWorkspace();
        new Importer(empty.Workspace!).Import("products", empty.File("p.csv", "product_id,product_line\nP1,filters\n"), new ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);
        var summary = CustomerSummaryQuery.Run(empty.Workspace!, AsOf, TimeUnit.Day);
        var result = CustomerColumnsQuery.Read(empty.Workspace!, summary);
        var c = result.Columns;
        Assert.Equal(0, c.Count);
        Assert.Equal(["filters"], c.ProductLines);
        Assert.Empty(c.LineOrders[0]);
        Assert.Empty(c.SupplySeller);
        Assert.Equal(0, c.Contacts.Count);
        Assert.Empty(c.Targets);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void Temporary_tables_are_dropped_so_the_query_can_run_again()
    {
        var first = Read().Columns;
        var second = Read().Columns;
        Assert.Equal(first.Followers, second.Followers);
        Assert.Equal(first.SuggestionTags, second.SuggestionTags);
    }

    public void Dispose() => _temp.Dispose();
}
