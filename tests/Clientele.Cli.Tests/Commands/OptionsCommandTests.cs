using Clientele.Cli.Output;
using Clientele.Storage.Tests;

namespace Clientele.Cli.Tests.Commands;

/// <summary><c>clientele options</c>: values checked against their ranges, retired options named, and the guide (docs/options.md) kept equal to the code.</summary>
public sealed class OptionsCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("{\"valueClass\":{\"mgcShare\":2.5}}", "valueClass.mgcShare is 2.5; allowed: 0 to 1")]
    [InlineData("{\"churn\":{\"activeFrom\":0.2}}", "churn.atRiskFrom: P(alive) thresholds must be ordered lapsedFrom ≤ atRiskFrom ≤ activeFrom")]
    [InlineData("{\"scoring\":{\"model\":\"gbm\"}}", "scoring.model: model is 'gbm'; allowed: auto, bgnbd, pnbd")]
    [InlineData("{\"playbook\":{\"actions\":{\"value_class\":{\"VIP\":\"x\"}}}}", "actions.value_class.VIP: not a class of value_class")]
    [InlineData("{\"ladder\":{\"lapsingBelow\":0.5}}", "the option lapsingBelow was retired")]
    [InlineData("{\"strategy\":{\"walletSpendQuantile\":0.2}}", "strategy.walletSpendQuantile is 0.2; allowed: 0.5 to 1")]
    public void A_value_out_of_its_range_is_refused_with_the_file_the_key_and_what_is_allowed(string json, string expected)
    {
        Assert.Equal(0, _cli.Run("init").Code);
        var file = _cli.File("options.json", json);
        var set = _cli.Run("options", "--set", file);
        Assert.Equal(1, set.Code);
        Assert.Contains("options.json", set.Error);
        Assert.Contains(expected, set.Error);
        Assert.DoesNotContain("internal error", set.Error);
        Assert.Contains("\"mgcShare\": 0.25", _cli.Run("options").Out);
    }

    [Fact]
    public void The_explanation_names_every_option_with_its_default_and_range()
    {
        var explain = _cli.Run("options", "--explain");
        Assert.Equal(0, explain.Code);
        Assert.Contains("| `valueClass.mgcShare` | `0.25` | 0 to 1 |", explain.Out);
        Assert.Contains("| `structureMap.organizationLevels` | `[ \"industry\", \"domain\" ]` |", explain.Out);
    }

    [Fact]
    public void Docs_options_md_is_the_explanation()
    {
        var path = Path.Combine(SharedData.Repository, "docs", "options.md");
        var expected = OptionsGuide.Markdown();
        // CLIENTELE_WRITE_DOCS=1 rewrites the page after an option or its documentation changed.
        if (Environment.GetEnvironmentVariable("CLIENTELE_WRITE_DOCS") == "1") File.WriteAllText(path, expected);
        Assert.True(File.Exists(path) && File.ReadAllText(path) == expected,
            "docs/options.md differs from `clientele options --explain`: run `CLIENTELE_WRITE_DOCS=1 dotnet test --project tests/Clientele.Cli.Tests --filter-class \"*OptionsCommandTests*\"` and commit it.");
    }
}
