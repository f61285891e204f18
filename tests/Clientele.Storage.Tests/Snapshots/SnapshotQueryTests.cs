using Clientele.Classification;
using Clientele.Storage.Snapshots;
using DuckDB.NET.Data;

namespace Clientele.Storage.Tests.Snapshots;

public sealed class SnapshotQueryTests : IDisposable
{
    private static readonly DateOnly First = DateOnly.Parse(HandMadeSnapshots.First, System.Globalization.CultureInfo.InvariantCulture);
    private static readonly DateOnly Second = DateOnly.Parse(HandMadeSnapshots.Second, System.Globalization.CultureInfo.InvariantCulture);

    private readonly TempWorkspace _temp = new();

    private Workspace Workspace => _temp.Workspace!;

    public SnapshotQueryTests() => HandMadeSnapshots.InsertBoth(Workspace.Connection);

    private static ClassFilter[] Where(params string[] filters) => [.. filters.Select(ClassFilter.Parse)];

    private List<string> Ids(CustomerListing listing) => [.. listing.Rows.Select(r => r.CustomerId)];

    [Fact]
    public void The_snapshots_are_listed_oldest_first_and_the_latest_is_the_default()
    {
        var snapshots = SnapshotQuery.List(Workspace);
        Assert.Equal([First, Second], snapshots.Select(s => s.AsOf));
        Assert.Equal(5, snapshots[0].Customers);
        Assert.Equal("pnbd", snapshots[0].Model);
        Assert.Equal(new DateTime(2025, 1, 2, 3, 4, 5), snapshots[0].CreatedAt);
        Assert.Equal(Second, SnapshotQuery.Latest(Workspace));
        Assert.Equal(Second, SnapshotQuery.Resolve(Workspace, null));
        Assert.Equal(First, SnapshotQuery.Resolve(Workspace, First));
    }

    [Fact]
    public void A_workspace_without_analyses_says_to_run_analyze()
    {
        using var empty = new TempWorkspace();
        Assert.Null(SnapshotQuery.Latest(empty.Workspace!));
        var e = Assert.Throws<WorkspaceException>(() => SnapshotQuery.Customers(empty.Workspace!));
        Assert.Equal("no analysis yet: run `clientele analyze`.", e.Message);
        Assert.Throws<WorkspaceException>(() => SnapshotQuery.Profile(empty.Workspace!, "C1"));
        Assert.Throws<WorkspaceException>(() => SnapshotQuery.Segments(empty.Workspace!, "ladder"));
        Assert.Throws<WorkspaceException>(() => SnapshotQuery.Export(empty.Workspace!, Path.Combine(empty.Folder, "x.csv")));
    }

    [Fact]
    public void An_as_of_date_without_an_analysis_lists_the_dates_there_are()
    {
        var e = Assert.Throws<WorkspaceException>(() => SnapshotQuery.Customers(Workspace, new DateOnly(2024, 9, 30)));
        Assert.Contains("no analysis as of 2024-09-30", e.Message);
        Assert.Contains("2024-06-30, 2024-12-31", e.Message);
    }

    [Fact]
    public void The_listing_defaults_to_the_latest_snapshot_most_valuable_first_with_customers_without_value_last()
    {
        var listing = SnapshotQuery.Customers(Workspace);
        Assert.Equal(Second, listing.AsOf);
        Assert.Equal(5, listing.Matching);
        Assert.Equal(["C1", "C2", "C3", "C5", "C6"], Ids(listing));
        Assert.Equal(SnapshotQuery.KeyFigures, listing.FigureNames);
        var c1 = listing.Rows[0];
        Assert.Equal("Ada Lovelace", c1.Name);
        Assert.Equal("person", c1.Kind);
        Assert.Equal(5600.0, c1.Figures[listing.FigureNames.ToList().IndexOf("value")]);
        Assert.Equal(14, c1.Figures[listing.FigureNames.ToList().IndexOf("orders")]);
        Assert.Equal("advocate", c1.Classes[Dimensions.All.ToList().IndexOf(Dimensions.Ladder)]);
        Assert.Null(c1.Classes[Dimensions.All.ToList().IndexOf(Dimensions.ProspectGrade)]);
        // No P(alive) for a customer who has not bought: NaN in the table, null here.
        Assert.Null(listing.Rows[^1].Figures[listing.FigureNames.ToList().IndexOf("p_alive")]);
    }

