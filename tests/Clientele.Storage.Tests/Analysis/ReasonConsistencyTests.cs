namespace Clientele.Storage.Tests.Analysis;

/// <summary>
/// Every reason of the demo company's analysis reads true as printed: each comparison it states holds of the numbers it
/// prints, and each sum adds up (<see cref="ReasonStatements"/>).
/// </summary>
public sealed class ReasonConsistencyTests(SimulatedCompany company) : IClassFixture<SimulatedCompany>
{
    [Fact]
    public void Every_reason_of_the_demo_company_reads_true_as_printed()
    {
        var (count, violations) = StoredReasons.Check(company.Temp.Workspace!, company.AsOf);
        Assert.True(count > 50_000, $"only {count} reasons read");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Theory]
    [InlineData("expected revenue over the next 365 days 3.65 below the median 3.80 of live customers", 0)]
    [InlineData("expected revenue over the next 365 days 4 below the median 3.8", 1)]
    [InlineData("value 144 in revenue (no margins in the data) (past 136 + future 9) not above the MVC cut (top 20%) 229", 1)]
    [InlineData("value 144.4 in revenue (no margins in the data) (past 135.7 + future 8.7) not above the MVC cut (top 20%) 229", 0)]
    [InlineData("at-risk: P(alive) 0.45 in [0.30, 0.60), down from 0.70 90 days before", 0)]
    [InlineData("lost: P(alive) 0.10 in [0.10, 0.30)", 0)]
    [InlineData("lapsed: P(alive) 0.30 in [0.10, 0.30)", 1)]
    [InlineData("customer: 2 orders on 1 days; advocacy −1 < 3 (1 negative review −1); loyalty 4 ≥ 3 (...)", 0)]
    [InlineData("lost: last purchase 400 days ago = 8.0 > 8 gaps of 50 days (own mean gap)", 1)]
    [InlineData("at-risk: last purchase 15 days ago = 2.9 ≤ 4.0 gaps of 5 days (own mean gap)", 1)]
    [InlineData("at-risk: last purchase 15 days ago = 2.9 ≤ 4.0 gaps of 5.2 days (own mean gap)", 0)]
    [InlineData("full value 1,210 = own 1,000 + referrals 200 + influence 10", 0)]
    [InlineData("full value 1,200 = own 1,000 + referrals 200 + influence 10", 1)]
    [InlineData("share of wallet 0.35 (estimated) below 0.50 (yearly revenue 700 of an estimated wallet of 2,000: the 90th percentile of ...)", 0)]
    public void The_checker_reads_comparisons_and_sums_as_printed(string reason, int violations) =>
        Assert.Equal(violations, ReasonStatements.Violations(reason).Count);
}
