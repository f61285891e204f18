using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Clientele.Cli.Tests;

/// <summary>A real <c>clientele import</c> process, killed part-way: what the kill-safety tests of both engines run.</summary>
internal static class KilledImport
{
    /// <summary>Writes an orders file of <paramref name="rows"/> rows (50,000 customers) into <paramref name="folder"/> and returns its path.</summary>
    public static string BigOrders(string folder, int rows)
    {
        var path = Path.Combine(folder, "big.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("order_id,customer_id,ordered_at,amount\n");
        for (var i = 0; i < rows; i++) writer.Write(string.Create(CultureInfo.InvariantCulture, $"B{i},C{i % 50_000},2024-{1 + i % 12:00}-{1 + i % 28:00},{i % 1000}.25\n"));
        return path;
    }

    /// <summary>Starts the real executable's import of <paramref name="file"/> into <paramref name="workspace"/>, kills it when standard error shows <paramref name="stage"/>, and returns once it is dead.</summary>
    public static void KillDuring(string workspace, string file, string stage)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "clientele.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "--workspace", workspace, "import", "orders", file }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var seen = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) => { if (e.Data?.Contains(stage, StringComparison.Ordinal) == true) seen.TrySetResult(); };
        process.BeginErrorReadLine();
        var finished = process.WaitForExitAsync();
        Assert.True(Task.WaitAny([seen.Task, finished], TimeSpan.FromMinutes(2)) == 0, $"the import never reached '{stage}'");
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }
}