    [Fact]
    public void Filters_on_different_dimensions_must_all_hold_and_the_classes_of_one_are_alternatives()
    {
        Assert.Equal(["C2", "C3"], Ids(SnapshotQuery.Customers(Workspace, filters: Where("ladder=customer"))));
        Assert.Equal(["C2"], Ids(SnapshotQuery.Customers(Workspace, filters: Where("ladder=customer", "churn_status=at-risk"))));
        Assert.Equal(["C2", "C3"], Ids(SnapshotQuery.Customers(Workspace, filters: Where("churn_status=at-risk,lapsed"))));
        var listing = SnapshotQuery.Customers(Workspace, First, Where("ladder=buyer,prospect"));
        Assert.Equal(["C4", "C5"], Ids(listing));
        Assert.Equal(2, listing.Matching);
    }

    [Fact]
    public void Classes_match_ignoring_case_influence_matches_one_role_and_segment_matches_a_path_and_its_children()
    {
        Assert.Equal(["C1"], Ids(SnapshotQuery.Customers(Workspace, filters: Where("value-tier=vip"))));
        Assert.Equal(["C1", "C2"], Ids(SnapshotQuery.Customers(Workspace, filters: Where("influence=leader"))));
        Assert.Equal(["C1"], Ids(SnapshotQuery.Customers(Workspace, filters: Where("influence=referrer"))));
        Assert.Equal(["C1", "C3", "C5", "C6"], Ids(SnapshotQuery.Customers(Workspace, filters: Where("segment=Retail"))));
        Assert.Equal(["C3", "C5", "C6"], Ids(SnapshotQuery.Customers(Workspace, filters: Where("segment=Retail/Students"))));
        Assert.Empty(SnapshotQuery.Customers(Workspace, filters: Where("segment=Ret")).Rows);
        Assert.Equal(["C2"], Ids(SnapshotQuery.Customers(Workspace, filters: Where("buying_center=No Decider"))));
    }

    [Fact]
    public void The_sort_takes_any_figure_or_dimension_in_either_direction_with_top_and_offset()
    {
        Assert.Equal(["C6", "C5", "C3", "C2", "C1"], Ids(SnapshotQuery.Customers(Workspace, sort: CustomerSort.Parse("revenue asc"))));
        // The ladder sorts by its order (advocate highest), not alphabetically.
        Assert.Equal(["C1", "C2", "C3", "C5", "C6"], Ids(SnapshotQuery.Customers(Workspace, sort: CustomerSort.Parse("ladder desc"))));
        Assert.Equal(["C6", "C5", "C2", "C3", "C1"], Ids(SnapshotQuery.Customers(Workspace, sort: CustomerSort.Parse("LADDER"))));
        var page = SnapshotQuery.Customers(Workspace, sort: CustomerSort.Parse("value desc"), top: 2, offset: 1);
        Assert.Equal(["C2", "C3"], Ids(page));
        Assert.Equal(5, page.Matching);
        Assert.Equal(5, SnapshotQuery.Customers(Workspace, top: 2, offset: 10).Matching);
        var byMargin = SnapshotQuery.Customers(Workspace, sort: CustomerSort.Parse("margin desc"));
        Assert.Equal("margin", byMargin.FigureNames[^1]);
    }

    [Fact]
    public void Unknown_dimensions_classes_and_sort_columns_are_refused_with_the_valid_ones()
    {
        var dimension = Assert.Throws<WorkspaceException>(() => SnapshotQuery.Customers(Workspace, filters: Where("loyalty=high")));
        Assert.Contains("unknown dimension 'loyalty'", dimension.Message);
        Assert.Contains("ladder, value_tier", dimension.Message);
        var @class = Assert.Throws<WorkspaceException>(() => SnapshotQuery.Customers(Workspace, filters: Where("ladder=fan")));
        Assert.Contains("unknown class 'fan' of ladder: choose one of no-relationship, prospect, buyer, customer, supporter, advocate.", @class.Message);
        var sort = Assert.Throws<WorkspaceException>(() => SnapshotQuery.Customers(Workspace, sort: CustomerSort.Parse("valeu desc")));
        Assert.Contains("cannot sort by 'valeu'", sort.Message);
        Assert.Contains("full_value", sort.Message);
        Assert.Throws<WorkspaceException>(() => CustomerSort.Parse("value down"));
        Assert.Throws<WorkspaceException>(() => ClassFilter.Parse("ladder"));
        Assert.Throws<WorkspaceException>(() => ClassFilter.Parse("ladder="));
        Assert.Throws<WorkspaceException>(() => ClassFilter.Parse("=advocate"));
    }

