using Clientele.Classification.Concerns;
using Clientele.Storage.Concerns;
using Clientele.Storage.Tests.Analysis;

namespace Clientele.Storage.Tests.Concerns;

/// <summary>The drill-down of <see cref="ConcernInteractions"/> against the counts of <see cref="ConcernQuery"/> on a demo company.</summary>
public sealed class ConcernInteractionsTests(TwiceAnalyzedCompany company) : IClassFixture<TwiceAnalyzedCompany>
{
    private Workspace Workspace => company.Temp.Workspace!;

    [Fact]
    public void The_pages_of_a_segments_need_list_exactly_the_interactions_its_figure_counts_newest_first()
    {
        var report = ConcernQuery.Of(Workspace, top: 1);
        var group = report.Groups.Where(g => g.Concerns.Count > 0 && !g.Concerns[0].General).MaxBy(g => g.Concerns[0].Interactions)!;
        var figure = group.Concerns[0];
        var rule = new ConcernRule(new ConcernOptions());
        var seen = new List<ConcernInteraction>();
        for (var page = 1; ; page++)
        {
            var result = ConcernInteractions.Page(Workspace, figure.Concern.ToUpperInvariant(), dimension: "segment", @class: group.Class, page: page, pageSize: 7);
            Assert.Equal((figure.Interactions, figure.Customers, figure.Concern, false), (result.Matching, result.Customers, result.Concern, result.General));
            if (result.Interactions.Count == 0) break;
            Assert.True(result.Interactions.Count <= 7);
            seen.AddRange(result.Interactions);
        }
        Assert.Equal(figure.Interactions, seen.Count);
        Assert.Equal(figure.Customers, seen.Select(i => i.CustomerId).Distinct().Count());
        Assert.All(seen, i => Assert.Equal(figure.Concern, rule.ConcernOf(i.Kind, i.Tag, i.Text)));
        Assert.All(seen, i => Assert.True(DateOnly.FromDateTime(i.OccurredAt) <= report.AsOf));
        Assert.Equal(seen.Select(i => i.OccurredAt).OrderByDescending(t => t), seen.Select(i => i.OccurredAt));
    }

    [Fact]
    public void Without_a_class_the_whole_base_is_read_and_a_general_concern_says_so()
    {
        var report = ConcernQuery.Of(Workspace);
        var price = Assert.Single(report.Base.Concerns, c => c.Concern == "price");
        var page = ConcernInteractions.Page(Workspace, "price", pageSize: 3);
        Assert.Equal((price.Interactions, price.Customers, true, 3), (page.Matching, page.Customers, page.General, page.Interactions.Count));
        Assert.Null(page.Class);
        Assert.Contains(page.Interactions, i => i.Name is not null);
    }

    [Fact]
    public void An_earlier_analysis_reads_its_own_groups_and_interactions_up_to_its_date()
    {
        var earlier = ConcernQuery.Of(Workspace, dimension: "churn_status", @class: "lost", asOf: company.Earlier);
        var figure = Assert.Single(earlier.Groups).Concerns[0];
        var page = ConcernInteractions.Page(Workspace, figure.Concern, dimension: "churn-status", @class: "lost", asOf: company.Earlier, pageSize: 200);
        Assert.Equal((figure.Interactions, company.Earlier, "churn_status", "lost"), (page.Matching, page.AsOf, page.Dimension, page.Class));
        Assert.All(page.Interactions, i => Assert.True(DateOnly.FromDateTime(i.OccurredAt) <= company.Earlier));
    }

    [Theory]
    [InlineData(" ", 1, 25, "name a concern")]
    [InlineData("price", 0, 25, "page must be 1 or more")]
    [InlineData("price", 1, 0, "page size must be 1 to 200")]
    [InlineData("price", 1, 201, "page size must be 1 to 200")]
    public void Bad_input_is_a_workspace_error_that_says_what_is_wrong(string concern, int page, int pageSize, string message)
    {
        var error = Assert.Throws<WorkspaceException>(() => ConcernInteractions.Page(Workspace, concern, page: page, pageSize: pageSize));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_class_of_a_closed_dimension_is_refused_with_the_classes()
    {
        var error = Assert.Throws<WorkspaceException>(() => ConcernInteractions.Page(Workspace, "price", dimension: "ladder", @class: "champion"));
        Assert.Contains("unknown class 'champion' of ladder", error.Message, StringComparison.Ordinal);
    }
}
