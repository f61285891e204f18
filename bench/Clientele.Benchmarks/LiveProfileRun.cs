using System.Diagnostics;
using System.Globalization;
using System.Text;
using Clientele.Storage;
using Clientele.Storage.Events;
using Clientele.Storage.Live;

namespace Clientele.Benchmarks;

/// <summary>
/// Where a live update's time goes, without the server: event batches of N orders (one order a customer, drawn as
/// <c>live</c> draws them) stored by <see cref="EventStore"/> and followed by <see cref="LiveUpdate.Refresh"/>, each statement
/// timed (<see cref="LiveTrace"/>). Prints, per statement (its first line), how many times it ran per batch and its
/// median and 95th percentile over the batches, then the wall time per batch. The first <c>--warmup</c> batches (none by
/// default) are run the same way and left out of the figures, their wall times printed: the first batch of a process pays
/// for compiling the code and for the first reads of each table, which a running server pays once. The workspace is
/// changed: run it on a copy. <c>--where</c> draws the customers from those of the snapshot a condition holds for (default
/// <c>orders &gt; 0</c>), e.g. <c>"supply_chain = 'indirect' AND supply_chain_sells_on > 0"</c> for parties down a supply chain.
/// Usage: Clientele.Benchmarks live-profile --workspace PATH|URL [--batch 1] [--batches 20] [--warmup 0] [--top 40] [--where SQL]
/// </summary>
internal static class LiveProfileRun
{
    public static int Run(string[] args)
    {
        var path = LoadRun.Option(args, "--workspace") ?? throw new ArgumentException("live-profile needs --workspace PATH (an analyzed workspace; it is changed, use a copy)");
        int Number(string name, int otherwise) => LoadRun.Option(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : otherwise;
        var (batch, batches, top, warmup) = (Number("--batch", 1), Number("--batches", 20), Number("--top", 40), Number("--warmup", 0));
        var tag = LoadRun.Option(args, "--tag") ?? DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        using var workspace = Workspace.Open(Workspace.IsDatabaseUrl(path) ? path : Path.GetFullPath(path));
        var asOf = Storage.Snapshots.SnapshotQuery.Resolve(workspace, null);
        var buyers = new List<string>();
        using (var command = workspace.Db.CreateCommand())
        {
            // A scattered draw, the same on every run (PostgreSQL has no hash() of text; md5 there).
            var scatter = workspace.Dialect is Storage.Postgres.PostgresDialect ? "md5(customer_id)" : "hash(customer_id)";
            command.CommandText = $"SELECT customer_id FROM snapshot_customers WHERE {LoadRun.Option(args, "--where") ?? "orders > 0"} ORDER BY {scatter} LIMIT 100000";
            using var reader = command.ExecuteReader();
            while (reader.Read()) buyers.Add(reader.GetString(0));
        }
        var day = asOf.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var times = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var walls = new List<double>();
        var (storeWalls, liveWalls) = (new List<double>(), new List<double>());
        Console.WriteLine($"Live profile on {path} (analysis as of {asOf:yyyy-MM-dd}): {batches} batches of {batch:N0} orders after {warmup} left out; {Environment.ProcessorCount} cores");
        var warmups = new List<double>();
        for (var b = 0; b < warmup + batches; b++)
        {
            var orders = string.Join(",\n", Enumerable.Range(0, batch).Select(k =>
                $$"""{ "order_id": "LIVE-PROFILE-{{tag}}-{{b}}-{{k}}", "customer_id": "{{buyers[(b * batch + k) % buyers.Count]}}", "ordered_at": "{{day}}", "amount": 100 }"""));
            var parsed = EventBatch.Parse(Encoding.UTF8.GetBytes($"{{ \"orders\": [ {orders} ] }}"));
            var own = new Dictionary<string, double>(StringComparer.Ordinal);
            var started = Stopwatch.GetTimestamp();
            double storeMs;
            using (LiveTrace.Record((label, time) => own[label] = own.GetValueOrDefault(label) + time.TotalMilliseconds))
            {
                var stored = EventStore.Store(workspace, parsed, "bench:live-profile", TimeProvider.System);
                storeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var live = LiveUpdate.Refresh(workspace, stored.AffectedCustomers, stored.ImportId, DateTime.UtcNow);
                if (live.NotUpdatedBecause is { } why) throw new InvalidOperationException(why);
            }
            var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (b < warmup)
            {
                warmups.Add(wall);
                continue;
            }
            walls.Add(wall);
            storeWalls.Add(storeMs);
            liveWalls.Add(wall - storeMs);
            own["(all traced statements)"] = own.Values.Sum();
            foreach (var (label, ms) in own)
            {
                if (!times.TryGetValue(label, out var list)) times[label] = list = [];
                list.Add(ms);
            }
        }
        double P(IEnumerable<double> values, double q)
        {
            var sorted = values.Order().ToArray();
            return LoadRun.Percentile(sorted, q);
        }
        Console.WriteLine();
        if (warmups.Count > 0)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"left out (ms): {string.Join(", ", warmups.Select(w => w.ToString("N1", CultureInfo.InvariantCulture)))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"per batch (ms): wall p50 {P(walls, 0.5):N1} / p95 {P(walls, 0.95):N1}; storing the events p50 {P(storeWalls, 0.5):N1}; live update p50 {P(liveWalls, 0.5):N1}; events/s at the median {batch / P(walls, 0.5) * 1000:N0}"));
        Console.WriteLine();
        Console.WriteLine("| statement (first line) | batches | p50 ms | p95 ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (label, list) in times.OrderByDescending(t => P(t.Value, 0.5)).Take(top))
        {
            var text = label.Replace("|", "\\|", StringComparison.Ordinal);
            if (text.Length > 110) text = text[..110] + "…";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {text} | {list.Count} | {P(list, 0.5):N1} | {P(list, 0.95):N1} |"));
        }
        return 0;
    }
}
