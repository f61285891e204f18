using Clientele.Classification;

namespace Clientele.Storage.Tests.Analysis;

/// <summary>
/// The analysis in two halves (issue 14, property test (a)): what <see cref="CustomerAnalysis.Learn"/> learns from the demo
/// company, applied by <see cref="CustomerAnalysis.Apply"/> to every customer, after a JSON round trip, or to a seeded
/// random subset, gives each customer the classes, reasons and figures of the analysis that wrote the snapshot.
/// </summary>
public sealed class LearnApplyTests(SimulatedCompany company) : IClassFixture<SimulatedCompany>
{
    private AnalysisResult Analysis => company.Run.Result;

    private ClassificationOptions Options => company.Run.Options;

    [Fact]
    public void Learn_then_apply_to_every_customer_gives_the_classes_reasons_and_notes_of_the_analysis()
    {
        var context = CustomerAnalysis.Learn(Analysis.Columns, Analysis.Scoring, Options);
        var applied = CustomerAnalysis.Apply(context, Analysis.Columns, Analysis.Scoring, Options, []);

        var differences = AnalysisComparison.Differences(Analysis, applied);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.Equal(Analysis.Columns.Count, context.Customers);
        Assert.Equal(company.AsOf, context.AsOf);
    }

    [Fact]
    public void A_context_read_back_from_JSON_applies_as_the_one_learned()
    {
        var context = CustomerAnalysis.Learn(Analysis.Columns, Analysis.Scoring, Options);
        var json = context.ToJson();
        var read = ClassificationContext.FromJson(json);

        Assert.Equal(json, read.ToJson());
        var differences = AnalysisComparison.Differences(Analysis, CustomerAnalysis.Apply(read, Analysis.Columns, Analysis.Scoring, Options, []));
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        // Not only empty contexts make the trip: the demo company's wallets are estimated per group, its map has segments.
        // (Its close model predicts no better than the majority, so the points rule grades: a learned model's trip is
        // tested in ProspectGradeTests.)
        Assert.NotEmpty(read.Wallets.Groups);
        Assert.True(read.StructureMap.Nodes.Count > 3);
        Assert.Equal(context.ValueClass, read.ValueClass);
    }

    [Fact]
    public void A_context_written_with_the_snapshot_options_NaN_as_null_applies_as_the_one_learned()
    {
        var context = CustomerAnalysis.Learn(Analysis.Columns, Analysis.Scoring, Options);
        var json = System.Text.Json.JsonSerializer.Serialize(context, Clientele.Storage.Snapshots.SnapshotWriter.Json);
        var read = System.Text.Json.JsonSerializer.Deserialize<ClassificationContext>(json, Clientele.Storage.Snapshots.SnapshotWriter.Json)!;

        Assert.DoesNotContain("\"NaN\"", json, StringComparison.Ordinal);
        Assert.Equal(context.ToJson(), read.ToJson());
        var differences = AnalysisComparison.Differences(Analysis, CustomerAnalysis.Apply(read, Analysis.Columns, Analysis.Scoring, Options, []));
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public void Applying_to_a_random_subset_gives_those_customers_rows_of_the_analysis_and_leaves_the_others_empty()
    {
        var n = Analysis.Columns.Count;
        var random = new Random(14);
        // Sixty at random, and the first party down a supply chain: its reason names its seller's class, a neighbour's.
        var supply = Analysis.Dimension(Dimensions.SupplyChain).Class;
        var downstream = Array.FindIndex(supply, c => c is SupplyChainPosition.Indirect or SupplyChainPosition.Ultimate);
        Assert.True(downstream >= 0, "the demo company has no supply chain");
        var subset = Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(60).Append(downstream).Distinct().ToArray();
        var context = ClassificationContext.FromJson(CustomerAnalysis.Learn(Analysis.Columns, Analysis.Scoring, Options).ToJson());

        var applied = CustomerAnalysis.Apply(context, Analysis.Columns, Analysis.Scoring, Options, [], subset);

        var differences = AnalysisComparison.Differences(Analysis, applied, subset);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        var inSubset = subset.ToHashSet();
        var others = Enumerable.Range(0, n).Where(i => !inSubset.Contains(i)).ToArray();
        foreach (var dimension in applied.Dimensions)
        {
            Assert.All(others, i => Assert.Null(dimension.Class[i]));
            Assert.All(others, i => Assert.Null(applied.Reason(dimension.Dimension, i)));
        }
        // The subset's classes are not all empty: the comparison above compared something.
        Assert.Contains(subset, i => applied.Dimension(Dimensions.ValueClass).Class[i] is not null);
        Assert.Contains(subset, i => applied.Dimension(Dimensions.ProspectGrade).Class[i] is not null);
    }

    [Fact]
    public void Overrides_apply_as_in_one_run_and_to_a_subset_only_for_its_customers()
    {
        var ids = Analysis.Columns.CustomerId;
        Override[] overrides =
        [
            new(ids[3], Dimensions.ValueClass, "MVC", "key account", "test", new DateTime(2026, 1, 2)),
            new(ids[10], Dimensions.Ladder, "advocate", "speaks for us at fairs", null, null),
            new("no-such-customer", Dimensions.Ladder, "advocate", "unknown", null, null),
        ];
        var run = CustomerAnalysis.Run(Analysis.Columns, Analysis.Scoring, Options, overrides);
        var context = CustomerAnalysis.Learn(Analysis.Columns, Analysis.Scoring, Options);

        var whole = CustomerAnalysis.Apply(context, Analysis.Columns, Analysis.Scoring, Options, overrides);
        var differences = AnalysisComparison.Differences(run, whole);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.Equal(2, run.AppliedOverrides.Count);

        var subset = CustomerAnalysis.Apply(context, Analysis.Columns, Analysis.Scoring, Options, overrides, [3, 4]);
        Assert.Equal([overrides[0]], subset.AppliedOverrides);
        differences = AnalysisComparison.Differences(run, subset, [3, 4]);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.Null(subset.Dimension(Dimensions.Ladder).Class[10]);
    }
}
