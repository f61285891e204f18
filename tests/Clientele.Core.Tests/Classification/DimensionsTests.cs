using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

public sealed class DimensionsTests
{
    [Fact]
    public void Every_dimension_has_its_own_title_in_words()
    {
        var titles = Dimensions.All.Select(Dimensions.Title).ToList();
        Assert.Equal(titles.Count, titles.Distinct().Count());
        Assert.All(titles, t => Assert.DoesNotContain("_", t, StringComparison.Ordinal));
        Assert.Equal("Churn status", Dimensions.Title(Dimensions.ChurnStatus));
    }

    [Fact]
    public void A_class_reads_with_spaces_for_underscores_and_keeps_hyphens_and_capitals()
    {
        Assert.Equal("no follow up", Dimensions.ClassTitle("no_follow_up"));
        Assert.Equal("at-risk", Dimensions.ClassTitle("at-risk"));
        Assert.Equal("MVC", Dimensions.ClassTitle("MVC"));
        Assert.Equal("", Dimensions.ClassTitle(null));
    }
}
