using Clientele.Cli.Output;
using Spectre.Console.Testing;

namespace Clientele.Cli.Tests.Output;

/// <summary>The plain progress lines written to standard error when output is redirected (a log, a pipe).</summary>
public sealed class ProgressReporterTests
{
    [Fact]
    public void Redirected_progress_is_a_line_each_tenth_and_each_new_stage_not_each_count()
    {
        var error = new StringWriter();
        var context = new CliContext(new TestConsole(), error, TimeProvider.System, _ => null, Interactive: false);
        // As an import of 1,000,000 rows reports: every 16,384 rows read, then storing.
        ProgressReporter.Run(context, "import orders", report =>
        {
            for (var rows = 16_384; rows < 1_000_000; rows += 16_384) report(rows, 1_000_000, $"{rows:N0} rows");
            report(1_000_000, 1_000_000, "1,000,000 rows");
            report(1_000_000, 1_000_000, "storing 1,000,000 rows");
            return 0;
        });
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["import orders: 0% 16,384 rows", "import orders: 10% 114,688 rows", "import orders: 20% 212,992 rows", "import orders: 30% 311,296 rows",
             "import orders: 40% 409,600 rows", "import orders: 50% 507,904 rows", "import orders: 60% 606,208 rows", "import orders: 70% 704,512 rows",
             "import orders: 80% 802,816 rows", "import orders: 90% 901,120 rows", "import orders: 100% 1,000,000 rows",
             "import orders: 100% storing 1,000,000 rows"],
            lines);
    }

    [Theory]
    [InlineData("storing 5,000 rows", "storing 7,000,000 rows", true)]
    [InlineData("5,000 rows", "storing 5,000 rows", false)]
    [InlineData("orders", "interactions", false)]
    [InlineData("", "", true)]
    public void A_stage_is_the_detail_without_its_counts(string a, string b, bool same) =>
        Assert.Equal(same, ProgressReporter.Stage(a) == ProgressReporter.Stage(b));
}