    [Fact]
    public void A_filter_value_is_a_parameter_never_sql()
    {
        var listing = SnapshotQuery.Customers(Workspace, filters: Where("segment=x' OR 1=1 --"));
        Assert.Empty(listing.Rows);
        Assert.Equal(5, SnapshotQuery.Customers(Workspace).Matching);
    }

    [Fact]
    public void A_profile_has_every_class_and_reason_the_playbook_actions_figures_product_lines_buying_roles_and_history()
    {
        var profile = SnapshotQuery.Profile(Workspace, "C2");
        Assert.Equal(Second, profile.AsOf);
        Assert.Equal("Bolt GmbH", profile.Name);
        Assert.Equal("organization", profile.Kind);
        Assert.Equal(Dimensions.All, profile.Classes.Select(c => c.Dimension));
        var ladder = profile.Classes[0];
        Assert.Equal(("customer", "customer because of C2"), (ladder.Class, ladder.Reason));
        // The second analysis's playbook replaced the ladder customer's action.
        Assert.Contains(new PlaybookAction(Dimensions.Ladder, "customer", "Call every quarter."), profile.Actions);
        Assert.Contains(profile.Actions, a => a.Dimension == Dimensions.ChurnStatus && a.Class == "at-risk" && a.Action.StartsWith("Reach out now", StringComparison.Ordinal));
        Assert.Contains(profile.Actions, a => a.Dimension == Dimensions.Influence && a.Class == "leader");
        // C3 lapsed: its ladder class stays, the ladder's action does not.
        var lapsed = SnapshotQuery.Profile(Workspace, "C3");
        Assert.Equal("customer", lapsed.Classes[0].Class);
        Assert.DoesNotContain(lapsed.Actions, a => a.Dimension == Dimensions.Ladder);
        Assert.Contains(lapsed.Actions, a => a.Dimension == Dimensions.ChurnStatus && a.Class == "lapsed");
        Assert.Equal(2500.0, profile.Figures.Single(f => f.Name == "value").Value);
        Assert.DoesNotContain(profile.Figures, f => f.Name is "name" or "kind");
        Assert.Equal(["Pumps", "Valves"], profile.ProductLines.Select(p => p.ProductLine));
        Assert.Equal(new ContactRole("P1", "Pat Payer", "CFO", "payer", 1, false), profile.BuyingRoles[0]);
        Assert.Equal(2, profile.BuyingRoles.Count);
        Assert.Equal([First, Second], profile.History.Select(h => h.AsOf));
        Assert.Equal(["supporter", "customer"], profile.History.Select(h => h.Classes[0]));
        Assert.Empty(profile.Notes);
    }

    [Fact]
    public void An_older_profile_uses_that_analysis_and_its_default_playbook()
    {
        var profile = SnapshotQuery.Profile(Workspace, "C3", First);
        Assert.Equal("active", profile.Classes.Single(c => c.Dimension == Dimensions.ChurnStatus).Class);
        Assert.Contains(new PlaybookAction(Dimensions.Ladder, "customer", Playbook.Defaults[Dimensions.Ladder]["customer"]), profile.Actions);
        Assert.Empty(profile.BuyingRoles);
        Assert.Equal(2, profile.History.Count);
    }

    [Fact]
    public void An_unknown_customer_and_one_missing_from_the_analysis_are_told_apart()
    {
        var unknown = Assert.Throws<NotFoundException>(() => SnapshotQuery.Profile(Workspace, "C99"));
        Assert.Contains("unknown customer 'C99'", unknown.Message);
        var gone = Assert.Throws<NotFoundException>(() => SnapshotQuery.Profile(Workspace, "C4"));
        Assert.Contains("customer 'C4' is not in the analysis as of 2024-12-31; it is in the analyses as of 2024-06-30", gone.Message);
    }

    [Fact]
    public void Unreadable_options_fall_back_to_the_default_playbook_with_a_note()
    {
        HandMadeSnapshots.Execute(Workspace.Connection, "UPDATE snapshots SET options = '{\"nonsense\": 1, \"playbook\": {\"actions\": 5}}' WHERE as_of = DATE '2024-12-31'");
        var profile = SnapshotQuery.Profile(Workspace, "C2");
        Assert.Contains(new PlaybookAction(Dimensions.Ladder, "customer", Playbook.Defaults[Dimensions.Ladder]["customer"]), profile.Actions);
        Assert.Contains("default playbook", Assert.Single(profile.Notes));
    }

