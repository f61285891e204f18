using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

/// <summary>The churn-reason taxonomy and the mapping of free tags onto it.</summary>
public sealed class ChurnReasonsTests
{
    [Theory]
    [InlineData("price", "price")]
    [InlineData("no_follow_up", "no_follow_up")]
    [InlineData("No-Follow-Up", "no_follow_up")]
    [InlineData("need ended", "need_ended")]
    [InlineData("late delivery", "delivery")]
    [InlineData("too expensive", "price")]
    [InlineData("Competitor quoted 20% less", "competitor")]
    [InlineData("cartridge leaked", "quality")]
    [InlineData("technician did not show up", "service")]
    [InlineData("nobody called back, no answer", "no_follow_up")]
    [InlineData("site closed", "need_ended")]
    public void Tags_map_onto_the_taxonomy(string tag, string expected) => Assert.Equal(expected, ChurnReasons.Map(tag));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wobbly handles")]
    [InlineData("chocolate")]
    public void An_empty_or_unrecognised_tag_is_unknown(string? tag)
    {
        Assert.Equal(ChurnReasons.Unknown, ChurnReasons.Map(tag));
        Assert.False(ChurnReasons.IsRecognised(tag));
    }

    [Fact]
    public void Every_reason_of_the_taxonomy_maps_to_itself()
    {
        Assert.Equal(8, ChurnReasons.All.Count);
        Assert.All(ChurnReasons.All, r => Assert.Equal(r, ChurnReasons.Map(r)));
        Assert.True(ChurnReasons.IsRecognised("unknown"));
    }
}
