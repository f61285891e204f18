using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Clientele.Cli.Commands;
using Clientele.Cli.Serving;
using Clientele.Storage;
using Clientele.Storage.Tests.Snapshots;
using DuckDB.NET.Data;
using Spectre.Console.Testing;

namespace Clientele.Cli.Tests.Serving;

/// <summary>
/// A real <c>clientele serve</c> on a loopback port holds a workspace with two analyses, and real <c>clientele</c> processes
/// (which cannot open the held file) run commands on it: the read commands print what they print without the server,
/// the writing commands stop with exit code 1 and say how to do it through the server or after stopping it.
/// </summary>
public sealed partial class ServedWorkspaceTests : IDisposable
{
    private readonly CliRun _cli = new();

    public ServedWorkspaceTests()
    {
        Assert.Equal(0, _cli.Run("init").Code);
        using var connection = new DuckDBConnection($"Data Source={_cli.Workspace}");
        connection.Open();
        HandMadeSnapshots.InsertBoth(connection);
    }

    private static readonly string[][] ReadCommands =
    [
        ["status"],
        ["customers", "--top", "5"],
        ["customers", "--format", "csv", "--where", "ladder=customer,supporter"],
        ["customer", "C1"],
        ["customer", "NOBODY"],
        ["segments", "--dimension", "ladder"],
        ["concerns", "--dimension", "churn-status"],
        ["transitions", "--dimension", "ladder", "--from", "2024-06-30", "--to", "2024-12-31"],
        ["override", "--list"],
        ["options"],
        ["currency"],
    ];

    [Fact]
    public async Task Every_read_command_prints_through_the_server_what_it_prints_from_the_file()
    {
        var commands = ReadCommands;
        var direct = commands.Select(args => Clientele(args)).ToList();
        Assert.All(direct, run => Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal));
        Assert.Contains(direct, run => run.Code == 1); // the unknown customer: errors travel too

        var (_, _, _, serving, stop) = await ServeAsync();
        var served = commands.Select(args => Clientele(args)).ToList();
        await stop.CancelAsync();
        await serving;

