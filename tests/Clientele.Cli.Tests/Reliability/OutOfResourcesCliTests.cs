using System.Diagnostics;
using System.Globalization;
using System.Text;
using Clientele.Storage.Tests;

namespace Clientele.Cli.Tests.Reliability;

/// <summary>
/// A full disk, for real: the standard output sent to <c>/dev/full</c> (a real process), and a workspace, its temporary files
/// and the command's output files on a small tmpfs filled to the last byte (<see cref="SmallDisk"/>: mounted by the test,
/// which needs root; skipped and said so otherwise). Each command says what ran out and where, exits <see cref="CliApp.OutOfResources"/>, leaves no
/// file of its own behind, and the workspace is as it was: once there is room again, it takes the same import.
/// </summary>
public sealed class OutOfResourcesCliTests : IDisposable
{
    private readonly CliRun _files = new();

    [Fact]
    public void A_full_standard_output_is_told_as_the_outputs_disk_space_not_as_a_bug()
    {
        if (!File.Exists("/dev/full")) Assert.Skip("SKIPPED: this system has no /dev/full to write to.");
        Assert.Equal(0, _files.Run("init").Code);

        var (code, error) = Process(_files.Workspace, "/dev/full", "status");

        Assert.True(code == CliApp.OutOfResources, $"exit {code}: {error}");
        Assert.StartsWith("error: out of disk space: cannot write the standard output: No space left on device. The workspace is as it was before the command", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Commands_on_a_full_disk_say_so_exit_out_of_resources_leave_nothing_behind_and_change_nothing()
    {
        using var disk = new SmallDisk(32);
        using var cli = new CliRun(Path.Combine(disk.Path, "w.duckdb"));
        Assert.Equal(0, cli.Run("init").Code);
        Assert.Equal(0, cli.Run("import", "orders", Orders("first", 2_000)).Code);
        Assert.Equal(0, cli.Run("analyze").Code);
        var second = Orders("second", 40_000);
        var before = cli.Run("status", "--format", "json").Out;
        disk.Fill();

        foreach (var args in new[]
                 {
                     ["import", "orders", second],
                     ["import", "orders", second, "--skip-bad-rows", "--rejects", Path.Combine(disk.Path, "rejects.csv")],
                     ["analyze"],
                     ["export", "--out", Path.Combine(disk.Path, "export.csv")],
                     ["summary", "--format", "csv", "--out", Path.Combine(disk.Path, "summary.csv")],
                     // No file of ours: DuckDB's own write-ahead log refuses the commit.
                     new[] { "override", "C1", "--dimension", "value_tier", "--class", "VIP", "--reason", new string('x', 4_000) },
                 })
        {
            var (code, _, error) = cli.Run(args);
            var told = error.Split('\n').Where(line => line.StartsWith("error: ", StringComparison.Ordinal)).ToList();
            var command = string.Join(' ', args.Take(2));
            Assert.True(code == CliApp.OutOfResources, $"{command}: exit {code}: {error}");
            Assert.True(told is [var line] && line.StartsWith("error: out of disk space: ", StringComparison.Ordinal) &&
                        line.Contains("No space left on device", StringComparison.Ordinal) &&
                        line.Contains($"the workspace's is {disk.Path}", StringComparison.Ordinal), $"{command}: {error}");
            Assert.True(disk.Others("w.duckdb", "w.duckdb.wal") is [], $"{command} left {string.Join(", ", disk.Others("w.duckdb", "w.duckdb.wal"))}");
        }

        disk.Empty();
        Assert.Equal(before, cli.Run("status", "--format", "json").Out);
        var again = cli.Run("import", "orders", second);
        Assert.True(again.Code == 0, again.Error);
        Assert.Contains("40,000 added", again.Out, StringComparison.Ordinal);
    }

    /// <summary>Runs the real executable with its standard output sent to <paramref name="output"/>; returns its exit code and standard error.</summary>
    private static (int Code, string Error) Process(string workspace, string output, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "clientele.dll");
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-c", "exec dotnet \"$@\" > \"$OUT\"", "run", dll, "--workspace", workspace, .. args]) start.ArgumentList.Add(arg);
        start.Environment["OUT"] = output;
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }

    private string Orders(string name, int rows)
    {
        var path = Path.Combine(_files.Folder, $"orders-{name}.csv");
        var text = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
        for (var i = 0; i < rows; i++)
            text.Append(CultureInfo.InvariantCulture, $"{name}-{i},C{i % 700},2024-{1 + i % 12:00}-{1 + i % 28:00},{10 + i % 990}.5\n");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    public void Dispose() => _files.Dispose();
}
