using System.Diagnostics;
using System.Globalization;
using System.Net;
using Clientele.Storage.Access;
using Clientele.Web.Hosting;
using Clientele.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clientele.Benchmarks;

/// <summary>
/// A bounded load test of <c>GET /api/customers</c>: the real server on a loopback socket over an analyzed workspace,
/// a seeded mix of filtered, sorted and paged listings sent by N concurrent clients, latencies as seen by the clients.
/// The clients run in the same process as the server, so on a small machine they take cores from it: the figures are
/// an upper bound of what the server alone would need. With <c>--servers N</c>, N servers run on the same workspace (a
/// PostgreSQL URL: two <c>clientele serve</c> on one database) and the requests go to each in turn.
/// Usage: Clientele.Benchmarks load --workspace PATH|URL [--servers 1] [--concurrency 8] [--requests 2000] [--warmup 100]
/// </summary>
internal static class LoadRun
{
    /// <summary>The filters an analyst clicks and an integration pages through; each request takes one, a sort and a page.</summary>
    private static readonly string[] Filters =
    [
        "",
        "where=ladder%3Dadvocate",
        "where=churn_status%3Dat-risk&where=value_class%3DMVC",
        "where=value_tier%3DVIP",
        "where=ladder%3Dcustomer,supporter",
        "where=churn_status%3Dlapsed",
        "where=value_class%3DMGC&where=ladder%3Dcustomer",
        "where=strategy%3Ddevelop",
        "where=segment%3DManufacturing",
        "where=churn_reason%3Dprice&where=churn_status%3Dlost",
    ];

    private static readonly string[] Sorts = ["", "sort=clv%20desc", "sort=p_alive%20asc", "sort=revenue%20desc", "sort=expected_revenue%20desc", "sort=ladder%20desc"];

    /// <summary>The requests, drawn with a fixed seed: a filter, a sort, a page from 1 to 40 (pages of 50, one in five of 100).</summary>
    private static (string Url, int Filter)[] Requests(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var filter = random.Next(Filters.Length);
            var parts = new[] { Filters[filter], Sorts[random.Next(Sorts.Length)], $"page={1 + random.Next(40)}", random.Next(5) == 0 ? "pageSize=100" : "" };
            return ("/api/customers?" + string.Join('&', parts.Where(p => p.Length > 0)), filter);
        })];
    }

    public static int Run(string[] args)
    {
        var path = Option(args, "--workspace") ?? throw new ArgumentException("load needs --workspace PATH (an analyzed workspace, e.g. demo --customers 1000000)");
        var concurrency = Option(args, "--concurrency") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : 8;
        var requests = Option(args, "--requests") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 2_000;
        var warmup = Option(args, "--warmup") is { } w ? int.Parse(w, CultureInfo.InvariantCulture) : 100;
        var servers = Option(args, "--servers") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 1;
        return RunAsync(Storage.Workspace.IsDatabaseUrl(path) ? path : Path.GetFullPath(path), servers, concurrency, requests, warmup).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string path, int servers, int concurrency, int requests, int warmup)
    {
        var apps = new List<WebApplication>();
        var clients = new List<HttpClient>();
        for (var s = 0; s < servers; s++)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(ClienteleServer).Assembly.GetName().Name, Args = [] });
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            var app = ClienteleServer.Build(builder, new ServerSettings { WorkspacePath = path, AdminPassword = "Bench-Pass-4821-load", Announce = _ => { } });
            apps.Add(app);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var (_, key) = await app.Services.GetRequiredService<WorkspaceHost>()
                .WriteAsync(w => ApiKeyTable.Create(w, "load test", Role.Viewer, DateTime.UtcNow, "bench"));
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(address) };
            client.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, key);
            clients.Add(client);
        }
        Console.WriteLine($"Load test of GET /api/customers on {StorageDisplay(path)}: {servers} server(s), {concurrency} concurrent clients, {requests:N0} requests after {warmup:N0} warm-up; {Environment.ProcessorCount} cores");
        foreach (var client in clients)
        {
            // The first listing builds the snapshot's in-memory index (ListingIndex) of each server: its time and the memory it holds.
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            var firstStarted = Stopwatch.GetTimestamp();
            var first = await client.GetStringAsync("/api/customers?pageSize=1");
            var firstMs = Stopwatch.GetElapsedTime(firstStarted).TotalMilliseconds;
            var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
            Console.WriteLine($"first answer ({firstMs:N0} ms, managed heap {heapBefore / 1e6:N0} MB before, {heapAfter / 1e6:N0} MB after): {first[..Math.Min(160, first.Length)]}…");
        }

        await Send(clients, Requests(warmup, 1), concurrency, new double[warmup], new int[1]);
        var sent = Requests(requests, 2);
        var latencies = new double[requests];
        var failures = new int[1];
        var clock = Stopwatch.StartNew();
        await Send(clients, sent, concurrency, latencies, failures);
        var seconds = clock.Elapsed.TotalSeconds;
        var byQuery = (double[])latencies.Clone();
        Array.Sort(latencies);
        Console.WriteLine();
        Console.WriteLine("| requests | failed | per second | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {requests:N0} | {failures[0]} | {requests / seconds:N0} | {Percentile(latencies, 0.50):N1} | {Percentile(latencies, 0.95):N1} | {Percentile(latencies, 0.99):N1} | {latencies[^1]:N1} |"));
        Console.WriteLine();
        Console.WriteLine("| filter | requests | p50 ms | p95 ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        for (var f = 0; f < Filters.Length; f++)
        {
            var own = byQuery.Where((_, i) => sent[i].Filter == f).Order().ToArray();
            if (own.Length == 0) continue;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{(Filters[f].Length == 0 ? "(none)" : Uri.UnescapeDataString(Filters[f]))}` | {own.Length} | {Percentile(own, 0.50):N1} | {Percentile(own, 0.95):N1} |"));
        }
        Console.WriteLine();
        Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB");
        foreach (var client in clients) client.Dispose();
        foreach (var app in apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        return failures[0] == 0 ? 0 : 1;
    }

    /// <summary>The workspace as printed: a URL without its password.</summary>
    private static string StorageDisplay(string path) =>
        Storage.Workspace.IsDatabaseUrl(path) && new Uri(path) is { UserInfo: var user } uri && user.Contains(':', StringComparison.Ordinal)
            ? path.Replace(user, user[..user.IndexOf(':', StringComparison.Ordinal)], StringComparison.Ordinal) : path;

    /// <summary>Sends the requests from <paramref name="concurrency"/> clients, request i to server i mod the number of servers.</summary>
    private static async Task Send(IReadOnlyList<HttpClient> clients, (string Url, int Filter)[] requests, int concurrency, double[] latencies, int[] failures)
    {
        var count = requests.Length;
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await clients[i % clients.Count].GetAsync(requests[i].Url);
                await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    if (Interlocked.Increment(ref failures[0]) <= 3)
                        Console.WriteLine($"{(int)response.StatusCode} for {requests[i].Url}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        });
        await Task.WhenAll(workers);
    }

    internal static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