        for (var i = 0; i < commands.Length; i++)
        {
            var what = string.Join(' ', commands[i]);
            Assert.True(direct[i] == served[i], $"`{what}` differs through the server:\n{direct[i]}\n---\n{served[i]}");
        }
    }

    [Fact]
    public async Task Export_through_the_server_writes_the_same_file_at_the_path_relative_to_the_callers_folder()
    {
        var first = Clientele("export", "--out", "direct.csv");
        Assert.Equal(0, first.Code);
        var (_, _, _, serving, stop) = await ServeAsync();
        var second = Clientele("export", "--out", "served.csv");
        await stop.CancelAsync();
        await serving;

        Assert.Equal(0, second.Code);
        Assert.Equal(first.Out.Replace("direct.csv", "served.csv", StringComparison.Ordinal), second.Out);
        Assert.Equal(File.ReadAllText(Path.Combine(_cli.Folder, "direct.csv")), File.ReadAllText(Path.Combine(_cli.Folder, "served.csv")));
    }

    private static readonly (string[] Args, string Expected)[] WritingCommands =
    [
        (["analyze"], "POST {url}/api/analyses"),
        (["import", "orders", "orders.csv"], "POST {url}/api/imports"),
        (["import", "--undo", "3", "--yes"], "POST {url}/api/imports/3/undo"),
        (["erase", "C1", "--yes"], "DELETE {url}/api/customers/C1"),
        (["override", "C1", "--dimension", "ladder", "--class", "partner", "--reason", "says so"], "PUT {url}/api/customers/C1/overrides/ladder"),
        (["users", "reset-password", "admin"], "PUT {url}/api/users/admin"),
        (["options", "--reset"], "`options` cannot change it now: stop the server"),
        (["currency", "EUR"], "PUT {url}/api/settings/money"),
        (["model", "fit", "--model", "bgnbd"], "`model fit` cannot change it now: stop the server"),
    ];

    [Fact]
    public async Task A_writing_command_stops_with_exit_1_and_names_the_api_call_or_stopping_the_server()
    {
        var (_, _, url, serving, stop) = await ServeAsync();
        var runs = WritingCommands.Select(c => Clientele(c.Args)).ToList();
        var status = Clientele("status");
        await stop.CancelAsync();
        await serving;

        for (var i = 0; i < runs.Count; i++)
        {
            var (run, expected) = (runs[i], WritingCommands[i].Expected.Replace("{url}", url, StringComparison.Ordinal));
            var what = string.Join(' ', WritingCommands[i].Args);
            Assert.True(run.Code == CliApp.UserError && run.Out.Length == 0, $"`{what}`: {run}");
            Assert.True(run.Error.Contains(expected, StringComparison.Ordinal), $"`{what}` does not say {expected}: {run}");
            Assert.True(run.Error.Contains($"kill {Environment.ProcessId}) and run this command again.", StringComparison.Ordinal), $"`{what}`: {run}");
            Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
        }
        Assert.Contains("schema version", status.Out, StringComparison.Ordinal); // the server still answers
    }

    [Fact]
    public async Task The_server_answers_only_its_own_token_and_runs_read_commands_only()
    {
        var (_, _, url, serving, stop) = await ServeAsync();
        var note = ServingRecord.PathFor(_cli.Workspace);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(note));
        var record = ServingRecord.Read(_cli.Workspace)!;
        Assert.Matches("^[0-9A-F]{64}$", record.LocalToken);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var request = new LocalCommands.Request(["--workspace", _cli.Workspace, "erase", "C1", "--yes"], _cli.Folder, new Dictionary<string, string>(), "clientele", 200, false, true);

        var stranger = await http.PostAsJsonAsync(LocalCommands.Path, request, TestContext.Current.CancellationToken);
        http.DefaultRequestHeaders.Add(LocalCommands.TokenHeader, record.LocalToken);
        var owner = await http.PostAsJsonAsync(LocalCommands.Path, request, TestContext.Current.CancellationToken);
        var result = await owner.Content.ReadFromJsonAsync<LocalCommands.Result>(TestContext.Current.CancellationToken);
        var after = Clientele("customer", "C1");
        await stop.CancelAsync();
        await serving;

        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
        Assert.Equal(CliApp.UserError, result!.ExitCode);
        Assert.Contains("the server runs the CLI's read commands only, not `erase`", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, after.Code);
        Assert.False(File.Exists(note));
    }

    /// <summary>What a real <c>clientele</c> process printed, and its exit code.</summary>
    private sealed record Outcome(int Code, string Out, string Error)
    {
        public override string ToString() => $"exit {Code}\n{Out}\n(stderr) {Error}";
    }

    private Outcome Clientele(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = _cli.Folder };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "clientele.dll"), "--workspace", "w.duckdb" }.Concat(args)) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new Outcome(process.ExitCode, output, error.Result);
    }

    private async Task<(TestConsole Output, StringWriter Error, string Url, Task Serving, CancellationTokenSource Stop)> ServeAsync()
    {
        var console = new TestConsole();
        console.Profile.Width = 4000;
        var error = new StringWriter();
        var context = new CliContext(console, error, TimeProvider.System, name => name == "CLIENTELE_ADMIN_PASSWORD" ? "served-workspace-passphrase" : null, Interactive: false);
        var stop = new CancellationTokenSource();
        var serving = ServeCommand.Run(context, _cli.Workspace, "http://127.0.0.1:0", stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        Match match;
        while (!(match = Serving().Match(console.Output)).Success)
        {
            if (serving.IsCompleted) await serving;
            Assert.True(DateTime.UtcNow < deadline, "the server did not start within a minute: " + console.Output + error);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        return (console, error, match.Groups[1].Value, serving, stop);
    }

    [GeneratedRegex(@"at (http://[^ ,]+)\. Press Ctrl\+C")]
    private static partial Regex Serving();

    public void Dispose() => _cli.Dispose();
}
