using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

public sealed class StructureMapTests
{
    private static readonly DateOnly AsOf = TestColumns.AsOf;

    private static void Organization(CustomerColumns columns, int i, string? industry, string? domain)
    {
        columns.Kind[i] = "organization";
        columns.Industry[i] = industry;
        columns.Domain[i] = domain;
    }

    private static void Person(CustomerColumns columns, int i, string? group)
    {
        columns.Kind[i] = "person";
        columns.PopulationGroup[i] = group;
    }

    private static StructureMapResult Build(CustomerColumns columns, CustomerScores? scores = null, StructureMapOptions? options = null)
    {
        scores ??= TestColumns.Scores(columns);
        var churn = ChurnStatus.Classify(columns, scores, new ChurnStatusOptions());
        return StructureMap.Build(columns, scores, churn.Status.Class, options ?? new StructureMapOptions());
    }

    private static StructureNode Node(StructureMapResult map, string path) => Assert.Single(map.Nodes, n => n.Path == path);

    [Fact]
    public void Organizations_go_by_industry_and_domain_persons_by_population_group_and_traders_are_a_group_of_their_own()
    {
        var columns = TestColumns.Create(7);
        Organization(columns, 0, "Healthcare", "Hospitals");
        Organization(columns, 1, "healthcare", null);
        Organization(columns, 2, null, null);
        Person(columns, 3, "families");
        Person(columns, 4, "traders");
        Person(columns, 5, null);
        columns.Domain[6] = "grocery";

        var map = Build(columns);

        Assert.Equal(
            ["organizations/healthcare/hospitals", "organizations/healthcare/unknown", "organizations/unknown", "persons/families",
                "persons/traders", "persons/unknown", "organizations/unknown/grocery"],
            map.Segment.Class);
        Assert.Equal("organizations/healthcare/hospitals: an organization in industry healthcare, domain hospitals", Reason(map, 0));
        Assert.Equal("organizations/healthcare/unknown: an organization in industry healthcare, domain not in the data", Reason(map, 1));
        Assert.Equal("organizations/unknown: an organization with no industry or domain in the data", Reason(map, 2));
        Assert.Equal("persons/traders: a person in population group traders (traders buy for resale: a group of their own)", Reason(map, 4));
        Assert.Equal("persons/unknown: a person with no population group in the data", Reason(map, 5));
        Assert.Equal("organizations/unknown/grocery: an organization in domain grocery, industry not in the data", Reason(map, 6));
        Assert.Equal(Dimensions.Segment, map.Segment.Dimension);
        Assert.Equal("4 parties lack a field of their segment (organizations by industry → domain, persons by population group) and sit under \"unknown\" where it is missing: "
            + "1 organization without domain, 1 organization without industry, 1 organization without industry or domain, 1 person without population group.", map.Segment.Notes[0]);
    }

    [Fact]
    public void A_party_of_unknown_kind_without_segment_columns_sits_under_unknown()
    {
        var columns = TestColumns.Create(1);

        var map = Build(columns);

        Assert.Equal("unknown", map.Segment.Class[0]);
        Assert.Equal("unknown: neither the kind nor a segment field (organizations by industry → domain, persons by population group) is in the data", Reason(map, 0));
        Assert.Equal(["all", "unknown"], map.Nodes.Select(n => n.Path));
    }

    [Fact]
    public void The_tree_has_the_root_first_then_paths_segment_by_segment_with_parents_levels_and_rolled_up_counts()
    {
        var columns = TestColumns.Create(4);
        Organization(columns, 0, "retail", "home-improvement");
        Organization(columns, 1, "retail", "home");
        Organization(columns, 2, "retail-x", "shops");
        Person(columns, 3, "students");

        var map = Build(columns);

        Assert.Equal(
            ["all", "organizations", "organizations/retail", "organizations/retail/home", "organizations/retail/home-improvement",
                "organizations/retail-x", "organizations/retail-x/shops", "persons", "persons/students"],
            map.Nodes.Select(n => n.Path));
        var retail = Node(map, "organizations/retail");
        Assert.Equal(("retail", 2, "organizations", 2), (retail.Name, retail.Level, retail.ParentPath, retail.Parties));
        Assert.Equal((0, (string?)null, 4), (map.Nodes[0].Level, map.Nodes[0].ParentPath, map.Nodes[0].Parties));
        Assert.Equal(3, Node(map, "organizations/retail/home").Level);
    }

