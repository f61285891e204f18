using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

public sealed class ValueTierTests
{
    [Fact]
    public void Twenty_customers_valued_1_to_20_split_1_3_6_10_by_the_default_quantiles()
    {
        var (columns, scores) = ValueTestColumns.Buyers(20, i => i + 1);

        var result = Classify(columns, scores, new ValueTierOptions());

        Assert.Equal("VIP", result.Class[19]);
        Assert.All(result.Class[16..19], c => Assert.Equal("large", c));
        Assert.All(result.Class[10..16], c => Assert.Equal("medium", c));
        Assert.All(result.Class[..10], c => Assert.Equal("small", c));
        // Type-7 quantiles of 1..20: 1 + 0.95 × 19 = 19.05, 1 + 0.8 × 19 = 16.2, 1 + 0.5 × 19 = 10.5; cuts under 100 print two decimals, and so does the value beside them.
        Assert.Equal("VIP: value 20.00 in net margin (past 20.00, no prediction) above the VIP cut (top 5%) 19.05", result.Reason[19]);
        Assert.Equal("large: value 17.00 in net margin (past 17.00, no prediction) above the large cut (top 20%) 16.20, not above the VIP cut (top 5%) 19.05", result.Reason[16]);
        Assert.Equal("small: value 10.00 in net margin (past 10.00, no prediction) not above the medium cut (top 50%) 10.50", result.Reason[9]);
        Assert.Equal(Dimensions.ValueTier, result.Dimension);
    }

    [Fact]
    public void The_reason_shows_past_and_predicted_future_value()
    {
        var (columns, scores) = ValueTestColumns.Buyers(20, i => i * 100);
        scores.PastNetValue[19] = 8_100;
        scores.FutureNetValue[19] = 4_300;

        var result = Classify(columns, scores, new ValueTierOptions());

        Assert.Equal("VIP", result.Class[19]);
        // VIP cut: values 0, 100, ..., 1,800 and 12,400; the 0.95-quantile is 1,800 + 0.05 × (12,400 − 1,800) = 2,330.
        Assert.Equal("VIP: value 12,400 in net margin (past 8,100 + future 4,300) above the VIP cut (top 5%) 2,330", result.Reason[19]);
    }

    [Fact]
    public void Revenue_is_named_when_the_data_has_no_margins()
    {
        var (columns, scores) = ValueTestColumns.Buyers(3, i => i);
        scores.UsesMargin = false;

        var result = Classify(columns, scores, new ValueTierOptions());

        Assert.Contains("in revenue (no margins in the data)", result.Reason[0]);
        Assert.Contains("revenue", result.Method);
    }

    [Fact]
    public void Parties_who_have_not_bought_get_no_tier()
    {
        var (columns, scores) = ValueTestColumns.Buyers(4, i => i * 10);
        ValueTestColumns.Unbuy(columns, scores, 3);

        var result = Classify(columns, scores, new ValueTierOptions());

        Assert.Null(result.Class[3]);
        Assert.Equal("n/a: no completed order: value tiers are for actual customers", result.Reason[3]);
        Assert.Contains("among 3 actual customers", result.Method);
    }

    [Fact]
    public void Fixed_money_cuts_replace_the_quantiles()
    {
        var (columns, scores) = ValueTestColumns.Buyers(4, i => new[] { 50, 500, 5_000, 50_000 }[i]);
        var options = new ValueTierOptions { VipFrom = 10_000, LargeFrom = 5_000, MediumFrom = 100 };

        var result = Classify(columns, scores, options);

        Assert.Equal(["small", "medium", "large", "VIP"], result.Class);
        Assert.Equal("large: value 5,000 in net margin (past 5,000, no prediction) at or above the large cut (fixed) 5,000, below the VIP cut (fixed) 10,000", result.Reason[2]);
        Assert.StartsWith("fixed money cuts", result.Method);
    }

