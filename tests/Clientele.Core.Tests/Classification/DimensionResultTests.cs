using Clientele.Classification;

namespace Clientele.Core.Tests.Classification;

public sealed class DimensionResultTests
{
    [Fact]
    public void Counts_tally_every_class_with_nulls_as_n_a_most_first_and_ties_in_the_order_first_met()
    {
        string?[] classes = ["b", null, "a", "b", "c", "a", null, "d", "b", "c"];
        var result = new DimensionResult("test", classes, new string?[classes.Length], "rules");

        // b 3; then n/a, a and c 2 each, in the order first met; then d 1.
        Assert.Equal([KeyValuePair.Create("b", 3), KeyValuePair.Create("n/a", 2), KeyValuePair.Create("a", 2), KeyValuePair.Create("c", 2), KeyValuePair.Create("d", 1)],
            result.Counts());
    }

    [Fact]
    public void Counts_of_a_seeded_million_are_those_of_grouping_them()
    {
        var random = new Random(5);
        string?[] names = ["active", "at-risk", "lapsed", "lost", null, "new"];
        var classes = new string?[1_000_000];
        for (var i = 0; i < classes.Length; i++) classes[i] = names[Math.Min(random.Next(8), names.Length - 1)];
        var result = new DimensionResult("churn_status", classes, new string?[classes.Length], "rules");

        var grouped = classes.GroupBy(c => c ?? "n/a").Select(g => KeyValuePair.Create(g.Key, g.Count())).OrderByDescending(p => p.Value);
        Assert.Equal(grouped, result.Counts());
    }
}
