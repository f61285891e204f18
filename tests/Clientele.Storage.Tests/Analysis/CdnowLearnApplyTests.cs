using Clientele.Classification;

namespace Clientele.Storage.Tests.Analysis;

/// <summary>
/// Learn then apply on real data (the CDNOW master log: no margins, wallets, segments or interactions; weekly units): over
/// every customer, after a JSON round trip and on a seeded subset, the classes and reasons of the analysis. Skipped when
/// ../shared/data is absent.
/// </summary>
public sealed class CdnowLearnApplyTests(CdnowMaster cdnow) : IClassFixture<CdnowMaster>
{
    [Fact]
    public void Learn_then_apply_through_JSON_gives_every_customer_the_classes_and_reasons_of_the_analysis()
    {
        cdnow.Require();
        var analysis = cdnow.Run!.Result;
        var options = cdnow.Run.Options;
        var context = ClassificationContext.FromJson(CustomerAnalysis.Learn(analysis.Columns, analysis.Scoring, options).ToJson());

        var applied = CustomerAnalysis.Apply(context, analysis.Columns, analysis.Scoring, options, []);

        var differences = AnalysisComparison.Differences(analysis, applied);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.Equal(23_570, context.Customers);
    }

    [Fact]
    public void Applying_to_a_random_subset_gives_those_customers_rows_of_the_analysis()
    {
        cdnow.Require();
        var analysis = cdnow.Run!.Result;
        var options = cdnow.Run.Options;
        var random = new Random(1998);
        var subset = Enumerable.Range(0, analysis.Columns.Count).OrderBy(_ => random.Next()).Take(200).ToArray();
        var context = CustomerAnalysis.Learn(analysis.Columns, analysis.Scoring, options);

        var applied = CustomerAnalysis.Apply(context, analysis.Columns, analysis.Scoring, options, [], subset);

        var differences = AnalysisComparison.Differences(analysis, applied, subset);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }
}
