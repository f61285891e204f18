using Clientele.Classification;
using Clientele.Classification.Concerns;

namespace Clientele.Core.Tests.Classification.Concerns;

public sealed class ConcernRuleTests
{
    private readonly ConcernRule _rule = new(new ConcernOptions());

    [Theory]
    [InlineData("Water Taste", "water-taste")]
    [InlineData("  water_taste ", "water-taste")]
    [InlineData("WATER--TASTE", "water-taste")]
    [InlineData("Price", "price")]
    public void A_tag_is_normalised_to_lower_case_words_joined_by_hyphens(string tag, string expected) =>
        Assert.Equal(expected, _rule.ConcernOf("support", tag, null));

    [Fact]
    public void A_synonym_maps_a_tag_to_its_concern_and_none_drops_it()
    {
        Assert.Equal("price", _rule.ConcernOf("complaint", "Pricing", null));
        Assert.Equal("uptime", _rule.ConcernOf("support", "downtime", null));
        Assert.Null(_rule.ConcernOf("complaint", "need-ended", null));
        Assert.Null(_rule.ConcernOf("suggestion", "opportunity", null));
    }

    [Fact]
    public void A_tag_outside_the_taxonomy_is_a_concern_of_its_own_name() =>
        Assert.Equal("packaging-waste", _rule.ConcernOf("support", "Packaging waste", null));

    [Fact]
    public void The_tag_wins_over_the_text() =>
        Assert.Equal("design", _rule.ConcernOf("support", "design", "Prices went up again"));

    [Theory]
    [InlineData("Prices went up again, we are comparing offers", "price")]
    [InlineData("Invoice higher than the quote", "price")]
    [InlineData("Cartridge leaked after two weeks", "quality")]
    [InlineData("Nobody called back about our request", "no-follow-up")]
    [InlineData("Asked about the taste after a filter change", "water-taste")]
    [InlineData("Requested maintenance logs", "documentation")]
    public void An_untagged_text_gets_the_concern_of_the_keyword_that_starts_one_of_its_words(string text, string expected) =>
        Assert.Equal(expected, _rule.ConcernOf("complaint", null, text));

    [Fact]
    public void A_keyword_inside_a_word_does_not_match() =>
        Assert.Null(_rule.ConcernOf("support", "", "Our shipment was isolated"));

    [Fact]
    public void The_longest_matching_keyword_wins()
    {
        var rule = new ConcernRule(new ConcernOptions { Keywords = new() { ["late"] = "delivery", ["late fee"] = "price" } });
        Assert.Equal("price", rule.ConcernOf("complaint", null, "A late fee again"));
        Assert.Equal("delivery", rule.ConcernOf("complaint", null, "Late again"));
    }

    [Fact]
    public void A_text_without_a_keyword_and_a_kind_not_read_name_no_concern()
    {
        Assert.Null(_rule.ConcernOf("support", null, "Thank you"));
        Assert.Null(_rule.ConcernOf("opportunity", "won", "Quote sent"));
        Assert.Null(_rule.ConcernOf("survey", null, null));
        Assert.Equal("price", _rule.ConcernOf(" Complaint ", "price", null));
    }

    [Fact]
    public void Price_and_quality_are_concerns_in_general_and_a_planted_need_is_not()
    {
        Assert.True(_rule.IsGeneral("price"));
        Assert.True(_rule.IsGeneral("quality"));
        Assert.False(_rule.IsGeneral("water-taste"));
    }

    [Fact]
    public void An_options_file_with_concerns_reads_back_and_an_empty_keyword_is_refused()
    {
        var options = ClassificationOptions.FromJson("""{ "concerns": { "keywords": { "leak": "quality" }, "top": 3 } }""", "test.json");
        Assert.Equal(3, options.Concerns.Top);
        Assert.Equal("quality", Assert.Single(options.Concerns.Keywords).Value);
        var empty = Assert.Throws<FormatException>(() => ClassificationOptions.FromJson("""{ "concerns": { "keywords": { " ": "quality" } } }""", "test.json"));
        Assert.Contains("concerns.keywords", empty.Message, StringComparison.Ordinal);
        var top = Assert.Throws<FormatException>(() => ClassificationOptions.FromJson("""{ "concerns": { "top": 0 } }""", "test.json"));
        Assert.Contains("concerns.top is 0; allowed: 1 to 100", top.Message, StringComparison.Ordinal);
    }
}