    [Fact]
    public void Partial_fixed_cuts_are_refused_naming_the_missing_one()
    {
        var (columns, scores) = ValueTestColumns.Buyers(2, i => i);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Classify(columns, scores, new ValueTierOptions { VipFrom = 1_000 }));

        Assert.Equal("LargeFrom", e.ParamName);
    }

    [Fact]
    public void Shares_adding_up_to_more_than_one_are_refused()
    {
        var (columns, scores) = ValueTestColumns.Buyers(2, i => i);

        Assert.Throws<ArgumentOutOfRangeException>(() => Classify(columns, scores, new ValueTierOptions { MediumShare = 0.9 }));
    }

    [Fact]
    public void Equal_values_and_a_single_customer_are_small_since_nobody_is_above_the_cut()
    {
        var (columns, scores) = ValueTestColumns.Buyers(5, _ => 300);
        var (one, oneScores) = ValueTestColumns.Buyers(1, _ => 300);

        Assert.All(Classify(columns, scores, new ValueTierOptions()).Class, c => Assert.Equal("small", c));
        Assert.Equal("small", Classify(one, oneScores, new ValueTierOptions()).Class[0]);
    }

    [Fact]
    public void A_customer_with_negative_net_value_is_small_and_the_reason_shows_the_loss()
    {
        var (columns, scores) = ValueTestColumns.Buyers(10, i => i * 100);
        scores.PastNetValue[0] = -1_250;

        var result = Classify(columns, scores, new ValueTierOptions());

        Assert.Equal("small", result.Class[0]);
        Assert.StartsWith("small: value -1,250 in net margin (past -1,250, no prediction)", result.Reason[0]);
    }

    [Fact]
    public void All_orders_on_one_day_still_give_a_tier()
    {
        var columns = TestColumns.Create(2);
        TestColumns.Buy(columns, 0, [ValueTestColumns.Day, ValueTestColumns.Day, ValueTestColumns.Day], amount: 400);
        TestColumns.Buy(columns, 1, [ValueTestColumns.Day]);
        var scores = TestColumns.Scores(columns);

        var result = Classify(columns, scores, new ValueTierOptions());

        Assert.Equal("VIP", result.Class[0]);
        Assert.Contains("value 360", result.Reason[0]);
    }

    [Fact]
    public void No_customers_give_empty_columns()
    {
        var columns = TestColumns.Create(0);

        var result = Classify(columns, TestColumns.Scores(columns), new ValueTierOptions());

        Assert.Empty(result.Class);
        Assert.Contains("no actual customers: nobody has a value tier", result.Notes);
    }

    [Fact]
    public void Options_round_trip_through_the_options_file()
    {
        var options = new ClassificationOptions { ValueTier = new ValueTierOptions { VipShare = 0.1, VipFrom = 1, LargeFrom = 1, MediumFrom = 1 } };

        var back = ClassificationOptions.FromJson(options.ToJson(), "test");

        Assert.Equal(options.ValueTier, back.ValueTier);
        Assert.DoesNotContain("usesFixedCuts", options.ToJson());
    }

    /// <summary>The tiers, and each customer's reason as a reader renders it from the figures (<see cref="ValueTier.Reason"/>).</summary>
    private static Tiers Classify(CustomerColumns columns, CustomerScores scores, ValueTierOptions options)
    {
        var context = ValueTier.Learn(columns, scores, options);
        var result = ValueTier.Apply(context, columns, scores, options);
        var reasons = new string?[columns.Count];
        for (var i = 0; i < reasons.Length; i++) reasons[i] = ValueTier.Reason(result.Class[i], ReasonRow.Of(columns, scores, i), context, scores.UsesMargin);
        return new Tiers(result, reasons);
    }

    private sealed record Tiers(DimensionResult Result, string?[] Reason)
    {
        public string?[] Class => Result.Class;

        public string Dimension => Result.Dimension;

        public string Method => Result.Method;

        public IReadOnlyList<string> Notes => Result.Notes;
    }
}
