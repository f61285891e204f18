using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

public sealed class SupplyChainPositionTests
{
    private static readonly DateOnly Day = new(2025, 3, 1);

    private static CustomerColumns Columns(int count, params (int Seller, int Buyer)[] links)
    {
        var columns = TestColumns.Create(count);
        for (var i = 0; i < count; i++) columns.Kind[i] = "organization";
        columns.SupplySeller = [.. links.Select(l => l.Seller)];
        columns.SupplyBuyer = [.. links.Select(l => l.Buyer)];
        return columns;
    }

    /// <summary>The positions, and each party's reason as a reader renders it from the stored figures (<see cref="SupplyChainPosition.Reason"/>).</summary>
    private static Positions Classify(CustomerColumns columns, SupplyChainPositionOptions? options = null)
    {
        options ??= new SupplyChainPositionOptions();
        var result = SupplyChainPosition.Classify(columns, options);
        var reasons = new string?[columns.Count];
        for (var i = 0; i < reasons.Length; i++)
        {
            // The figures in SupplyChainPosition.Declaration's order.
            var row = new ReasonRow
            {
                Figures =
                [
                    result.Depth[i] >= 0 ? result.Depth[i] : double.NaN, columns.Summary.Orders[i], result.Cancelled[i], result.Returned[i],
                    result.Sellers[i], result.SellsOn[i], result.Route[i], result.CutOff[i], result.Party[i], double.NaN,
                ],
                Texts = [null, null, null, null, null, null, null, null, null, result.Seller[i]],
            };
            reasons[i] = SupplyChainPosition.Reason(row, options);
        }
        return new Positions(result.Result, result.Depth, reasons);
    }

    private sealed record Positions(DimensionResult Result, int[] Depth, string?[] Reason);

    [Fact]
    public void A_distributor_its_retailer_and_the_retailers_consumer_are_direct_indirect_and_ultimate()
    {
        var columns = Columns(3, (0, 1), (1, 2));
        TestColumns.Buy(columns, 0, TestColumns.Every(Day, 7, 12));
        columns.Domain[0] = "grocery";
        columns.Kind[2] = "person";

        var result = Classify(columns);

        Assert.Equal([SupplyChainPosition.Direct, SupplyChainPosition.Indirect, SupplyChainPosition.Ultimate], result.Result.Class);
        Assert.Equal([0, 1, 2], result.Depth);
        Assert.Equal("direct: 12 completed orders with us; sells on to 1 party", result.Reason[0]);
        Assert.Equal("indirect: buys from C1 (direct, grocery) at depth 1; sells on to 1 party", result.Reason[1]);
        Assert.Equal("ultimate: buys from C2 (indirect, organization) at depth 2; a person who sells on to nobody: an end consumer", result.Reason[2]);
        Assert.Equal(Dimensions.SupplyChain, result.Result.Dimension);
    }

    [Fact]
    public void An_organization_at_the_bottom_of_the_chain_is_indirect_by_default_and_ultimate_when_the_option_says_so()
    {
        var columns = Columns(2, (0, 1));
        TestColumns.Buy(columns, 0, [Day]);

        var byDefault = Classify(columns);
        var asUltimate = Classify(columns, new SupplyChainPositionOptions { LeafOrganizations = "Ultimate" });

        Assert.Equal(SupplyChainPosition.Indirect, byDefault.Result.Class[1]);
        Assert.Contains("sells on to nobody in our data, but an organization at the bottom of a chain buys for resale or its own use", byDefault.Reason[1]);
        Assert.Equal(SupplyChainPosition.Ultimate, asUltimate.Result.Class[1]);
        Assert.Contains("leafOrganizations = ultimate", asUltimate.Reason[1]);
    }

    [Fact]
    public void A_party_of_unknown_kind_at_the_bottom_is_taken_as_an_end_consumer()
    {
        var columns = Columns(2, (0, 1));
        columns.Kind[1] = null;
        TestColumns.Buy(columns, 0, [Day]);

        var result = Classify(columns);

        Assert.Equal(SupplyChainPosition.Ultimate, result.Result.Class[1]);
        Assert.Contains("its kind is unknown", result.Reason[1]);
    }

