using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Clientele.Storage.Tests;

namespace Clientele.Cli.Tests.Packaging;

/// <summary>
/// The tool as a user gets it: <c>dotnet pack</c> of the CLI (from this test run's build, without building again),
/// <c>dotnet tool install</c> into a temporary tool path from that package alone, and the installed <c>clientele</c>
/// serving the dashboard's sign-in page and every file the page loads from a fresh workspace.
/// </summary>
public sealed partial class ToolPackageTests : IDisposable
{
    private const string AdminPassword = "tool-package-passphrase";
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(5);
    private readonly string _folder = Directory.CreateTempSubdirectory("clientele-tool-").FullName;
    private readonly StringBuilder _log = new();

    [Fact]
    public async Task The_installed_tool_serves_the_sign_in_page_and_every_file_it_loads()
    {
        var packages = Path.Combine(_folder, "packages");
        var tools = Path.Combine(_folder, "tools");
        var configuration = typeof(ToolPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        await RunAsync("dotnet", "pack", Path.Combine(SharedData.Repository, "src", "Clientele.Cli"), "--no-build", "-c", configuration, "-o", packages);

        // Only the package just made: no other source, so a network outage or a published package of the same id cannot interfere.
        var config = Path.Combine(_folder, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        await RunAsync("dotnet", "tool", "install", "--tool-path", tools, "--configfile", config, "Clientele.Cli");

        var clientele = Path.Combine(tools, OperatingSystem.IsWindows() ? "clientele.exe" : "clientele");
        var workspace = Path.Combine(_folder, "workspace.duckdb");
        await RunAsync(clientele, "--workspace", workspace, "init");
        using var server = Serve(clientele, workspace);
        var address = await server.Address;

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var page = await http.GetAsync("/signin", TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form", html, StringComparison.Ordinal);

        var files = LinkedFile().Matches(html).Select(match => match.Groups[1].Value).Where(link => !link.Contains("://", StringComparison.Ordinal) && link != "/").Distinct().ToList();
        Assert.Contains(files, file => file.StartsWith("css/clientele.", StringComparison.Ordinal) && file.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(files, file => file.StartsWith("lib/echarts/echarts.min", StringComparison.Ordinal));
        Assert.Contains(files, file => file.StartsWith("_framework/blazor.web", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var answer = await http.GetAsync("/" + file.TrimStart('/'), TestContext.Current.CancellationToken);
            var body = await answer.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            Assert.True(answer.StatusCode == HttpStatusCode.OK && body.Length > 0, $"{file}: {(int)answer.StatusCode}, {body.Length} bytes");
        }
        // The unfingerprinted names are served too (a bookmark or an older page).
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/css/clientele.css", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/lib/echarts/echarts.min.js", TestContext.Current.CancellationToken)).StatusCode);
    }

    /// <summary>Runs a command to its end; fails the test with its output when it fails.</summary>
    private async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(Start(program, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(StepLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`{program} {string.Join(' ', arguments)}` did not end within {StepLimit.TotalMinutes} minutes.");
        }
        var text = await output + await error;
        Assert.True(process.ExitCode == 0, $"`{program} {string.Join(' ', arguments)}` exited with {process.ExitCode}:\n{text}");
    }

    private ProcessStartInfo Start(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = _folder };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // `dotnet test` sets MSBuild's variables for its own build; a nested `dotnet pack` must find its SDK afresh.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["TMPDIR"] = Directory.CreateDirectory(Path.Combine(_folder, "tmp")).FullName;
        return start;
    }

    /// <summary>The server process; killed (with its children) when disposed.</summary>
    private sealed class Server(Process process, Task<Uri> address) : IDisposable
    {
        public Task<Uri> Address => address;

        public void Dispose()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            // With a time limit: without one, WaitForExit also waits for the end of the redirected output.
            process.WaitForExit(TimeSpan.FromSeconds(30));
            process.Dispose();
        }
    }

    private Server Serve(string clientele, string workspace)
    {
        var start = Start(clientele, ["--workspace", workspace, "serve", "--urls", "http://127.0.0.1:0"]);
        start.Environment["CLIENTELE_ADMIN_PASSWORD"] = AdminPassword;
        var process = Process.Start(start)!;
        var serving = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (_log) _log.AppendLine(e.Data);
            if (Serving().Match(e.Data) is { Success: true } match) serving.TrySetResult(new Uri(match.Groups[1].Value));
        }
        process.OutputDataReceived += Read;
        process.ErrorDataReceived += Read;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Server(process, Started());

        async Task<Uri> Started()
        {
            if (await Task.WhenAny(serving.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2))) != serving.Task)
            {
                lock (_log) Assert.Fail("the installed tool's server did not start:\n" + _log);
            }
            return await serving.Task;
        }
    }

    [GeneratedRegex(@"^Serving .* at (http://[^ ,]+)\. Press")]
    private static partial Regex Serving();

    [GeneratedRegex("""(?:href|src)="([^"?#]+)""")]
    private static partial Regex LinkedFile();

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