    [Fact]
    public void Segments_count_share_value_and_growth_against_the_previous_analysis_in_the_ladder_order()
    {
        var report = SnapshotQuery.Segments(Workspace, "ladder");
        Assert.Equal(First, report.PreviousAsOf);
        Assert.Equal(5, report.Customers);
        Assert.Equal(["prospect", "buyer", "customer", "supporter", "advocate"], report.Classes.Select(c => c.Class));
        var customer = report.Classes.Single(c => c.Class == "customer");
        Assert.Equal(2, customer.Customers);
        Assert.Equal(0.4, customer.Share, 12);
        Assert.Equal(3200, customer.TotalValue);
        Assert.Equal(1600, customer.MeanValue);
        Assert.Equal(1, customer.Growth);
        var supporter = report.Classes.Single(c => c.Class == "supporter");
        Assert.Equal((0L, -1L), (supporter.Customers, supporter.Growth));
        Assert.Null(report.Classes.Single(c => c.Class == "prospect").TotalValue);
        Assert.Empty(report.Nodes);
    }

    [Fact]
    public void The_first_analysis_has_no_growth_and_unclassified_customers_are_a_class_of_their_own()
    {
        var report = SnapshotQuery.Segments(Workspace, "value_tier", First);
        Assert.Null(report.PreviousAsOf);
        Assert.All(report.Classes, c => Assert.Null(c.Growth));
        Assert.Equal(["small", "medium", "large", "VIP", null], report.Classes.Select(c => c.Class));
        Assert.Equal(1.0, report.Classes.Sum(c => c.Share), 12);
    }

    [Fact]
    public void Influence_counts_each_role_and_the_segment_dimension_brings_the_structure_map_depth_first()
    {
        var influence = SnapshotQuery.Segments(Workspace, "influence");
        Assert.Equal(2, influence.Classes.Single(c => c.Class == "leader").Customers);
        Assert.Equal(1, influence.Classes.Single(c => c.Class == "referrer").Customers);
        Assert.Equal(3, influence.Classes.Single(c => c.Class is null).Customers);

        var segment = SnapshotQuery.Segments(Workspace, "segment");
        Assert.Equal("Retail/Students", segment.Classes[0].Class);
        Assert.Equal(["Healthcare", "Manufacturing", "Manufacturing/Machinery", "Retail", "Retail/Families", "Retail/Students"], segment.Nodes.Select(n => n.Path));
        var retail = segment.Nodes.Single(n => n.Path == "Retail");
        Assert.Equal((6.0, 8000.0, new DateOnly(2025, 12, 31)), (retail.TargetCustomers!.Value, retail.TargetValue!.Value, retail.TargetDueAt!.Value));
        Assert.True(segment.Nodes[0].TargetOnly);
        Assert.Throws<WorkspaceException>(() => SnapshotQuery.Segments(Workspace, "tribe"));
    }

    [Fact]
    public void Transitions_count_moves_between_classes_and_list_who_moved_down_the_ladder()
    {
        var report = SnapshotQuery.Transitions(Workspace, "ladder", First, Second);
        Assert.Contains(new TransitionCell("supporter", "customer", 1), report.Matrix);
        Assert.Contains(new TransitionCell("customer", "customer", 1), report.Matrix);
        Assert.Contains(new TransitionCell("prospect", "buyer", 1), report.Matrix);
        Assert.Contains(new TransitionCell("advocate", "advocate", 1), report.Matrix);
        Assert.Equal(4, report.Matrix.Sum(c => c.Customers));
        Assert.Equal([new ClassCount("prospect", 1)], report.Appeared);
        Assert.Equal([new ClassCount("buyer", 1)], report.Disappeared);
        Assert.Equal(["prospect", "buyer", "customer", "supporter", "advocate"], report.Classes);
        var moved = Assert.Single(report.MovedDown!);
        Assert.Equal(new MovedCustomer("C2", "Bolt GmbH", "supporter", "customer", 2500, "customer because of C2"), moved);
        Assert.Equal(1, report.MovedDownCount);
    }

    [Fact]
    public void Churn_status_moves_down_from_active_towards_lost_most_valuable_first()
    {
        var report = SnapshotQuery.Transitions(Workspace, "churn-status", First, Second);
        Assert.Equal(["C2", "C3"], report.MovedDown!.Select(m => m.CustomerId));
        Assert.Equal(2, report.MovedDownCount);
        Assert.Single(SnapshotQuery.Transitions(Workspace, "churn_status", First, Second, movedDownLimit: 1).MovedDown!);
        // Backwards in time the same moves are up.
        Assert.Equal(0, SnapshotQuery.Transitions(Workspace, "churn_status", Second, First).MovedDownCount);
    }

