using Clientele.Scoring;

namespace Clientele.Core.Tests.Scoring;

public sealed class ModelChoiceTests
{
    [Fact]
    public void Every_candidate_has_a_name_in_words_and_another_name_stays_as_it_is()
    {
        Assert.Equal(["BG/NBD", "Pareto/NBD"], ModelChoice.Candidates.Select(ModelChoice.Title));
        Assert.Equal("gg", ModelChoice.Title("gg"));
    }
}
