using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;

namespace Clientele.Cli.Tests.Commands;

/// <summary>
/// The real <c>clientele serve</c> process, with a temporary folder of its own (TMPDIR): an upload leaves nothing behind
/// when it succeeds or fails, a server killed (SIGKILL) during an upload leaves its upload folder, and the next start
/// removes it; the console log tells of failed sign-ins and imports without any password.
/// </summary>
public sealed partial class KilledServerTests : IDisposable
{
    private const string AdminPassword = "killed-server-passphrase";
    private readonly CliRun _cli = new();
    private readonly string _temp;

    public KilledServerTests() => _temp = Directory.CreateDirectory(Path.Combine(_cli.Folder, "tmp")).FullName;

    private sealed class Server(Process process, StringBuilder log, Uri address) : IDisposable
    {
        public Process Process => process;

        public Uri Address => address;

        public string Log
        {
            get { lock (log) return log.ToString(); }
        }

        public void Dispose()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            // With a time limit: without one, WaitForExit also waits for the end of the redirected output.
            process.WaitForExit(TimeSpan.FromSeconds(30));
            process.Dispose();
        }
    }

    private async Task<Server> StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "clientele.dll"), "--workspace", _cli.Workspace, "serve", "--urls", "http://127.0.0.1:0" })
            start.ArgumentList.Add(arg);
        start.Environment["TMPDIR"] = _temp;
        start.Environment["CLIENTELE_ADMIN_PASSWORD"] = AdminPassword;
        var process = Process.Start(start)!;
        var log = new StringBuilder();
        var serving = new TaskCompletionSource<Uri>();
        void Read(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (log) log.AppendLine(e.Data);
            if (Serving().Match(e.Data) is { Success: true } match) serving.TrySetResult(new Uri(match.Groups[1].Value));
        }
        process.OutputDataReceived += Read;
        process.ErrorDataReceived += Read;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new Server(process, log, null!);
        if (await Task.WhenAny(serving.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2))) != serving.Task)
        {
            server.Dispose();
            Assert.Fail("the server did not start: " + server.Log);
        }
        return new Server(process, log, await serving.Task);
    }

    private static async Task<HttpClient> SignedInAsync(Uri address)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var page = await http.GetStringAsync("/signin");
        var signIn = await http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value, ["userName"] = "admin", ["password"] = AdminPassword, ["returnUrl"] = "/",
        }));
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        var me = await http.GetFromJsonAsync<Dictionary<string, object>>("/api/me");
        http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", me!["csrfToken"].ToString());
        return http;
    }

    private static MultipartFormDataContent Form(HttpContent file) => new() { { new StringContent("orders"), "table" }, { file, "file", "orders.csv" } };

    private string[] UploadFolders() => Directory.GetDirectories(_temp, "clientele-upload-*");

    /// <summary>A body that sends a header line and some rows, then never ends until the test lets it.</summary>
    private sealed class EndlessUpload(TaskCompletionSource release) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var rows = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
            for (var i = 0; i < 20_000; i++) rows.Append(FormattableString.Invariant($"K{i},C{i % 100},2024-01-05,10\n"));
            await stream.WriteAsync(Encoding.UTF8.GetBytes(rows.ToString()));
            await stream.FlushAsync();
            await release.Task;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Fact]
    public async Task A_server_killed_during_an_upload_leaves_its_upload_folder_and_the_next_start_removes_it()
    {
        var release = new TaskCompletionSource();
        using (var first = await StartAsync())
        {
            using var http = await SignedInAsync(first.Address);
            var upload = http.PostAsync("/api/imports", Form(new EndlessUpload(release)), TestContext.Current.CancellationToken);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!UploadFolders().Any(f => Directory.GetFiles(f).Any(file => new FileInfo(file).Length > 100_000)))
            {
                Assert.True(DateTime.UtcNow < deadline, $"the upload never reached the server's upload folder ({upload.Status}; {string.Join(", ", Directory.GetFileSystemEntries(_temp, "*", SearchOption.AllDirectories).Select(f => f + " " + (File.Exists(f) ? new FileInfo(f).Length : -1)))}): " + first.Log);
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
            first.Process.Kill();
            await first.Process.WaitForExitAsync(TestContext.Current.CancellationToken);
            release.TrySetResult();
            await Assert.ThrowsAnyAsync<Exception>(() => upload);
            Assert.Single(UploadFolders());
        }

        using var second = await StartAsync();
        Assert.Empty(UploadFolders());
        Assert.Contains("Removed 1 upload folder(s)", second.Log, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_temp, "ASPNETCORE_*"));
    }

    [Fact]
    public async Task Uploads_leave_nothing_in_the_temporary_folder_and_the_log_tells_of_sign_ins_and_imports_without_passwords()
    {
        using var server = await StartAsync();
        using var http = await SignedInAsync(server.Address);
        var good = await http.PostAsync("/api/imports", Form(new StringContent("order_id,customer_id,ordered_at,amount\nG1,C1,2024-01-05,10\n")), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var bad = await http.PostAsync("/api/imports", Form(new StringContent("order_id,customer_id,ordered_at,amount\nB1,C1,someday,10\n")), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Empty(UploadFolders());
        Assert.Empty(Directory.GetFiles(_temp, "ASPNETCORE_*"));

        using var stranger = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address };
        var page = await stranger.GetStringAsync("/signin", TestContext.Current.CancellationToken);
        await stranger.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value, ["userName"] = "mallory", ["password"] = "guessed-secret-value", ["returnUrl"] = "/",
        }), TestContext.Current.CancellationToken);
        await stranger.GetAsync("/api/customers", TestContext.Current.CancellationToken);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!server.Log.Contains("GET /api/customers failed with 401", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            await Task.Delay(50, TestContext.Current.CancellationToken);
        var log = server.Log;
        Assert.Contains("admin (admin) signed in from 127.0.0.1", log, StringComparison.Ordinal);
        Assert.Contains("Sign-in as mallory from 127.0.0.1 failed", log, StringComparison.Ordinal);
        Assert.Contains("admin imported orders.csv into orders: 1 rows read, 1 added", log, StringComparison.Ordinal);
        Assert.Contains("admin could not import orders.csv", log, StringComparison.Ordinal);
        Assert.Contains("POST /api/imports failed with 400 for admin from 127.0.0.1", log, StringComparison.Ordinal);
        Assert.Contains("GET /api/customers failed with 401 for (not signed in) from 127.0.0.1", log, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminPassword, log, StringComparison.Ordinal);
        Assert.DoesNotContain("guessed-secret-value", log, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"at (http://[^ ,]+)\. Press Ctrl\+C")]
    private static partial Regex Serving();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    public void Dispose() => _cli.Dispose();
}
