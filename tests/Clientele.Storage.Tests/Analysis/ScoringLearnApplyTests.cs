using Clientele.Classification;
using Clientele.Scoring;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Tests.Analysis;

/// <summary>
/// Scoring learns once and applies many times: the learned model, applied again (from the run, or from the context
/// stored with the snapshot), gives every customer's scores bit for bit, on the demo company and on CDNOW.
/// </summary>
public sealed class ScoringLearnApplyTests(SimulatedCompany company, CdnowMaster cdnow) : IClassFixture<SimulatedCompany>, IClassFixture<CdnowMaster>
{
    [Fact]
    public void The_demo_companys_scores_come_back_from_the_learned_model_and_from_the_stored_context()
    {
        var run = company.Run;
        var stored = SnapshotQuery.Context(company.Temp.Workspace!).Context.Scoring.Learned;
        Assert.Equal(run.Result.Scoring.Model, stored.Model);
        AssertSame(run.Result.Scoring.Scores, CustomerScoring.Apply(run.Result.Scoring.Learned, run.Result.Columns, run.Options.Scoring));
        AssertSame(run.Result.Scoring.Scores, CustomerScoring.Apply(stored, run.Result.Columns, run.Options.Scoring));
    }

    [Fact]
    public void Cdnows_scores_come_back_from_the_stored_context()
    {
        var workspace = cdnow.Require();
        var run = cdnow.Run!;
        var stored = SnapshotQuery.Context(workspace).Context.Scoring.Learned;
        Assert.False(stored.UsesMargin);
        AssertSame(run.Result.Scoring.Scores, CustomerScoring.Apply(stored, run.Result.Columns, run.Options.Scoring));
    }

    [Fact]
    public void A_model_without_its_parameters_is_refused_by_name()
    {
        var broken = new ScoringModel("pnbd", new Dictionary<string, double> { ["r"] = 1 }, new Dictionary<string, double>(), false, 1);
        Assert.Equal("the pnbd model's parameter 'alpha' is missing.", Assert.Throws<InvalidOperationException>(broken.RepeatPurchaseModel).Message);
    }

    private static void AssertSame(CustomerScores expected, CustomerScores actual)
    {
        Assert.Equal((expected.Method, expected.ModelBased, expected.UsesMargin, expected.HorizonDays), (actual.Method, actual.ModelBased, actual.UsesMargin, actual.HorizonDays));
        foreach (var (name, e, a) in new (string, double[], double[])[]
        {
            ("P(alive)", expected.ProbabilityAlive, actual.ProbabilityAlive), ("P(alive) before", expected.ProbabilityAlivePrevious, actual.ProbabilityAlivePrevious),
            ("expected purchases", expected.ExpectedPurchases, actual.ExpectedPurchases), ("spend", expected.ExpectedSpendPerPurchase, actual.ExpectedSpendPerPurchase),
            ("expected revenue", expected.ExpectedRevenue, actual.ExpectedRevenue), ("lifetime value", expected.LifetimeValue, actual.LifetimeValue),
            ("past net value", expected.PastNetValue, actual.PastNetValue), ("future net value", expected.FutureNetValue, actual.FutureNetValue),
            ("margin rate", expected.MarginRate, actual.MarginRate),
        })
        {
            Assert.Equal(e.Length, a.Length);
            for (var i = 0; i < e.Length; i++)
                Assert.True(e[i].Equals(a[i]), $"{name} of customer #{i}: {e[i]:R} from the run, {a[i]:R} applied again");
        }
    }
}
