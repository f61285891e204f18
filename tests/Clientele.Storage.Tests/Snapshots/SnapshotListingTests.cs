using System.Globalization;
using Clientele.Classification;
using Clientele.Storage.Snapshots;
using Clientele.Storage.Tests.Analysis;

namespace Clientele.Storage.Tests.Snapshots;

public sealed class SnapshotListingTests(SnapshotListingTests.ListedCompany company) : IClassFixture<SnapshotListingTests.ListedCompany>
{
    /// <summary>
    /// The demo company (5,000 parties) analyzed, then roughened where a listing's order is delicate: NaN, infinite and
    /// missing figures, many equal revenues, names missing or with characters UTF-16 and UTF-8 order differently,
    /// buying centers in other cases, a ladder class outside the closed set.
    /// </summary>
    public sealed class ListedCompany : IDisposable
    {
        private readonly SimulatedCompany _company = new();

        public ListedCompany()
        {
            foreach (var sql in (string[])[
                "UPDATE snapshot_customers SET p_alive = 'NaN'::DOUBLE WHERE hash(customer_id) % 17 = 0",
                "UPDATE snapshot_customers SET clv = NULL WHERE hash(customer_id) % 13 = 0",
                "UPDATE snapshot_customers SET value = 'inf'::DOUBLE WHERE hash(customer_id) % 101 = 0",
                "UPDATE snapshot_customers SET value = '-inf'::DOUBLE WHERE hash(customer_id) % 103 = 0",
                "UPDATE snapshot_customers SET revenue = round(revenue, -3)",
                "UPDATE snapshot_customers SET name = NULL WHERE hash(customer_id) % 29 = 0",
                "UPDATE snapshot_customers SET name = 'Zeta 😀' WHERE hash(customer_id) % 31 = 0",
                "UPDATE snapshot_customers SET name = 'Zeta ｚ' WHERE hash(customer_id) % 37 = 0",
                "UPDATE snapshot_customers SET buying_center = upper(buying_center) WHERE hash(customer_id) % 7 = 0",
                "UPDATE snapshot_customers SET ladder = 'retired' WHERE hash(customer_id) % 211 = 0",
            ])
                HandMadeSnapshots.Execute(Workspace.Connection, sql);
            Snapshot = SnapshotQuery.List(Workspace)[^1];
            Listing = SnapshotListing.Load(Workspace, Snapshot);
        }

        public Workspace Workspace => _company.Temp.Workspace!;

        public SnapshotInfo Snapshot { get; }

        public SnapshotListing Listing { get; }

        public void Dispose() => _company.Dispose();
    }

    private Workspace Workspace => company.Workspace;

    [Fact]
    public void The_index_holds_every_customer_of_the_snapshot()
    {
        Assert.Equal(company.Snapshot.Customers, company.Listing.Count);
        Assert.Equal(company.Snapshot, company.Listing.Snapshot);
    }

    [Fact]
    public void Without_filters_the_index_lists_what_the_query_lists()
    {
        Same(filters: [], sort: null, top: 50, offset: 0, search: null);
        Same(filters: [], sort: null, top: null, offset: 0, search: null);
    }

    [Fact]
    public void Every_sort_column_both_ways_gives_the_query_s_order()
    {
        foreach (var column in SnapshotQuery.SortColumns)
            foreach (var descending in (bool[])[false, true])
            {
                Same([], new CustomerSort(column, descending), 30, 0, null);
                Same([], new CustomerSort(column, descending), 20, 4_990, null);
            }
    }

