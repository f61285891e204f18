using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Clientele.Cli.Tests.Commands;

/// <summary>A <c>clientele import</c> process killed part-way leaves the workspace exactly as it was.</summary>
public sealed class InterruptedImportTests : IDisposable
{
    private readonly CliRun _cli = new();

    private string BigOrders(int rows)
    {
        var path = Path.Combine(_cli.Folder, "big.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("order_id,customer_id,ordered_at,amount\n");
        for (var i = 0; i < rows; i++) writer.Write($"B{i},C{i % 50_000},2024-{1 + i % 12:00}-{1 + i % 28:00},{i % 1000}.25\n");
        return path;
    }

    /// <summary>Starts the real executable, kills it when standard error shows <paramref name="stage"/>, and returns once it is dead.</summary>
    private void KillDuring(string file, string stage)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "clientele.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "--workspace", _cli.Workspace, "import", "orders", file }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var seen = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) => { if (e.Data?.Contains(stage, StringComparison.Ordinal) == true) seen.TrySetResult(); };
        process.BeginErrorReadLine();
        var finished = process.WaitForExitAsync();
        Assert.True(Task.WaitAny([seen.Task, finished], TimeSpan.FromMinutes(2)) == 0, $"the import never reached '{stage}'");
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    private Dictionary<string, long> Counts() => JsonSerializer.Deserialize<Dictionary<string, long>>(_cli.Run("status", "--format", "json").Out)!;

    [Theory]
    [InlineData("import orders: 10%")]
    [InlineData("storing")]
    public void A_killed_import_leaves_the_workspace_as_it_was(string stage)
    {
        Assert.Equal(0, _cli.Run("import", "orders", _cli.File("small.csv", "order_id,customer_id,ordered_at,amount\nS1,C1,2024-01-05,10\n")).Code);
        var before = Counts();
        KillDuring(BigOrders(1_500_000), stage);
        Assert.Equal(before, Counts());
        Assert.Contains("1 imports", _cli.Run("status").Out);
        Assert.Contains("small.csv", _cli.Run("status").Out);
        Assert.Empty(Directory.GetFiles(_cli.Folder, ".w.duckdb.import-*"));
    }

    public void Dispose() => _cli.Dispose();
}
