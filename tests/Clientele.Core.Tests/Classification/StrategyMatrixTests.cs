using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

public sealed class StrategyMatrixTests
{
    /// <summary>Customers known over a year (first purchase 2024-01-01), with the given revenue of the last year and expected revenue.</summary>
    private static (CustomerColumns Columns, CustomerScores Scores) Customers(double[] revenueLastYear, double[]? expectedRevenue = null)
    {
        var n = revenueLastYear.Length;
        var columns = TestColumns.Create(n);
        for (var i = 0; i < n; i++)
        {
            TestColumns.Buy(columns, i, [new DateOnly(2024, 1, 1), ValueTestColumns.Day]);
            columns.RevenueLastYear[i] = revenueLastYear[i];
            columns.Kind[i] = "person";
            columns.PopulationGroup[i] = "families";
        }
        var scores = TestColumns.Scores(columns);
        if (expectedRevenue is not null) for (var i = 0; i < n; i++) scores.ExpectedRevenue[i] = expectedRevenue[i];
        return (columns, scores);
    }

    [Fact]
    public void Share_of_wallet_times_expected_volume_gives_the_four_strategies()
    {
        var (columns, scores) = Customers([800, 800, 200, 200], [500, 10, 500, 10]);
        for (var i = 0; i < 4; i++) columns.WalletEstimate[i] = 1_000;

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());

