using Clientele.Customers;
using Clientele.Storage.Import;
using Clientele.Storage.Summary;

namespace Clientele.Storage.Tests.Summary;

/// <summary>The summary's definitions on a small log built for the purpose.</summary>
public sealed class CustomerSummaryQueryTests : IDisposable
{
    private readonly TempWorkspace _temp = new();

    public CustomerSummaryQueryTests()
    {
        var importer = new Importer(_temp.Workspace!);
        importer.Import("customers", _temp.File("c.csv", "customer_id,acquired_at\nA,2024-01-01\nB,2024-01-01\nP,2024-01-01\nLATE,2024-06-01\nQUIET,\n"), new ImportOptions());
        importer.Import("orders", _temp.File("o.csv", """
            customer_id,ordered_at,amount,margin,status
            A,2024-01-01,10,2,completed
            A,2024-01-01T15:00:00,30,4,completed
            A,2024-01-15,20,,completed
            A,2024-01-29,40,8,completed
            A,2024-02-01,99,,returned
            A,2024-02-02,50,,cancelled
            A,2024-03-30,70,,completed
            B,2024-01-08,5,,completed
            LATE,2024-06-01,8,,completed
            """), new ImportOptions());
        importer.Import("interactions", _temp.File("i.csv", """
            customer_id,occurred_at,kind,score,scale_max,cost
            A,2024-01-02,survey,9,,1.5
            A,2024-01-03,Survey,4,5,
            A,2024-01-04,complaint,,,3
            P,2024-01-05,inquiry,,,
            P,2024-01-06,webinar,,,
            """), new ImportOptions());
        importer.Import("referrals", _temp.File("r.csv", "referrer_id,referred_id,occurred_at\nA,B,2024-01-07\nA,P,2024-01-07\n"), new ImportOptions());
    }

    private CustomerSummary Run() => CustomerSummaryQuery.Run(_temp.Workspace!, new DateOnly(2024, 2, 12), TimeUnit.Week);

    private static int Index(CustomerSummary s, string id) => Array.IndexOf(s.CustomerId, id);

    [Fact]
    public void Same_day_orders_are_one_purchase_day_and_later_orders_are_ignored()
    {
        var s = Run();
        var a = Index(s, "A");
        Assert.Equal((4, 3, 2.0), (s.Orders[a], s.PurchaseDays[a], s.Frequency[a]));
        Assert.Equal(28 / 7.0, s.Recency[a], 12);
        Assert.Equal(42 / 7.0, s.T[a], 12);
        Assert.Equal(new DateOnly(2024, 1, 1), s.FirstPurchase[a]);
        Assert.Equal(new DateOnly(2024, 1, 29), s.LastPurchase[a]);
    }

    [Fact]
    public void Monetary_value_is_the_mean_of_the_repeat_days_and_returns_are_counted_apart()
    {
        var s = Run();
        var a = Index(s, "A");
        Assert.Equal(30, s.MonetaryValue[a], 12);
        Assert.Equal(100, s.Revenue[a], 12);
        Assert.Equal(14, s.Margin[a]);
        Assert.Equal((1, 99.0), (s.Returns[a], s.ReturnedAmount[a]));
        var b = Index(s, "B");
        Assert.Equal((0.0, 0.0, null), (s.MonetaryValue[b], s.Frequency[b], s.Margin[b]));
    }

    [Fact]
    public void Interactions_are_counted_by_kind_with_cost_and_survey_scores_on_a_0_to_10_scale()
    {
        var s = Run();
        var a = Index(s, "A");
        var survey = s.InteractionKinds.ToList().IndexOf("survey");
        var complaint = s.InteractionKinds.ToList().IndexOf("complaint");
        Assert.Equal((2, 1), (s.InteractionCounts[survey][a], s.InteractionCounts[complaint][a]));
        Assert.Equal(4.5, s.ServiceCost[a], 12);
        Assert.Equal((9 + 8) / 2.0, s.MeanSurveyScore[a]!.Value, 12);
        var p = Index(s, "P");
        Assert.Equal(1, s.OtherInteractions[p]);
        Assert.Null(s.FirstPurchase[p]);
        Assert.True(double.IsNaN(s.T[p]));
    }

    [Fact]
    public void Referrals_made_and_referrals_that_bought()
    {
        var s = Run();
        var a = Index(s, "A");
        Assert.Equal((2, 1), (s.ReferralsMade[a], s.ReferralsBought[a]));
    }

    [Fact]
    public void Customers_who_appear_only_after_the_as_of_date_are_left_out_but_undated_ones_stay()
    {
        var s = Run();
        Assert.Equal(-1, Index(s, "LATE"));
        Assert.True(Index(s, "QUIET") >= 0);
        Assert.Equal(["A", "B", "P", "QUIET"], s.CustomerId);
    }

    [Fact]
    public void The_default_as_of_date_is_the_last_order_day()
    {
        var s = CustomerSummaryQuery.Run(_temp.Workspace!, null, TimeUnit.Day);
        Assert.Equal(new DateOnly(2024, 6, 1), s.AsOf);
        Assert.Equal(5, s.Count);
    }

    public void Dispose() => _temp.Dispose();
}