    [Fact]
    public void A_node_counts_parties_actual_and_active_customers_and_sums_value_and_expected_revenue()
    {
        var columns = TestColumns.Create(3);
        for (var i = 0; i < 3; i++) Person(columns, i, "families");
        TestColumns.Buy(columns, 0, [new(2025, 6, 1), new(2025, 9, 1)]);
        TestColumns.Buy(columns, 1, [new(2024, 6, 1)], amount: 200, marginRate: -0.1);
        var scores = TestColumns.Scores(columns);
        scores.ProbabilityAlive[0] = 0.8;
        scores.ProbabilityAlive[1] = 0.3;
        scores.ExpectedRevenue[0] = 150;
        scores.ExpectedRevenue[1] = 10;
        scores.FutureNetValue[0] = 40;

        var families = Node(Build(columns, scores), "persons/families");

        Assert.Equal((3, 2, 1), (families.Parties, families.ActualCustomers, families.ActiveCustomers));
        Assert.Equal(60 - 20 + 40, families.Value, 9);
        Assert.Equal(160, families.ExpectedRevenue, 9);
        Assert.Equal(40, families.FutureNetValue, 9);
    }

    [Fact]
    public void Active_means_active_by_the_churn_status_with_or_without_a_model()
    {
        var columns = TestColumns.Create(4);
        for (var i = 0; i < 4; i++) Person(columns, i, "retirees");
        TestColumns.Buy(columns, 0, TestColumns.Every(AsOf.AddDays(-200), 30, 6)); // last 50 days ago, gap 30: active
        TestColumns.Buy(columns, 1, TestColumns.Every(AsOf.AddDays(-400), 30, 6)); // last 250 days ago: lapsed
        TestColumns.Buy(columns, 2, [AsOf.AddDays(-300)]);                         // one purchase 10 typical gaps ago: lost
        TestColumns.Buy(columns, 3, [AsOf.AddDays(-20), AsOf.AddDays(-20)]);       // all orders on one day: one purchase

        var map = Build(columns);

        Assert.Equal(2, Node(map, "persons/retirees").ActiveCustomers);
        Assert.Contains("active customers are those whose churn status is active.", map.Segment.Notes);
        Assert.Contains("no model scores: predicted value growth is not shown, and target values are compared with the last 365 days' revenue.", map.Segment.Notes);
        Assert.Null(Node(map, "persons/retirees").PredictedValueGrowth);
    }

    [Fact]
    public void Growth_compares_new_customers_of_the_last_year_with_the_year_before()
    {
        var columns = TestColumns.Create(6);
        for (var i = 0; i < 5; i++) Person(columns, i, "students");
        Person(columns, 5, "families");
        TestColumns.Buy(columns, 0, [AsOf]);
        TestColumns.Buy(columns, 1, [AsOf.AddDays(-100)]);
        TestColumns.Buy(columns, 2, [AsOf.AddDays(-364)]);
        TestColumns.Buy(columns, 3, [AsOf.AddDays(-365)]);
        TestColumns.Buy(columns, 4, [AsOf.AddDays(-729)]);
        TestColumns.Buy(columns, 5, [AsOf.AddDays(-10)]);

        var map = Build(columns);

        var students = Node(map, "persons/students");
        Assert.Equal((3, 2), (students.NewCustomersLastYear, students.NewCustomersYearBefore));
        Assert.Equal(0.5, students.Growth);
        Assert.Null(Node(map, "persons/families").Growth);
        Assert.Equal(1.0, Node(map, "persons").Growth);
    }

    [Fact]
    public void Predicted_value_growth_is_next_years_expected_margin_against_last_years_margin()
    {
        var columns = TestColumns.Create(1);
        Organization(columns, 0, "hospitality", "hotels");
        TestColumns.Buy(columns, 0, TestColumns.Every(AsOf.AddDays(-300), 30, 10), amount: 100);
        var scores = TestColumns.Scores(columns, horizonDays: 730);
        scores.ProbabilityAlive[0] = 0.9;
        scores.ExpectedRevenue[0] = 2_400; // 1,200 a year against last year's 1,000
        scores.MarginRate[0] = 0.3;

        var hotels = Node(Build(columns, scores), "organizations/hospitality/hotels");

        Assert.Equal(1_000, hotels.RevenueLastYear, 9);
        Assert.Equal(1_200, hotels.CurrentYearlyRevenue, 9);
        Assert.Equal(0.2, hotels.PredictedValueGrowth!.Value, 9);
    }