    [Fact]
    public void Seeded_random_filters_sorts_pages_and_searches_give_the_query_s_rows_order_and_count()
    {
        var random = new Random(20261123);
        var choices = Choices();
        var sortColumns = SnapshotQuery.SortColumns.Concat(["VALUE", "Churn-Status", " clv "]).ToArray();
        var ids = SnapshotQuery.Customers(Workspace, top: 200).Rows;
        var filled = 0;
        for (var n = 0; n < 400; n++)
        {
            var filters = Enumerable.Range(0, random.Next(4)).Select(_ =>
            {
                var (dimension, classes) = choices[random.Next(choices.Count)];
                var picked = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => classes[random.Next(classes.Count)]).Distinct().ToList();
                return new ClassFilter(random.Next(4) == 0 ? dimension.ToUpperInvariant().Replace('_', '-') : dimension, picked, Excludes: random.Next(4) == 0);
            }).ToList();
            var sort = random.Next(6) == 0 ? null : new CustomerSort(sortColumns[random.Next(sortColumns.Length)], random.Next(2) == 0);
            int? top = random.Next(8) switch { 0 => null, 1 => 0, 2 => 1, _ => 1 + random.Next(120) };
            var offset = random.Next(6) switch { 0 or 1 or 2 => 0, 3 => random.Next(300), 4 => 2_000 + random.Next(1_000), _ => 4_000 + random.Next(3_000) };
            var search = random.Next(4) switch
            {
                0 => Fragment(random, ids[random.Next(ids.Count)].CustomerId),
                1 => Fragment(random, ids[random.Next(ids.Count)].Name ?? "ab"),
                2 => random.Next(2) == 0 ? " " : null,
                _ => null,
            };
            if (Same(filters, sort, top, offset, search) > 1) filled++;
        }
        // The cases are not mostly empty pages.
        Assert.InRange(filled, 120, 400);
    }

    [Fact]
    public void Filters_on_open_dimensions_match_as_the_query_does()
    {
        foreach (var segment in SnapshotQuery.Classes(Workspace, Dimensions.Segment))
        {
            Same([new ClassFilter("segment", [segment])], null, 10, 0, null);
            Same([new ClassFilter("segment", [segment.Split('/')[0]])], null, 10, 0, null);
        }
        foreach (var center in SnapshotQuery.Classes(Workspace, Dimensions.BuyingCenter))
            Same([new ClassFilter("buying_center", [center.ToUpperInvariant()])], null, 10, 0, null);
        foreach (var role in (string[])["positive-spreader", "negative-spreader", "leader", "caller", "referrer", "contributor", "none", "LEADER", "lead"])
        {
            Same([new ClassFilter("influence", [role])], new CustomerSort("influence", true), 10, 0, null);
            Same([new ClassFilter("influence", [role], Excludes: true)], new CustomerSort("influence", true), 10, 0, null);
        }
    }

    [Fact]
    public void A_filter_that_excludes_classes_keeps_the_others_and_the_customers_without_a_class()
    {
        var all = SnapshotQuery.Customers(Workspace, top: 0).Matching;
        var prospects = SnapshotQuery.Customers(Workspace, filters: [new ClassFilter("churn_status", ["active", "at-risk", "lapsed", "lost"])], top: 0).Matching;
        var ended = SnapshotQuery.Customers(Workspace, filters: [new ClassFilter("churn_status", ["lapsed", "lost"])], top: 0).Matching;
        var notEnded = SnapshotQuery.Customers(Workspace, filters: [ClassFilter.Parse("churn_status!=lapsed,lost")], top: 0).Matching;
        Assert.True(ended > 0 && prospects < all, $"the demo has lapsed or lost customers ({ended}) and customers without a churn status ({all - prospects})");
        Assert.Equal(all - ended, notEnded);
        Same([ClassFilter.Parse("churn_status!=lapsed,lost"), ClassFilter.Parse("ladder=customer")], null, 50, 0, null);
        Same([ClassFilter.Parse("segment!=organizations")], new CustomerSort("segment", false), 50, 0, null);
    }

    [Theory]
    [InlineData("colour=red", null)]
    [InlineData("ladder=champion", null)]
    [InlineData("segment= ", null)]
    [InlineData(null, "shoe_size")]
    [InlineData("ladder=advocate", "nonsense desc")]
    public void An_unknown_dimension_class_or_sort_column_is_refused_with_the_query_s_message(string? where, string? sort)
    {
        ClassFilter[] filters = where is null ? [] : [new ClassFilter(where.Split('=')[0], [where.Split('=')[1]])];
        var order = sort is null ? null : CustomerSort.Parse(sort);
        var expected = Assert.Throws<WorkspaceException>(() => SnapshotQuery.Customers(Workspace, filters: filters, sort: order, top: 5));
        var actual = Assert.Throws<WorkspaceException>(() => company.Listing.Customers(Workspace, filters, order, 5));
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void A_figure_that_is_not_a_key_figure_is_read_when_sorted_by_and_given_with_the_rows()
    {
        var listing = company.Listing.Customers(Workspace, sort: new CustomerSort("share_estimated", true), top: 5);
        Assert.Equal([.. SnapshotQuery.KeyFigures, "share_estimated"], listing.FigureNames);
        Same([], new CustomerSort("cross_sell", false), 40, 10, null);
    }

    [Fact]
    public void A_listing_caught_up_after_live_updates_lists_what_a_listing_built_anew_lists()
    {
        using var own = new SimulatedCompany();
        var workspace = own.Temp.Workspace!;
        var listing = SnapshotListing.Load(workspace, SnapshotQuery.List(workspace)[^1]);
        // Every order and figure computed and a few counts kept before the updates, so each is mended, not made anew.
        foreach (var column in SnapshotQuery.SortColumns) listing.Customers(workspace, sort: new CustomerSort(column, false), top: 3);
        listing.Customers(workspace, [new ClassFilter("churn_status", ["active"])], top: 3);
        var random = new Random(20261205);
        var ids = SnapshotQuery.Customers(workspace).Rows.Select(r => r.CustomerId).ToList();
        var at = new DateTime(2026, 1, 2, 8, 0, 0, DateTimeKind.Utc);
        for (var update = 0; update < 3; update++)
        {
            // Orders of lost and other customers (classes and figures move), a complaint, and a customer new since the analysis.
            var lost = SnapshotQuery.Customers(workspace, filters: [new ClassFilter("churn_status", ["lost"])], top: 200).Rows.Select(r => r.CustomerId).ToList();
            var named = Enumerable.Range(0, 15).Select(_ => lost[random.Next(lost.Count)]).Concat(Enumerable.Range(0, 15).Select(_ => ids[random.Next(ids.Count)]))
                .Append($"NEW-LISTED-{update}").Distinct().ToList();
            var orders = string.Join("\n", named.Select(id => $"{id},2026-01-0{2 + update},{random.Next(20, 3_000)},{random.Next(5, 300)}"));
            var path = own.Temp.File($"orders-{update}.csv", $"customer_id,ordered_at,amount,margin\n{orders}\n");
            var import = new Clientele.Storage.Import.Importer(workspace).Import("orders", path, new Clientele.Storage.Import.ImportOptions(), cancellationToken: TestContext.Current.CancellationToken).ImportId!.Value;
            var result = Clientele.Storage.Live.LiveUpdate.Refresh(workspace, named, import, at);
            Assert.NotEmpty(result.Changes);
            // The first two updates are caught up at once; the clock stands still, the stamps still grow.
            if (update == 1) continue;
            listing.CatchUp(workspace, SnapshotQuery.List(workspace)[^1]);
        }

        var snapshot = SnapshotQuery.List(workspace)[^1];
        Assert.Equal(snapshot, listing.Snapshot);
        Assert.Equal(snapshot.Customers, listing.Count);
        var fresh = SnapshotListing.Load(workspace, snapshot);
        foreach (var column in SnapshotQuery.SortColumns)
            foreach (var descending in (bool[])[false, true])
            {
                var sort = new CustomerSort(column, descending);
                var expected = Lines(SnapshotQuery.Customers(workspace, snapshot.AsOf, [], sort, null, 0, null));
                Assert.Equal(expected, Lines(fresh.Customers(workspace, [], sort)));
                Assert.Equal(expected, Lines(listing.Customers(workspace, [], sort)));
            }
        var choices = ChoicesOf(workspace);
        for (var n = 0; n < 150; n++)
        {
            var filters = Enumerable.Range(0, random.Next(3)).Select(_ =>
            {
                var (dimension, classes) = choices[random.Next(choices.Count)];
                return new ClassFilter(dimension, [classes[random.Next(classes.Count)]]);
            }).ToList();
            var sort = new CustomerSort(SnapshotQuery.SortColumns[random.Next(SnapshotQuery.SortColumns.Count)], random.Next(2) == 0);
            var search = random.Next(5) == 0 ? "new-listed" : null;
            var offset = random.Next(3) * 40;
            var expected = SnapshotQuery.Customers(workspace, snapshot.AsOf, filters, sort, 40, offset, search);
            var actual = listing.Customers(workspace, filters, sort, 40, offset, search);
            Assert.Equal(expected.Matching, actual.Matching);
            Assert.Equal(Lines(expected), Lines(actual));
        }
    }

    private static string Fragment(Random random, string text)
    {
        var start = random.Next(Math.Max(1, text.Length - 2));
        var fragment = text.Substring(start, Math.Min(text.Length - start, 1 + random.Next(3)));
        return random.Next(2) == 0 ? fragment.ToUpperInvariant() : " " + fragment + " ";
    }

    /// <summary>Per dimension, classes to filter by: those present, other spellings, prefixes of segment paths, single influence roles, and one absent.</summary>
    private List<(string Dimension, List<string> Classes)> Choices() => ChoicesOf(Workspace);

    private static List<(string Dimension, List<string> Classes)> ChoicesOf(Workspace workspace)
    {
        var choices = new List<(string, List<string>)>();
        foreach (var dimension in Dimensions.All)
        {
            var present = SnapshotQuery.Classes(workspace, dimension).ToList();
            var classes = DimensionClasses.Closed.TryGetValue(dimension, out var closed) ? [.. closed, .. closed.Select(c => c.ToUpperInvariant())] : present;
            if (dimension == Dimensions.Segment) classes = [.. classes, .. present.Select(p => p.Split('/')[0]).Distinct(), "Nowhere"];
            if (dimension == Dimensions.Influence) classes = [.. classes, "leader", "referrer", "caller", "none", "Leader"];
            if (dimension == Dimensions.BuyingCenter) classes = [.. classes, .. present.Select(p => p.ToUpperInvariant())];
            if (classes.Count > 0) choices.Add((dimension, classes));
        }
        return choices;
    }

    /// <summary>Asserts the index gives what the query gives; returns how many rows.</summary>
    private int Same(IReadOnlyList<ClassFilter> filters, CustomerSort? sort, int? top, int offset, string? search)
    {
        var expected = SnapshotQuery.Customers(Workspace, company.Snapshot.AsOf, filters, sort, top, offset, search);
        var actual = company.Listing.Customers(Workspace, filters, sort, top, offset, search);
        var asked = $"where {string.Join(" & ", filters)}, sort {sort}, top {top}, offset {offset}, search '{search}'";
        Assert.True(expected.Matching == actual.Matching, $"{asked}: {actual.Matching} match, the query says {expected.Matching}");
        Assert.Equal(expected.AsOf, actual.AsOf);
        Assert.Equal(expected.FigureNames, actual.FigureNames);
        Assert.Equal(Lines(expected), Lines(actual));
        return actual.Rows.Count;
    }

    private static List<string> Lines(CustomerListing listing) => [.. listing.Rows.Select(r => string.Join(" | ",
        [r.CustomerId, r.Name ?? "∅", r.Kind ?? "∅", .. r.Figures.Select(Text), .. r.Classes.Select(c => c ?? "∅")]))];

    private static string Text(object? value) => value switch
    {
        null => "∅",
        IFormattable f => $"{f.GetType().Name}:{f.ToString(null, CultureInfo.InvariantCulture)}",
        var other => $"{other.GetType().Name}:{other}",
    };
}
