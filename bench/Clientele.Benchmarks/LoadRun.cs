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
/// a fixed mix of filtered, sorted and paged listings sent by N concurrent clients, latencies as seen by the clients.
/// The clients run in the same process as the server, so on a small machine they take cores from it: the figures are
/// an upper bound of what the server alone would need.
/// Usage: Clientele.Benchmarks load --workspace PATH [--concurrency 8] [--requests 2000] [--warmup 100]
/// </summary>
internal static class LoadRun
{
    /// <summary>The listings asked for, in turn: what an analyst's clicks and an integration's paging produce.</summary>
    private static readonly string[] Queries =
    [
        "/api/customers",
        "/api/customers?where=ladder%3Dadvocate",
        "/api/customers?where=churn_status%3Dat-risk&where=value_class%3DMVC",
        "/api/customers?where=value_tier%3DVIP&sort=clv%20desc",
        "/api/customers?where=ladder%3Dcustomer,supporter&sort=p_alive%20asc&page=20",
        "/api/customers?where=churn_status%3Dlapsed&sort=revenue%20desc&page=5&pageSize=100",
        "/api/customers?where=value_class%3DMGC&where=ladder%3Dcustomer",
        "/api/customers?sort=expected_revenue%20desc&page=200",
    ];

    public static int Run(string[] args)
    {
        var path = Option(args, "--workspace") ?? throw new ArgumentException("load needs --workspace PATH (an analyzed workspace, e.g. demo --customers 1000000)");
        var concurrency = Option(args, "--concurrency") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : 8;
        var requests = Option(args, "--requests") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 2_000;
        var warmup = Option(args, "--warmup") is { } w ? int.Parse(w, CultureInfo.InvariantCulture) : 100;
        return RunAsync(Path.GetFullPath(path), concurrency, requests, warmup).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string path, int concurrency, int requests, int warmup)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(ClienteleServer).Assembly.GetName().Name, Args = [] });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        await using var app = ClienteleServer.Build(builder, new ServerSettings { WorkspacePath = path, AdminPassword = "load-test-admin", Announce = _ => { } });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var (_, key) = await app.Services.GetRequiredService<WorkspaceHost>()
            .WriteAsync(w => ApiKeyTable.Create(w, "load test", Role.Viewer, DateTime.UtcNow, "bench"));

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, key);
        var first = await client.GetStringAsync("/api/customers?pageSize=1");
        Console.WriteLine($"Load test of GET /api/customers on {path}: {concurrency} concurrent clients, {requests:N0} requests after {warmup:N0} warm-up; {Environment.ProcessorCount} cores");
        Console.WriteLine($"first answer: {first[..Math.Min(160, first.Length)]}…");

        await Send(client, warmup, concurrency, new double[warmup], new int[1]);
        var latencies = new double[requests];
        var failures = new int[1];
        var clock = Stopwatch.StartNew();
        await Send(client, requests, concurrency, latencies, failures);
        var seconds = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        Console.WriteLine();
        Console.WriteLine("| requests | failed | per second | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {requests:N0} | {failures[0]} | {requests / seconds:N0} | {Percentile(latencies, 0.50):N1} | {Percentile(latencies, 0.95):N1} | {Percentile(latencies, 0.99):N1} | {latencies[^1]:N1} |"));
        Console.WriteLine();
        Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB");
        await app.StopAsync();
        return failures[0] == 0 ? 0 : 1;
    }

    private static async Task Send(HttpClient client, int count, int concurrency, double[] latencies, int[] failures)
    {
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(Queries[i % Queries.Length]);
                await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    if (Interlocked.Increment(ref failures[0]) <= 3)
                        Console.WriteLine($"{(int)response.StatusCode} for {Queries[i % Queries.Length]}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        });
        await Task.WhenAll(workers);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
