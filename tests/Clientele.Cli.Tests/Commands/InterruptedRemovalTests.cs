using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Clientele.Cli.Tests.Commands;

/// <summary>An undo or an erasure killed part-way (SIGKILL, a real process) leaves the workspace exactly as it was.</summary>
public sealed class InterruptedRemovalTests : IDisposable
{
    private readonly CliRun _cli = new();

    private string BigOrders(int rows, Func<int, string> customer)
    {
        var path = Path.Combine(_cli.Folder, "big.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("order_id,customer_id,ordered_at,amount\n");
        for (var i = 0; i < rows; i++) writer.Write($"B{i},{customer(i)},2024-{1 + i % 12:00}-{1 + i % 28:00},{i % 1000}.25\n");
        return path;
    }

    /// <summary>Starts the real executable, kills it (SIGKILL) when standard error shows <paramref name="line"/>, and returns once it is dead.</summary>
    private void KillDuring(string line, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "clientele.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "--workspace", _cli.Workspace }.Concat(args)) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var seen = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) => { if (e.Data?.Contains(line, StringComparison.Ordinal) == true) seen.TrySetResult(); };
        process.BeginErrorReadLine();
        var finished = process.WaitForExitAsync();
        Assert.True(Task.WaitAny([seen.Task, finished], TimeSpan.FromMinutes(2)) == 0, $"the command never reached '{line}'");
        process.Kill();
        process.WaitForExit();
        Assert.Equal(137, process.ExitCode);
    }

    private string State() =>
        _cli.Run("status", "--format", "json").Out + _cli.Run("status").Out;

    [Fact]
    public void A_killed_undo_leaves_the_workspace_as_it_was()
    {
        Assert.Equal(0, _cli.Run("import", "customers", _cli.File("c.csv", "customer_id,name\nC1,Ada\n")).Code);
        Assert.Equal(0, _cli.Run("import", "orders", BigOrders(1_500_000, i => $"C{i % 50_000}")).Code);
        var before = State();
        KillDuring("undo #2: removing from customers", "import", "--undo", "2", "--yes");
        Assert.Equal(before, State());
        Assert.Equal(1_500_000, JsonSerializer.Deserialize<Dictionary<string, long>>(_cli.Run("status", "--format", "json").Out)!["orders"]);
    }

    [Fact]
    public void A_killed_erasure_leaves_the_workspace_as_it_was()
    {
        Assert.Equal(0, _cli.Run("import", "orders", BigOrders(1_500_000, i => i % 10 == 0 ? $"C{i}" : "BIG")).Code);
        Assert.Equal(0, _cli.Run("import", "contacts", _cli.File("k.csv", "contact_id,customer_id\nK1,BIG\n")).Code);
        Assert.Equal(0, _cli.Run("import", "buying_roles", _cli.File("r.csv", "contact_id,role\nK1,decider\n")).Code);
        var before = State();
        KillDuring("erase: removing from buying_roles", "erase", "BIG", "--yes");
        Assert.Equal(before, State());
        Assert.Equal(1, JsonSerializer.Deserialize<Dictionary<string, long>>(_cli.Run("status", "--format", "json").Out)!["buying_roles"]);
    }

    public void Dispose() => _cli.Dispose();
}
