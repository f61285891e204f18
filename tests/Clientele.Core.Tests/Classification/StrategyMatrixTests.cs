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
        if (expectedRevenue is not null)
        {
            // A model's predictions; without them the scores are the rules', which predict no volume for one-time buyers.
            scores.ModelBased = true;
            for (var i = 0; i < n; i++) scores.ExpectedRevenue[i] = expectedRevenue[i];
        }
        return (columns, scores);
    }

    [Fact]
    public void Share_of_wallet_times_expected_volume_gives_the_four_strategies()
    {
        var (columns, scores) = Customers([800, 800, 200, 200], [500, 10, 500, 10]);
        for (var i = 0; i < 4; i++) columns.WalletEstimate[i] = 1_000;

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());

        Assert.Equal(["keep", "maintain-or-acquire", "develop", "acquire-or-abandon"], result.Result.Class);
        // The median of 10, 10, 500, 500 is 255; 10 against 255 prints with two decimals, as amounts under 100 do.
        Assert.Equal("keep: share of wallet 0.80 at or above 0.50 (yearly revenue 800 of a wallet of 1,000); expected revenue over the next 365 days 500 at or above the median 255 of live customers", Reason(result, columns, scores, 0));
        Assert.Equal("acquire-or-abandon: share of wallet 0.20 below 0.50 (yearly revenue 200 of a wallet of 1,000); expected revenue over the next 365 days 10.00 below the median 255.00 of live customers", Reason(result, columns, scores, 3));
        Assert.Equal([0.8, 0.8, 0.2, 0.2], result.ShareOfWallet);
        Assert.All(result.ShareEstimated, Assert.False);
        Assert.Equal(Dimensions.Strategy, result.Result.Dimension);
    }

    [Fact]
    public void A_missing_wallet_is_the_median_known_wallet_of_comparable_customers_of_the_same_segment()
    {
        var (columns, scores) = Customers([300, 300, 300, 300, 300, 300, 300], [1, 1, 1, 1, 1, 1, 1]);
        for (var i = 0; i < 6; i++) columns.WalletEstimate[i] = 1_000 + 100 * i;

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());

        Assert.True(result.ShareEstimated[6]);
        Assert.Equal(300 / 1_250.0, result.ShareOfWallet[6], 12);
        Assert.Equal("develop: share of wallet 0.24 (estimated) below 0.50 (yearly revenue 300 of an estimated wallet of 1,250: the median known wallet of 6 comparable customers, persons/families); expected revenue over the next 365 days 1.00 at or above the median 1.00 of live customers", Reason(result, columns, scores, 6));
        Assert.Contains("share of wallet known for 6, estimated from comparable customers for 1, unknown for 0 of 7 live actual customers", result.Result.Notes);
    }

    [Fact]
    public void Without_enough_known_wallets_the_estimate_is_the_90th_percentile_of_comparable_spend_in_the_same_size_band()
    {
        var (columns, scores) = Customers([100, 200, 300, 400, 500, 600, 700, 800, 900, 100, 100, 100]);
        for (var i = 0; i < 12; i++) (columns.Kind[i], columns.PopulationGroup[i]) = ("organization", null);
        for (var i = 0; i < 10; i++) columns.Industry[i] = "Retail";
        for (var i = 0; i < 9; i++) (columns.Size[i], columns.SizeAttribute[i]) = (30, "employees");
        (columns.Size[10], columns.SizeAttribute[10]) = (40, "employees"); // no industry: compared within organizations of its size band
        // customer 9: retail without a size; customer 11: neither a segment field nor a size

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());

        // Retail with 20-50 employees: 100..900, 0.9-quantile 800 + 0.2 × 100 = 820. Retail, and organizations with 20-50
        // employees: 100, 100, 200..900, 0.9-quantile 800 + 0.1 × 100 = 810. Live yearly revenues: median 350.
        const string Small = "yearly revenue 100 below the median 350 of live customers (no model predicts the volume; the past year stands for it)";
        Assert.Equal($"acquire-or-abandon: share of wallet 0.12 (estimated) below 0.50 (yearly revenue 100 of an estimated wallet of 820: the 90th percentile of the yearly spend of 9 comparable customers, organizations/retail with employees 20-50); {Small}", Reason(result, columns, scores, 0));
        Assert.Equal($"acquire-or-abandon: share of wallet 0.12 (estimated) below 0.50 (yearly revenue 100 of an estimated wallet of 810: the 90th percentile of the yearly spend of 10 comparable customers, organizations/retail); {Small}", Reason(result, columns, scores, 9));
        Assert.Equal($"acquire-or-abandon: share of wallet 0.12 (estimated) below 0.50 (yearly revenue 100 of an estimated wallet of 810: the 90th percentile of the yearly spend of 10 comparable customers, organizations with employees 20-50); {Small}", Reason(result, columns, scores, 10));
        Assert.Equal(100 / 820.0, result.ShareOfWallet[0], 12);
        Assert.Equal($"share-unknown: share of wallet unknown: no wallet in the data, and too few comparable customers (same segment or size band) to estimate one; {Small}; small volume: find out the share of wallet before choosing maintain or let go", Reason(result, columns, scores, 11));
        Assert.True(double.IsNaN(result.ShareOfWallet[11]));
        Assert.Contains("share of wallet known for 0, estimated from comparable customers for 11, unknown for 1 of 12 live actual customers", result.Result.Notes);
    }

    [Fact]
    public void Fewer_comparable_spenders_than_the_minimum_give_no_estimate()
    {
        var (columns, scores) = Customers([100, 200, 300, 400, 500, 600, 700]);

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());
        var seven = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions { MinimumComparableCustomers = 7 });

        Assert.All(result.Result.Class, c => Assert.Equal(StrategyMatrix.ShareUnknown, c));
        Assert.Contains("no wallet can be known or estimated: no group of comparable customers (same segment or size band) has the 5 known wallets or 8 spending customers an estimate needs; every live customer is share-unknown", result.Result.Notes);
        // Seven spenders are enough when seven are asked for: the 0.9-quantile of 100..700 is 600 + 0.4 × 100 = 640,
        // and the top spender's wallet is raised to its own 700 (a wallet holds at least what is spent with us).
        Assert.Equal(600 / 640.0, seven.ShareOfWallet[5], 12);
        Assert.Equal(1.0, seven.ShareOfWallet[6], 12);
        Assert.Contains("estimated wallet of 700: its own yearly spend, above the 90th percentile", Reason(seven, columns, scores, 6));
        Assert.Contains("estimated wallet of 640: the 90th percentile of the yearly spend of 7 comparable customers, persons/families", Reason(seven, columns, scores, 0));
    }

    [Fact]
    public void Without_any_segment_or_size_the_reason_says_there_is_nothing_to_compare_customers_by()
    {
        // CDNOW's case: ids, dates and amounts only.
        var (columns, scores) = Customers([300, 3_000], [100, 100]);
        for (var i = 0; i < 2; i++) (columns.Kind[i], columns.PopulationGroup[i]) = (null, null);

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());

        Assert.Equal(["share-unknown", "share-unknown"], result.Result.Class);
        Assert.StartsWith("share-unknown: share of wallet unknown: no wallet in the data, and no segment or size (employees, turnover) to compare customers by; ",
            Reason(result, columns, scores, 0));
    }

    [Fact]
    public void Without_a_known_or_estimable_wallet_the_class_is_share_unknown_never_low()
    {
        var (columns, scores) = Customers([300, 3_000], [100, 100]);
        columns.WalletEstimate[1] = 4_000;

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());

        Assert.True(double.IsNaN(result.ShareOfWallet[0]));
        Assert.False(result.ShareEstimated[0]);
        Assert.Equal(["share-unknown", "keep"], result.Result.Class); // 3,000 of 4,000: 0.75, high
        Assert.Equal("share-unknown: share of wallet unknown: no wallet in the data, and too few comparable customers (same segment or size band) to estimate one; expected revenue over the next 365 days 100 at or above the median 100 of live customers; large volume: find out the share of wallet before choosing keep or develop", Reason(result, columns, scores, 0));
        Assert.Contains("share of wallet known for 1, estimated from comparable customers for 0, unknown for 1 of 2 live actual customers", result.Result.Notes);
    }

    [Fact]
    public void Lapsed_and_lost_customers_are_out_of_the_matrix_and_the_volume_cut_is_among_live_customers()
    {
        var (columns, scores) = Customers([100, 1_000, 1_000, 300]);
        for (var i = 0; i < 4; i++) columns.WalletEstimate[i] = 10_000;

        string?[] churn = [ChurnStatus.Active, ChurnStatus.Lapsed, ChurnStatus.Lost, ChurnStatus.AtRisk];
        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions(), churn);

        // Live: 100 and 300, median 200 (with the lapsed and lost it would be 650 and 300 would be small).
        Assert.Equal(["acquire-or-abandon", null, null, "develop"], result.Result.Class);
        Assert.Equal("n/a: lapsed by the churn status: the matrix plans live relationships (a lapsed or lost customer has no upcoming volume); the churn status's action applies", Reason(result, columns, scores, 1, churn));
        Assert.StartsWith("n/a: lost by the churn status:", Reason(result, columns, scores, 2, churn));
        Assert.EndsWith("yearly revenue 300 at or above the median 200 of live customers (no model predicts the volume; the past year stands for it)", Reason(result, columns, scores, 3, churn));
        Assert.Contains("no model predicts the volume: it is each live customer's yearly revenue (large from 200), not a prediction", result.Result.Notes);
        Assert.True(double.IsNaN(result.ShareOfWallet[1]));
        Assert.Contains("2 lapsed or lost customers are not in the matrix", result.Result.Notes);
        Assert.DoesNotContain(result.Result.Notes, n => n.Contains("no churn status", StringComparison.Ordinal));

        // A buyer without a churn status (no model, no repeat history) is in the matrix, and a note says on what ground.
        string?[] unknown = [ChurnStatus.Active, null, ChurnStatus.Lost, null];
        var open = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions(), unknown);
        Assert.Equal(3, open.Result.Class.Count(c => c is not null));
        Assert.Contains("2 of the 3 customers in the matrix have no churn status (no model and no repeat history): they count as live because nothing says they left, not because anything says they stay", open.Result.Notes);
    }

    [Fact]
    public void An_MVC_is_never_told_to_abandon_low_share_and_small_volume_make_it_develop()
    {
        var (columns, scores) = Customers([200, 200, 800, 800], [10, 10, 500, 500]);
        for (var i = 0; i < 4; i++) columns.WalletEstimate[i] = 1_000;

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions(), valueClass: ["MVC", "other", "MVC", "other"]);

        Assert.Equal(["develop", "acquire-or-abandon", "keep", "keep"], result.Result.Class);
        Assert.Equal("develop: share of wallet 0.20 below 0.50 (yearly revenue 200 of a wallet of 1,000); expected revenue over the next 365 days 10.00 below the median 255.00 of live customers; an MVC (most valuable customer) is developed, not abandoned: low share and small volume would be acquire-or-abandon", Reason(result, columns, scores, 0));
        Assert.Contains("1 MVC with low share and small volume is develop, not acquire-or-abandon", result.Result.Notes);
    }

    [Fact]
    public void An_MGC_is_developed_not_abandoned_and_an_unknown_share_never_suggests_letting_an_MVC_go()
    {
        var (columns, scores) = Customers([200, 200, 800, 800, 100, 800], [10, 10, 500, 500, 5, 500]);
        foreach (var i in (int[])[0, 1, 2, 3, 5]) columns.WalletEstimate[i] = 1_000;
        columns.Kind[4] = "organization"; // no wallet and no comparable customers: share unknown

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions(), valueClass: ["MGC", "other", "other", "other", "MVC", "other"]);

        Assert.Equal(["develop", "acquire-or-abandon", "keep", "keep", "share-unknown", "keep"], result.Result.Class);
        Assert.EndsWith("; an MGC (most growable customer: room to grow by the value class) is developed, not abandoned: low share and small volume would be acquire-or-abandon", Reason(result, columns, scores, 0));
        Assert.EndsWith("small volume: find out the share of wallet before choosing maintain or develop", Reason(result, columns, scores, 4));
        Assert.Contains("1 MGC with low share and small volume is develop, not acquire-or-abandon: the value class found room to grow", result.Result.Notes);
    }

    [Fact]
    public void Without_a_model_the_yearly_revenue_is_the_volume_not_the_rules_nil_prediction_for_one_time_buyers()
    {
        var (columns, scores) = Customers([100, 900]);
        columns.WalletEstimate[0] = 150;
        columns.WalletEstimate[1] = 1_000;
        scores.ExpectedRevenue[0] = scores.ExpectedRevenue[1] = 0; // the rules' x / T of a customer with no repeat purchase

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());

        Assert.Equal(["maintain-or-acquire", "keep"], result.Result.Class);
        Assert.EndsWith("yearly revenue 900 at or above the median 500 of live customers (no model predicts the volume; the past year stands for it)", Reason(result, columns, scores, 1));
        Assert.Contains("yearly revenue, no model", result.Result.Method);
    }

    [Fact]
    public void With_a_model_a_customer_without_a_prediction_is_sized_by_its_yearly_revenue()
    {
        var (columns, scores) = Customers([100, 900, 400], [50, 200, double.NaN]);
        for (var i = 0; i < 3; i++) columns.WalletEstimate[i] = 1_000;

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());

        // Predicted: 50, 200 (median 125); yearly revenues of live customers: 100, 400, 900 (median 400).
        Assert.Equal(["acquire-or-abandon", "keep", "develop"], result.Result.Class);
        Assert.EndsWith("no predicted revenue, so the yearly revenue 400 at or above the median 400 of live customers", Reason(result, columns, scores, 2));
        Assert.Contains("1 live customer has no predicted revenue: its volume is the yearly revenue (large from 400)", result.Result.Notes);
    }

    [Fact]
    public void A_customer_of_less_than_a_year_has_its_revenue_scaled_up_to_a_year()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, [TestColumns.AsOf.AddDays(-179)], amount: 500);
        columns.WalletEstimate[0] = 2_000;
        var scores = TestColumns.Scores(columns);
        scores.ModelBased = true;
        scores.ExpectedRevenue[0] = 1_000;

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());

        // 500 × 365 / 180 = 1,013.9; / 2,000 = 0.507.
        Assert.Equal(500 * 365 / 180.0 / 2_000, result.ShareOfWallet[0], 12);
        Assert.StartsWith("keep: share of wallet 0.51 at or above 0.50 (yearly revenue 1,014 (500 in the 180 days since the first purchase, scaled to a year) of a wallet of 2,000)", Reason(result, columns, scores, 0));
    }

    [Fact]
    public void A_customer_of_a_few_days_is_scaled_as_if_of_ninety()
    {
        var columns = TestColumns.Create(1);
        TestColumns.Buy(columns, 0, [TestColumns.AsOf], amount: 90);
        columns.WalletEstimate[0] = 1_000;

        var result = StrategyMatrix.Classify(columns, TestColumns.Scores(columns), new StrategyMatrixOptions());

        Assert.Equal(0.365, result.ShareOfWallet[0], 12);
        Assert.Contains("yearly revenue 365 (90 in the 1 day since the first purchase, scaled to a year)", Reason(result, columns, TestColumns.Scores(columns), 0));
    }

    [Fact]
    public void Parties_who_have_not_bought_get_no_strategy_and_no_share_even_with_a_known_wallet()
    {
        var (columns, scores) = Customers([300, 300]);
        ValueTestColumns.Unbuy(columns, scores, 1);
        columns.WalletEstimate[1] = 800;

        var result = StrategyMatrix.Classify(columns, scores, new StrategyMatrixOptions());

        Assert.Null(result.Result.Class[1]);
        Assert.Equal("n/a: no completed order: the strategy matrix is for actual customers", Reason(result, columns, scores, 1));
        Assert.True(double.IsNaN(result.ShareOfWallet[1]));
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
        Assert.Contains("no live actual customers: nobody is in the strategy matrix", result.Result.Notes);
    }

    [Fact]
    public void A_quantile_outside_zero_to_one_is_refused()
    {
        var columns = TestColumns.Create(0);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            StrategyMatrix.Classify(columns, TestColumns.Scores(columns), new StrategyMatrixOptions { LargeVolumeQuantile = 2 }));

        Assert.Equal("LargeVolumeQuantile", e.ParamName);
    }

    /// <summary>
    /// Customer <paramref name="i"/>'s reason as a reader renders it from the stored figures (<see cref="StrategyMatrix.Reason"/>), in
    /// <see cref="StrategyMatrix.Declaration"/>'s order, with the cuts learned by the default options.
    /// </summary>
    private static string? Reason(StrategyResult result, CustomerColumns columns, CustomerScores scores, int i, string?[]? churnStatus = null)
    {
        var options = new StrategyMatrixOptions();
        var f = result.Result.Figures.AsSpan(i * 10, 10);
        var row = new ReasonRow
        {
            Figures = [f[0], f[1], f[2], result.ShareOfWallet[i], f[3], f[4], columns.RevenueLastYear[i], f[5], f[6], f[7], f[8], scores.ExpectedRevenue[i], f[9], double.NaN],
            Texts = [.. new string?[13], result.Result.FigureTexts[i]],
        };
        var anyComparable = WalletContext.Learn(columns, options, new StructureMapOptions()).AnyComparable;
        return StrategyMatrix.Reason(row, StrategyMatrix.Learn(columns, scores, options, churnStatus), options, scores.HorizonDays, anyComparable);
    }
}