    [Fact]
    public void Targets_match_by_industry_and_domain_by_population_group_or_by_full_path_and_show_the_gap()
    {
        var columns = TestColumns.Create(3);
        Organization(columns, 0, "healthcare", "hospitals");
        Person(columns, 1, "families");
        Person(columns, 2, "students");
        TestColumns.Buy(columns, 0, [AsOf.AddDays(-60), AsOf.AddDays(-30)], amount: 250); // last bought one gap ago: active by the churn status
        var due = new DateOnly(2026, 12, 31);
        columns.Targets =
        [
            new TargetGroup("Healthcare/Hospitals", 5, 3_000, due),
            new TargetGroup("families", 10, null, due),
            new TargetGroup("persons/students", null, 800, null),
        ];

        var map = Build(columns);

        var hospitals = Node(map, "organizations/healthcare/hospitals");
        Assert.Equal(("Healthcare/Hospitals", 5.0, 3_000.0, due, false), (hospitals.TargetPath, hospitals.TargetCustomers, hospitals.TargetValue, hospitals.TargetDueAt, hospitals.IsNewTargetGroup));
        Assert.Equal(4, hospitals.CustomerGap);
        Assert.Equal(2_500, hospitals.ValueGap);
        Assert.Equal((10.0, (double?)null), (Node(map, "persons/families").CustomerGap, Node(map, "persons/families").ValueGap));
        Assert.Equal(800, Node(map, "persons/students").ValueGap);
        Assert.Null(Node(map, "persons").TargetPath);
    }

    [Fact]
    public void A_target_nobody_belongs_to_becomes_a_new_group_beside_the_current_ones()
    {
        var columns = TestColumns.Create(1);
        Person(columns, 0, "families");
        columns.Targets = [new TargetGroup("public/utilities", 20, 50_000, null), new TargetGroup("pensioners", 5, null, null)];

        var map = Build(columns);

        var utilities = Node(map, "organizations/public/utilities");
        Assert.Equal((true, 0, 20.0, 20.0), (utilities.IsNewTargetGroup, utilities.Parties, utilities.TargetCustomers, utilities.CustomerGap));
        Assert.False(Node(map, "organizations/public").IsNewTargetGroup);
        Assert.True(Node(map, "persons/pensioners").IsNewTargetGroup);
        Assert.Contains("target \"public/utilities\" matches no current segment: shown as the new target group organizations/public/utilities with no customers yet.", map.Segment.Notes);
        Assert.Equal(["all", "organizations", "organizations/public", "organizations/public/utilities", "persons", "persons/families", "persons/pensioners"], map.Nodes.Select(n => n.Path));
    }

    [Fact]
    public void Two_targets_naming_one_segment_are_added_up()
    {
        var columns = TestColumns.Create(1);
        Person(columns, 0, "families");
        columns.Targets = [new TargetGroup("families", 5, 100, new(2026, 6, 30)), new TargetGroup("persons/families", 3, null, new(2026, 12, 31))];

        var families = Node(Build(columns), "persons/families");

        Assert.Equal((8.0, 100.0, new DateOnly(2026, 12, 31)), (families.TargetCustomers!.Value, families.TargetValue!.Value, families.TargetDueAt!.Value));
    }

    [Fact]
    public void No_customers_give_the_root_alone()
    {
        var columns = TestColumns.Create(0);

        var map = Build(columns);

        Assert.Empty(map.Segment.Class);
        var root = Assert.Single(map.Nodes);
        Assert.Equal(("all", 0, (double?)null), (root.Path, root.Parties, root.Growth));
    }

    [Fact]
    public void Scores_for_other_customers_are_refused()
    {
        var columns = TestColumns.Create(2);

        Assert.Throws<ArgumentException>(() => StructureMap.Build(columns, new CustomerScores(3, 365), new string?[2], new StructureMapOptions()));
    }

    [Fact]
    public void The_levels_of_the_map_can_be_any_segment_field()
    {
        var columns = TestColumns.Create(3);
        for (var i = 0; i < 3; i++) columns.Kind[i] = "organization";
        (columns.Industry[0], columns.Region[0]) = ("Horeca", "Lisbon");
        (columns.Industry[1], columns.Region[1]) = ("Retail", "Oporto");
        (columns.Industry[2], columns.Region[2]) = ("Horeca", null);

        var options = new StructureMapOptions { OrganizationLevels = ["industry", "region"] };
        var map = Build(columns, options: options);

        Assert.Equal(["organizations/horeca/lisbon", "organizations/retail/oporto", "organizations/horeca/unknown"], map.Segment.Class);
        Assert.Equal("organizations/horeca/unknown: an organization in industry horeca, region not in the data", Reason(map, 2, options));
        Assert.Throws<ArgumentOutOfRangeException>(() => Build(columns, options: new StructureMapOptions { OrganizationLevels = ["industry", "wallet"] }));
    }

    /// <summary>Party <paramref name="i"/>'s segment reason as a reader renders it from its path and stored figure (<see cref="StructureMap.Reason"/>).</summary>
    private static string? Reason(StructureMapResult map, int i, StructureMapOptions? options = null) =>
        StructureMap.Reason(map.Segment.Class[i], new ReasonRow { Figures = [map.Segment.Figures[i]] }, options ?? new StructureMapOptions());
}
