using Clientele.Customers;
using Clientele.Storage.Summary;
using Clientele.Storage.Tests.Analysis;

namespace Clientele.Storage.Tests.Summary;

/// <summary>
/// The model-choice sample, read in one pass, against the same figures read apart: the summary as of the calibration end,
/// and each customer's and each day's purchase days in the holdout period by their own queries.
/// </summary>
public sealed class HoldoutQueryTests(SimulatedCompany company) : IClassFixture<SimulatedCompany>
{
    [Theory]
    [InlineData(180, TimeUnit.Week)]
    [InlineData(30, TimeUnit.Day)]
    public void The_one_pass_sample_equals_the_calibration_summary_and_the_holdout_purchase_days_read_apart(int holdoutDays, TimeUnit unit)
    {
        var workspace = company.Temp.Workspace!;
        var calibrationEnd = company.AsOf.AddDays(-holdoutDays);

        var sample = HoldoutQuery.Sample(workspace, calibrationEnd, company.AsOf, unit);

        var summary = CustomerSummaryQuery.Run(workspace, calibrationEnd, unit);
        var buyers = Enumerable.Range(0, summary.Count).Where(i => summary.PurchaseDays[i] > 0)
            .OrderBy(i => summary.CustomerId[i], StringComparer.Ordinal).ToList();
        Assert.True(buyers.Count > 1_000, $"{buyers.Count} buyers by {calibrationEnd}");
        Assert.Equal(buyers.Select(i => summary.Frequency[i]), sample.Frequency);
        Assert.Equal(buyers.Select(i => summary.Recency[i]), sample.Recency);
        Assert.Equal(buyers.Select(i => summary.T[i]), sample.Age);
        var ids = buyers.Select(i => summary.CustomerId[i]).ToList();
        var actual = HoldoutQuery.PurchaseDays(workspace, ids, calibrationEnd, company.AsOf);
        Assert.Equal(actual, sample.Actual);
        Assert.True(actual.Sum() > 0);
        var daily = HoldoutQuery.DailyPurchaseDays(workspace, ids, calibrationEnd, company.AsOf);
        Assert.Equal(daily, sample.DailyActual);
        Assert.Equal(actual.Sum(), sample.DailyActual!.Sum());
        Assert.Equal(holdoutDays, sample.DailyActual!.Length);
    }
}