    [Fact]
    public void Transitions_of_an_unranked_dimension_have_no_moved_down_list_and_bad_requests_are_refused()
    {
        var report = SnapshotQuery.Transitions(Workspace, "value_class", First, Second);
        Assert.Null(report.MovedDown);
        Assert.Contains(new TransitionCell(null, "other", 1), report.Matrix);
        Assert.Contains("both 2024-06-30", Assert.Throws<WorkspaceException>(() => SnapshotQuery.Transitions(Workspace, "ladder", First, First)).Message);
        Assert.Contains("no analysis as of 2023-01-01",
            Assert.Throws<WorkspaceException>(() => SnapshotQuery.Transitions(Workspace, "ladder", new DateOnly(2023, 1, 1), Second)).Message);
        Assert.Throws<WorkspaceException>(() => SnapshotQuery.Transitions(Workspace, "mood", First, Second));
    }

    [Theory]
    [InlineData("out.csv", "read_csv('{0}', header = true, all_varchar = true)")]
    [InlineData("out.parquet", "read_parquet('{0}')")]
    public void An_export_has_one_row_per_customer_with_every_column_and_the_actions(string file, string reader)
    {
        var path = Path.Combine(_temp.Folder, file);
        // C5, a buyer, without a churn status (no model, no repeat history): nothing says it is alive, so no ladder action.
        Workspace.Execute($"UPDATE snapshot_customers SET churn_status = NULL WHERE customer_id = 'C5' AND as_of = DATE '{HandMadeSnapshots.Second}'");
        var result = SnapshotQuery.Export(Workspace, path);
        Assert.Equal((path, Second, 5L), (result.Path, result.AsOf, result.Customers));
        Assert.Equal([file], Directory.GetFiles(_temp.Folder, "*" + Path.GetExtension(file)).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(_temp.Folder, "*.partial"));

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        var source = string.Format(System.Globalization.CultureInfo.InvariantCulture, reader, path);
        command.CommandText = $"SELECT count(*) FROM (DESCRIBE SELECT * FROM {source})";
        Assert.Equal((long)result.Columns, Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        command.CommandText = $"SELECT customer_id, ladder, ladder_reason, CAST(value AS VARCHAR), actions FROM {source} ORDER BY customer_id";
        using var rows = command.ExecuteReader();
        var ids = new List<string>();
        while (rows.Read())
        {
            ids.Add(rows.GetString(0));
            if (rows.GetString(0) == "C5") Assert.True(rows.IsDBNull(4) || !rows.GetString(4).Contains("ladder=", StringComparison.Ordinal), rows.IsDBNull(4) ? "" : rows.GetString(4));
            if (rows.GetString(0) == "C6") Assert.Contains("ladder=prospect: ", rows.GetString(4));
            if (rows.GetString(0) == "C3")
            {
                // Lapsed: the ladder's action (for live relationships) gives way to the churn status's win-back.
                Assert.DoesNotContain("ladder=", rows.GetString(4));
                Assert.Contains("churn_status=lapsed: Win back", rows.GetString(4));
            }
            if (rows.GetString(0) != "C2") continue;
            Assert.Equal(("customer", "customer because of C2"), (rows.GetString(1), rows.GetString(2)));
            Assert.StartsWith("2500", rows.GetString(3));
            var actions = rows.GetString(4);
            Assert.Contains("ladder=customer: Call every quarter.", actions);
            Assert.Contains(" | churn_status=at-risk: Reach out now", actions);
            Assert.Contains("influence=leader: ", actions);
        }
        Assert.Equal(["C1", "C2", "C3", "C5", "C6"], ids);
    }

    [Fact]
    public void An_export_of_an_older_analysis_replaces_the_file_and_an_unknown_extension_writes_nothing()
    {
        var path = Path.Combine(_temp.Folder, "out.csv");
        File.WriteAllText(path, "old");
        Assert.Equal(5, SnapshotQuery.Export(Workspace, path, First).Customers);
        Assert.StartsWith("as_of,customer_id,name,kind,frequency", File.ReadAllText(path));
        Assert.Contains("C4", File.ReadAllText(path));
        var e = Assert.Throws<WorkspaceException>(() => SnapshotQuery.Export(Workspace, Path.Combine(_temp.Folder, "out.xlsx")));
        Assert.Contains("'.xlsx' is not a format Clientele writes; name a .csv or a .parquet file", e.Message);
        Assert.Throws<WorkspaceException>(() => SnapshotQuery.Export(Workspace, Path.Combine(_temp.Folder, "missing", "out.csv")));
        Assert.Equal(["out.csv"], Directory.GetFiles(_temp.Folder, "out*").Select(Path.GetFileName));
    }

    public void Dispose() => _temp.Dispose();
}
