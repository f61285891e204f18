using System.Net;
using System.Text.RegularExpressions;
using Clientele.Cli.Commands;
using Clientele.Web.Hosting;
using Spectre.Console.Testing;

namespace Clientele.Cli.Tests.Commands;

public sealed partial class ServeCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task Serve_creates_the_workspace_and_the_first_admin_answers_health_and_stops_when_cancelled()
    {
        var (output, error, url, serving, stop) = await StartAsync("http://127.0.0.1:0", "passphrase-from-the-environment");
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var health = await http.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/me", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Contains("Created the user 'admin' (admin) with the password from CLIENTELE_ADMIN_PASSWORD.", output.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", error.ToString(), StringComparison.Ordinal);
        await stop.CancelAsync();
        await serving;
        Assert.Contains("Stopped.", output.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(_cli.Workspace));
    }

    [Fact]
    public async Task Without_a_password_in_the_environment_a_one_time_password_is_printed_once()
    {
        var (output, _, _, serving, stop) = await StartAsync("http://127.0.0.1:0", null);
        Assert.Matches("one-time password [A-Za-z0-9]{16}", output.Output);
        await stop.CancelAsync();
        await serving;
    }

    [Fact]
    public async Task Listening_beyond_loopback_warns_to_put_https_in_front()
    {
        var (_, error, _, serving, stop) = await StartAsync("http://0.0.0.0:0", "passphrase-from-the-environment");
        Assert.Contains("put HTTPS", error.ToString(), StringComparison.Ordinal);
        await stop.CancelAsync();
        await serving;
    }

    [Fact]
    public async Task Another_process_changing_the_served_workspace_is_told_where_it_is_served_and_how_to_change_it()
    {
        var (_, _, url, serving, stop) = await StartAsync("http://127.0.0.1:0", "passphrase-from-the-environment");
        var note = Clientele.Storage.ServingRecord.PathFor(_cli.Workspace);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(note));

        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "clientele.dll"), "--workspace", _cli.Workspace, "analyze" }) start.ArgumentList.Add(arg);
        using var other = System.Diagnostics.Process.Start(start)!;
        var error = await other.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await other.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, other.ExitCode);
        Assert.Contains($"`clientele serve` (process {Environment.ProcessId}) holds the workspace and serves it at {url}, so `analyze` cannot change it now", error, StringComparison.Ordinal);
        Assert.Contains($"POST {url}/api/analyses", error, StringComparison.Ordinal);
        Assert.Contains($"or stop the server (Ctrl+C where it runs, or kill {Environment.ProcessId})", error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
        await stop.CancelAsync();
        await serving;
        Assert.False(File.Exists(note));
    }

    [Fact]
    public async Task Serve_on_a_port_in_use_is_a_clear_error_naming_the_port_and_how_to_choose_another()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var run = Task.Run(() => _cli.Run("serve", "--urls", $"http://127.0.0.1:{port}"), TestContext.Current.CancellationToken);
        Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken)) == run, "serve did not give up on a port in use");
        var (code, _, error) = await run;
        Assert.Equal(CliApp.UserError, code);
        Assert.Contains($"port {port} is in use", error, StringComparison.Ordinal);
        Assert.Contains("--urls", error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trusted_proxy_that_is_not_an_address_is_a_clear_error()
    {
        var (code, _, error) = _cli.Run("serve", "--trusted-proxy", "proxy.example");
        Assert.Equal(CliApp.UserError, code);
        Assert.Contains("--trusted-proxy 'proxy.example' is not an IP address", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6")]
    [InlineData("6 hours")]
    [InlineData("0m")]
    [InlineData("31d")]
    [InlineData("-1h")]
    public void An_analysis_interval_that_is_not_one_is_a_clear_error(string interval)
    {
        var (code, _, error) = _cli.Run("serve", "--analyze-every", interval);
        Assert.Equal(CliApp.UserError, code);
        Assert.Contains($"--analyze-every '{interval}' is not an interval between 1s and 30d: write a whole number and a unit (s, m, h or d), e.g. 30m, 6h or 1d.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("45s", 45)]
    [InlineData("30m", 1_800)]
    [InlineData(" 6h ", 21_600)]
    [InlineData("30d", 2_592_000)]
    public void An_analysis_interval_reads_in_seconds_minutes_hours_or_days_and_reads_back_the_same(string text, int seconds)
    {
        var interval = ServerSettings.ParseInterval(text, "--analyze-every")!.Value;
        Assert.Equal(TimeSpan.FromSeconds(seconds), interval);
        Assert.Equal(text.Trim(), ServerSettings.FormatInterval(interval));
    }

    [Fact]
    public void A_weak_first_admin_password_from_the_environment_is_refused_with_the_reason()
    {
        var console = new TestConsole();
        var error = new StringWriter();
        var context = new CliContext(console, error, TimeProvider.System,
            name => name switch { "CLIENTELE_ADMIN_PASSWORD" => "password1234", "CLIENTELE_WORKSPACE" => _cli.Workspace, _ => null }, Interactive: false);
        Assert.Equal(CliApp.UserError, CliApp.Run(["serve", "--urls", "http://127.0.0.1:0"], context));
        Assert.Contains("CLIENTELE_ADMIN_PASSWORD is refused: that password is among the most common ones", error.ToString(), StringComparison.Ordinal);
    }

    private Task<(TestConsole Output, StringWriter Error, string Url, Task Serving, CancellationTokenSource Stop)> StartAsync(string urls, string? password) =>
        StartAsync(_cli.Workspace, urls, password);

    /// <summary>Starts <c>clientele serve</c> in this process on <paramref name="workspace"/> and waits until it listens; cancel Stop to end it.</summary>
    internal static async Task<(TestConsole Output, StringWriter Error, string Url, Task Serving, CancellationTokenSource Stop)> StartAsync(string workspace, string urls, string? password)
    {
        var console = new TestConsole();
        console.Profile.Width = 4000;
        var error = new StringWriter();
        var context = new CliContext(console, error, TimeProvider.System, name => name == "CLIENTELE_ADMIN_PASSWORD" ? password : null, Interactive: false);
        var stop = new CancellationTokenSource();
        var serving = ServeCommand.Run(context, workspace, urls, stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        Match match;
        while (!(match = Serving().Match(console.Output)).Success)
        {
            if (serving.IsCompleted) await serving;
            Assert.True(DateTime.UtcNow < deadline, "the server did not start within a minute: " + console.Output + error);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        return (console, error, match.Groups[1].Value.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal), serving, stop);
    }

    [GeneratedRegex(@"at (http://[^ ,]+)\. Press Ctrl\+C")]
    private static partial Regex Serving();

    public void Dispose() => _cli.Dispose();
}
