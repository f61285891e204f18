using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

public sealed class DimensionClassesTests
{
    [Fact]
    public void Every_closed_dimension_is_a_dimension_and_its_classes_are_the_playbook_classes()
    {
        foreach (var (dimension, classes) in DimensionClasses.Closed)
        {
            Assert.Contains(dimension, Dimensions.All);
            Assert.Equal(classes.Order(StringComparer.Ordinal), Playbook.Defaults[dimension].Keys.Order(StringComparer.Ordinal));
        }
        Assert.False(DimensionClasses.IsClosed(Dimensions.Influence));
        Assert.False(DimensionClasses.IsClosed(Dimensions.Segment));
    }

    [Theory]
    [InlineData("value_tier", "vip", "VIP")]
    [InlineData("churn_status", "AT_RISK", "at-risk")]
    [InlineData("churn_reason", "no-follow-up", "no_follow_up")]
    [InlineData("ladder", " advocate ", "advocate")]
    [InlineData("ladder", "fan", null)]
    [InlineData("segment", " Retail/Students ", "Retail/Students")]
    [InlineData("buying_center", "", null)]
    public void A_class_is_found_ignoring_case_and_dash_or_underscore(string dimension, string text, string? expected) =>
        Assert.Equal(expected, DimensionClasses.Find(dimension, text));

    [Fact]
    public void Standing_rises_up_the_ladder_and_falls_from_active_to_lost()
    {
        Assert.True(DimensionClasses.Standing(Dimensions.Ladder, "advocate") > DimensionClasses.Standing(Dimensions.Ladder, "supporter"));
        Assert.Equal(0, DimensionClasses.Standing(Dimensions.Ladder, "no-relationship"));
        Assert.True(DimensionClasses.Standing(Dimensions.ChurnStatus, "active") > DimensionClasses.Standing(Dimensions.ChurnStatus, "at-risk"));
        Assert.Equal(0, DimensionClasses.Standing(Dimensions.ChurnStatus, "lost"));
        Assert.True(DimensionClasses.Standing(Dimensions.ProspectGrade, "A") > DimensionClasses.Standing(Dimensions.ProspectGrade, "B"));
        Assert.True(DimensionClasses.Standing(Dimensions.ValueTier, "VIP") > DimensionClasses.Standing(Dimensions.ValueTier, "large"));
        Assert.Null(DimensionClasses.Standing(Dimensions.ValueClass, "MVC"));
        Assert.Null(DimensionClasses.Standing(Dimensions.Ladder, null));
        Assert.Null(DimensionClasses.Standing(Dimensions.Ladder, "fan"));
    }
}
