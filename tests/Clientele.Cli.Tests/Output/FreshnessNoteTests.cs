using Clientele.Storage.Tests.Snapshots;
using DuckDB.NET.Data;

namespace Clientele.Cli.Tests.Output;

/// <summary>The read commands say on standard error when the latest analysis is older than the latest import.</summary>
public sealed class FreshnessNoteTests : IDisposable
{
    private const string Stale = "warning: The latest analysis (as of 2024-12-31, run 2025-01-02 03:04 UTC) is older than the latest import";

    private readonly CliRun _cli = new();

    public static TheoryData<string[]> ReadCommands => new()
    {
        new[] { "customers" },
        new[] { "customer", "C1" },
        new[] { "segments" },
        new[] { "transitions", "--dimension", "ladder", "--from", "2024-06-30", "--to", "2024-12-31" },
        new[] { "export", "--out", "x.csv" },
    };

    /// <summary>Two hand-made analyses, both run 2025-01-02 03:04:05 UTC.</summary>
    private void Analyses()
    {
        Assert.Equal(0, _cli.Run("init").Code);
        using var connection = new DuckDBConnection($"Data Source={_cli.Workspace}");
        connection.Open();
        HandMadeSnapshots.InsertBoth(connection);
    }

    [Theory]
    [MemberData(nameof(ReadCommands))]
    public void A_read_command_warns_on_stderr_after_an_import_newer_than_the_analysis_and_its_output_stays_the_same(string[] args)
    {
        args = [.. args.Select(a => a.EndsWith(".csv", StringComparison.Ordinal) ? Path.Combine(_cli.Folder, a) : a)];
        Analyses();
        var (code, before, quiet) = _cli.Run(args);
        Assert.Equal(0, code);
        Assert.DoesNotContain("warning:", quiet);

        var orders = _cli.File("o.csv", "customer_id,ordered_at,amount\nC1,2025-01-05,10\n");
        Assert.Equal(0, _cli.Run("import", "orders", orders).Code);
        var (codeAfter, after, error) = _cli.Run(args);
        Assert.Equal(0, codeAfter);
        Assert.Equal(before, after);
        Assert.Contains(Stale, error);
        Assert.Matches(@"1 import since then changed 1 customer \([0-9.]+ % of [0-9,]+\), whose classes do not show it yet\. Run `clientele analyze` to include it\.", error);
    }

    public void Dispose() => _cli.Dispose();
}