    [Fact]
    public void A_party_with_orders_stays_direct_when_it_also_buys_through_the_chain_and_the_reason_says_both()
    {
        var columns = Columns(3, (0, 1), (2, 1));
        TestColumns.Buy(columns, 0, [Day]);
        TestColumns.Buy(columns, 1, [Day, Day, Day]);

        var result = Classify(columns);

        Assert.Equal(SupplyChainPosition.Direct, result.Result.Class[1]);
        Assert.Equal(0, result.Depth[1]);
        Assert.Equal("direct: 3 completed orders with us; also buys through the supply chain from C1 (direct, organization) and 1 other supplier", result.Reason[1]);
        Assert.Contains(result.Result.Notes, n => n.StartsWith("1 direct customers also buy", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Result.Notes, n => n.StartsWith("the data has no supply links", StringComparison.Ordinal));
    }

    [Fact]
    public void Cycles_self_links_duplicates_and_unknown_indices_are_survived_and_reported()
    {
        var columns = Columns(4, (0, 1), (1, 2), (2, 1), (2, 2), (0, 1), (0, 1), (3, 9), (-1, 3));
        TestColumns.Buy(columns, 0, [Day]);
        columns.Kind[2] = "person";

        var result = Classify(columns);

        Assert.Equal([0, 1, 2, -1], result.Depth);
        Assert.Equal([SupplyChainPosition.Direct, SupplyChainPosition.Indirect, SupplyChainPosition.Indirect, null], result.Result.Class);
        Assert.Equal("indirect: buys from C1 (direct, organization) and 1 other supplier at depth 1; sells on to 1 party", result.Reason[1]);
        Assert.Contains("2 supply links name no known customer and were ignored.", result.Result.Notes);
        Assert.Contains("1 supply links from a party to itself were ignored.", result.Result.Notes);
        Assert.Contains("2 repeated supply links were counted once.", result.Result.Notes);
        Assert.Contains(result.Result.Notes, n => n.StartsWith("1 supply links lead back up", StringComparison.Ordinal));
    }

    [Fact]
    public void A_chain_cut_off_from_us_is_classified_by_the_same_rules_with_depth_from_its_top()
    {
        var columns = Columns(4, (1, 2), (2, 3));
        TestColumns.Buy(columns, 0, [Day]);
        columns.Kind[3] = "person";

        var result = Classify(columns);

        Assert.Equal([0, 1, 2, 3], result.Depth);
        Assert.Equal([SupplyChainPosition.Direct, SupplyChainPosition.Indirect, SupplyChainPosition.Indirect, SupplyChainPosition.Ultimate], result.Result.Class);
        Assert.Equal("indirect: buys from nobody in our data and has no orders with us: the top of its chain, at depth 1; sells on to 1 party; a chain cut off from us (nobody up it has orders with us)", result.Reason[1]);
        Assert.EndsWith("its chain is cut off from us (nobody up it has orders with us), so depth counts from the chain's top at depth 1", result.Reason[3]);
        Assert.Contains(result.Result.Notes, n => n.StartsWith("3 parties sit in supply chains cut off from our direct customers (1 chain tops)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cycle_with_no_top_and_no_orders_starts_at_its_lowest_numbered_party()
    {
        var columns = Columns(3, (2, 1), (1, 2));

        var result = Classify(columns);

        Assert.Equal([-1, 1, 2], result.Depth);
        Assert.Equal([null, SupplyChainPosition.Indirect, SupplyChainPosition.Indirect], result.Result.Class);
        Assert.StartsWith("indirect: buys from C3 (indirect, organization) in a supply cycle, taken as its top at depth 1", result.Reason[1]);
        Assert.Contains(result.Result.Notes, n => n.Contains("1 cycles with no top", StringComparison.Ordinal));
    }

    [Fact]
    public void A_party_with_no_orders_and_no_links_is_not_in_the_chain()
    {
        var columns = Columns(1);

        var result = Classify(columns);

        Assert.Null(result.Result.Class[0]);
        Assert.Equal(-1, result.Depth[0]);
        Assert.Equal("not in the supply chain: no completed orders with us and no supply links", result.Reason[0]);
        // Without supply links nobody can be found below the direct customers, and the analysis says so.
        Assert.Equal(["the data has no supply links: every party with completed orders is direct, and nobody can be found indirect or ultimate (import supply_links to trace who buys our goods from our customers)"],
            result.Result.Notes);
    }

    [Fact]
    public void A_customer_with_one_order_or_all_orders_on_one_day_or_a_negative_margin_is_direct()
    {
        var columns = Columns(3);
        TestColumns.Buy(columns, 0, [Day]);
        TestColumns.Buy(columns, 1, [Day, Day, Day, Day]);
        TestColumns.Buy(columns, 2, [Day], marginRate: -0.2);

        var result = Classify(columns);

        Assert.All(result.Result.Class, c => Assert.Equal(SupplyChainPosition.Direct, c));
        Assert.Equal("direct: 1 completed order with us", result.Reason[0]);
        Assert.Equal("direct: 4 completed orders with us", result.Reason[1]);
    }

    [Fact]
    public void A_party_whose_orders_were_all_cancelled_or_returned_is_direct_only_when_the_option_says_so()
    {
        var columns = Columns(2, (0, 1));
        columns.CancelledOrders[0] = 1;
        columns.Summary.Returns[0] = 2;
        columns.Kind[1] = "person";

        var byDefault = Classify(columns);
        var included = Classify(columns, new SupplyChainPositionOptions { DirectIncludesCancelledOrReturned = true });

        Assert.Equal(SupplyChainPosition.Indirect, byDefault.Result.Class[0]);
        Assert.Equal(1, byDefault.Depth[0]);
        Assert.Equal(SupplyChainPosition.Direct, included.Result.Class[0]);
        Assert.Equal("direct: no completed order, but 1 cancelled and 2 returned orders with us (directIncludesCancelledOrReturned); sells on to 1 party", included.Reason[0]);
        Assert.Equal(1, included.Depth[1]);
    }

    [Fact]
    public void No_customers_give_an_empty_result()
    {
        var result = Classify(Columns(0));

        Assert.Empty(result.Result.Class);
        Assert.Empty(result.Depth);
    }

    [Fact]
    public void An_unknown_leaf_organizations_option_is_refused()
    {
        var columns = Columns(1);

        var error = Assert.Throws<ArgumentException>(() => Classify(columns, new SupplyChainPositionOptions { LeafOrganizations = "retailer" }));

        Assert.Contains("retailer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Depth_is_the_shortest_route_from_any_direct_customer()
    {
        // 0 → 2 → 3 → 4 and 1 → 4: party 4 is one link from direct customer 1.
        var columns = Columns(5, (0, 2), (2, 3), (3, 4), (1, 4));
        TestColumns.Buy(columns, 0, [Day]);
        TestColumns.Buy(columns, 1, [Day]);

        var result = Classify(columns);

        Assert.Equal([0, 0, 1, 2, 1], result.Depth);
    }
}
