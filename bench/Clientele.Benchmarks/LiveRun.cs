using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
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
/// Live updates through the real server on a loopback socket over an analyzed workspace: one order event at a time
/// (<c>POST /api/events</c>, then <c>GET /api/customers/{id}</c> until its classes are readable) while N clients list
/// customers (<c>GET /api/customers</c>) without pause; then batches of orders for throughput. The workspace is changed:
/// run it on a copy. Usage: Clientele.Benchmarks live --workspace PATH [--events 100] [--readers 8] [--batch 1000] [--batches 5]
/// </summary>
internal static class LiveRun
{
    public static int Run(string[] args)
    {
        var path = LoadRun.Option(args, "--workspace") ?? throw new ArgumentException("live needs --workspace PATH (an analyzed workspace; it is changed, use a copy)");
        int Number(string name, int otherwise) => LoadRun.Option(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : otherwise;
        return RunAsync(Path.GetFullPath(path), Number("--events", 100), Number("--readers", 8), Number("--batch", 1_000), Number("--batches", 5)).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string path, int events, int readers, int batch, int batches)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(ClienteleServer).Assembly.GetName().Name, Args = [] });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        await using var app = ClienteleServer.Build(builder, new ServerSettings { WorkspacePath = path, AdminPassword = "Bench-Pass-4821-live", Announce = _ => { } });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = app.Services.GetRequiredService<WorkspaceHost>();
        var (_, key) = await host.WriteAsync(w => ApiKeyTable.Create(w, "live test", Role.Analyst, DateTime.UtcNow, "bench"));
        // Buyers to send orders for, drawn with a fixed seed; each gets one order a day after the analysis.
        var (asOf, buyers) = host.Read(w =>
        {
            var day = Storage.Snapshots.SnapshotQuery.Resolve(w, null);
            using var command = w.Connection.CreateCommand();
            command.CommandText = "SELECT customer_id FROM snapshot_customers WHERE orders > 0 ORDER BY hash(customer_id) LIMIT 100000";
            using var reader = command.ExecuteReader();
            var ids = new List<string>();
            while (reader.Read()) ids.Add(reader.GetString(0));
            return (day, ids);
        });

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = readers + 2 }) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, key);
        Console.WriteLine($"Live updates on {path} (analysis as of {asOf:yyyy-MM-dd}): {events} single-order events with {readers} clients listing customers, then {batches} batches of {batch:N0} orders; {Environment.ProcessorCount} cores");
        var clock = Stopwatch.StartNew();
        await client.GetStringAsync("/api/customers?pageSize=1");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first listing (builds the in-memory index): {clock.Elapsed.TotalMilliseconds:N0} ms"));

        using var stop = new CancellationTokenSource();
        var reads = new long[readers];
        var readFailures = new long[1];
        var readLatencies = new List<double>[readers];
        var readerTasks = Enumerable.Range(0, readers).Select(r => Task.Run(async () =>
        {
            readLatencies[r] = [];
            var random = new Random(r);
            string[] filters = ["", "where=churn_status%3Dactive", "where=value_class%3DMVC", "where=ladder%3Dcustomer,supporter", "where=churn_status%3Dlost"];
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync($"/api/customers?{filters[random.Next(filters.Length)]}&page={1 + random.Next(20)}", stop.Token);
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref readFailures[0]);
                    await response.Content.ReadAsByteArrayAsync(stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                readLatencies[r].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                reads[r]++;
            }
        })).ToArray();

        var latencies = new double[events];
        var steps = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var moved = 0;
        var failures = 0;
        var day = asOf.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        clock.Restart();
        for (var e = 0; e < events; e++)
        {
            var id = buyers[e % buyers.Count];
            var started = Stopwatch.GetTimestamp();
            var body = $$"""{ "orders": [ { "order_id": "LIVE-BENCH-{{e}}", "customer_id": "{{id}}", "ordered_at": "{{day}}", "amount": 100 } ] }""";
            using var posted = await client.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/json"));
            var answer = JsonNode.Parse(await posted.Content.ReadAsStringAsync())!;
            var profile = JsonNode.Parse(await client.GetStringAsync($"/api/customers/{Uri.EscapeDataString(id)}"))!;
            latencies[e] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (posted.StatusCode != HttpStatusCode.Created || profile["live"]?["importId"]?.GetValue<int>() != answer["importId"]?.GetValue<int>()) failures++;
            moved += answer["live"]?["changes"]?.AsArray().Count ?? 0;
            foreach (var step in answer["live"]?["steps"]?.AsArray() ?? [])
            {
                var name = step!["step"]!.GetValue<string>();
                if (!steps.TryGetValue(name, out var list)) steps[name] = list = [];
                list.Add(step["seconds"]!.GetValue<double>() * 1000);
            }
        }
        var eventSeconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(readerTasks);
        Array.Sort(latencies);
        var allReads = readLatencies.SelectMany(l => l).Order().ToArray();
        // No reader (--readers 0), no listing: a dash, not NaN.
        string Listing(double q) => allReads.Length == 0 ? "-" : LoadRun.Percentile(allReads, q).ToString("N0", CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine("| single-order events | failed | p50 ms | p95 ms | p99 ms | max ms | classes moved | listings meanwhile | listing p50 ms | listing p95 ms | failed listings |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {events} | {failures} | {LoadRun.Percentile(latencies, 0.50):N0} | {LoadRun.Percentile(latencies, 0.95):N0} | {LoadRun.Percentile(latencies, 0.99):N0} | {latencies[^1]:N0} | {moved} | {reads.Sum():N0} in {eventSeconds:N1} s | {Listing(0.5)} | {Listing(0.95)} | {readFailures[0]} |"));

        Console.WriteLine();
        Console.WriteLine("| live update step | p50 ms | p95 ms |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, list) in steps)
        {
            var own = list.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {LoadRun.Percentile(own, 0.5):N1} | {LoadRun.Percentile(own, 0.95):N1} |"));
        }

        var throughput = new List<double>();
        for (var b = 0; b < batches; b++)
        {
            var orders = string.Join(",\n", Enumerable.Range(0, batch).Select(k =>
                $$"""{ "order_id": "LIVE-BATCH-{{b}}-{{k}}", "customer_id": "{{buyers[(events + b * batch + k) % buyers.Count]}}", "ordered_at": "{{day}}", "amount": 50 }"""));
            var started = Stopwatch.GetTimestamp();
            using var posted = await client.PostAsync("/api/events", new StringContent($"{{ \"orders\": [ {orders} ] }}", Encoding.UTF8, "application/json"));
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (posted.StatusCode != HttpStatusCode.Created) failures++;
            throughput.Add(batch / seconds);
        }
        Console.WriteLine();
        Console.WriteLine("| batch of orders | batches | events/s (min) | events/s (median) | events/s (max) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        var sorted = throughput.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {batch:N0} | {batches} | {sorted[0]:N0} | {sorted[sorted.Length / 2]:N0} | {sorted[^1]:N0} |"));
        Console.WriteLine();
        Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB");
        await app.StopAsync();
        return failures == 0 ? 0 : 1;
    }
}