        Assert.Equal(["keep", "maintain-or-acquire", "develop", "acquire-or-abandon"], result.Result.Class);
        Assert.Equal("keep: share of wallet 0.80 (revenue last year 800 of wallet 1,000) at or above 0.50; expected revenue 500 in 365 days at or above the median 255", result.Result.Reason[0]);
        Assert.Equal("acquire-or-abandon: share of wallet 0.20 (revenue last year 200 of wallet 1,000) below 0.50; expected revenue 10 in 365 days below the median 255", result.Result.Reason[3]);
        Assert.Equal([0.8, 0.8, 0.2, 0.2], result.ShareOfWallet);
        Assert.All(result.ShareEstimated, Assert.False);
        Assert.Equal(Dimensions.Strategy, result.Result.Dimension);
    }

    [Fact]
    public void A_missing_wallet_is_estimated_from_comparable_customers_of_the_same_segment_and_revenue_band()
    {
        var (columns, scores) = Customers([300, 300, 300, 300, 300, 300, 300], [1, 1, 1, 1, 1, 1, 1]);
        for (var i = 0; i < 6; i++) columns.WalletEstimate[i] = 1_000 + 100 * i;

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());

        Assert.True(result.ShareEstimated[6]);
        Assert.Equal(300 / 1_250.0, result.ShareOfWallet[6], 12);
        Assert.StartsWith("develop: share of wallet 0.24 estimated (revenue last year 300 of an estimated wallet 1,250: median of 6 known wallets of families with revenue last year 200-500) below 0.50", result.Result.Reason[6]);
        Assert.Contains("estimated from comparable customers for 1", result.Result.Notes[0]);
    }

    [Fact]
    public void Without_enough_wallets_in_the_segment_the_estimate_falls_back_to_the_kind_then_to_everyone()
    {
        var (columns, scores) = Customers([300, 300, 300, 300, 300, 300, 300, 300]);
        for (var i = 0; i < 6; i++)
        {
            columns.WalletEstimate[i] = 1_000;
            columns.PopulationGroup[i] = "retirees";
        }
        columns.Kind[7] = null;
        columns.PopulationGroup[7] = null;

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());

        Assert.Contains("median of 6 known wallets of persons with revenue last year 200-500", result.Result.Reason[6]);
        Assert.Contains("median of 6 known wallets of all customers with revenue last year 200-500", result.Result.Reason[7]);
    }

    [Fact]
    public void Without_any_comparable_wallet_the_share_is_unknown_and_counted_as_low()
    {
        var (columns, scores) = Customers([300, 3_000], [100, 100]);
        columns.WalletEstimate[1] = 4_000;

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());

        Assert.True(double.IsNaN(result.ShareOfWallet[0]));
        Assert.False(result.ShareEstimated[0]);
        Assert.Equal("develop", result.Result.Class[0]);
        Assert.StartsWith("develop: share of wallet unknown (no wallet, and fewer than 5 known wallets among comparable customers with revenue last year 200-500): treated as low;", result.Result.Reason[0]);
    }

    [Fact]
    public void Without_a_prediction_the_revenue_of_the_last_year_is_the_volume()
    {
        var (columns, scores) = Customers([100, 900]);
        columns.WalletEstimate[0] = 150;
        columns.WalletEstimate[1] = 1_000;

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());

        Assert.Equal(["maintain-or-acquire", "keep"], result.Result.Class);
        Assert.EndsWith("no predicted revenue, so revenue last year 900 at or above the median 500 of actual customers", result.Result.Reason[1]);
        Assert.Contains("revenue last year, no model", result.Result.Method);
    }

    [Fact]
    public void A_customer_of_less_than_a_year_has_its_revenue_scaled_up_to_a_year()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, [TestColumns.AsOf.AddDays(-179)], amount: 500);
        columns.WalletEstimate[0] = 2_000;
        var scores = TestColumns.Scores(columns);
        scores.ExpectedRevenue[0] = 1_000;

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());

        Assert.Equal(500 * 365 / 180.0 / 2_000, result.ShareOfWallet[0], 12);
        Assert.StartsWith("keep: share of wallet 0.51 (revenue last year 500 in 180 days since the first purchase, 1,014 a year of wallet 2,000)", result.Result.Reason[0]);
    }

    [Fact]
    public void A_customer_of_a_few_days_is_scaled_as_if_of_ninety()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, [TestColumns.AsOf], amount: 90);
        columns.WalletEstimate[0] = 1_000;

        var result = StrategyMatrix.Classify(columns, TestColumns.Scores(columns), new StrategyMatrixOptions());

        Assert.Equal(0.365, result.ShareOfWallet[0], 12);
        Assert.Contains("90 in 1 day since the first purchase, 365 a year", result.Result.Reason[0]);
    }

    [Fact]
    public void Parties_who_have_not_bought_get_no_strategy_but_a_known_wallet_gives_them_a_share_of_zero()
    {
        var (columns, scores) = Customers([300, 300]);
        ValueTestColumns.Unbuy(columns, scores, 1);
        columns.WalletEstimate[1] = 800;

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());

        Assert.Null(result.Result.Class[1]);
        Assert.Equal("no completed order: the strategy matrix is for actual customers", result.Result.Reason[1]);
        Assert.Equal(0, result.ShareOfWallet[1]);
    }

    [Fact]
    public void Zero_expected_revenue_is_never_large()
    {
        var (columns, scores) = Customers([300, 300], [0, 0]);
        columns.WalletEstimate[0] = 400;
        columns.WalletEstimate[1] = 4_000;

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());

        Assert.Equal(["maintain-or-acquire", "acquire-or-abandon"], result.Result.Class);
    }

    [Fact]
    public void No_customers_give_empty_columns()
    {
        var columns = TestColumns.Create(0);

        var result = StrategyMatrix.Classify(columns, TestColumns.Scores(columns), new StrategyMatrixOptions());

        Assert.Empty(result.Result.Class);
        Assert.Empty(result.ShareOfWallet);
        Assert.Contains("no actual customers: nobody is in the strategy matrix", result.Result.Notes);
    }

    [Fact]
    public void A_quantile_outside_zero_to_one_is_refused()
    {
        var columns = TestColumns.Create(0);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            StrategyMatrix.Classify(columns, TestColumns.Scores(columns), new StrategyMatrixOptions { LargeVolumeQuantile = 2 }));

        Assert.Equal("LargeVolumeQuantile", e.ParamName);
    }
}
