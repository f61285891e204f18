using System.Diagnostics;
using System.Globalization;
using Clientele.Storage;
using Clientele.Storage.Snapshots;

namespace Clientele.Benchmarks;

/// <summary>
/// The in-memory customer listing (<see cref="SnapshotListing"/>) alone, without HTTP: its build time and managed memory,
/// then the time per listing on one thread for the load test's mix of filters, sorts and pages (the first pass includes
/// each sort column's order and each filter's count, computed once), and a connection plus <see cref="SnapshotQuery.List"/>,
/// which every request also pays. Usage: Clientele.Benchmarks listing --workspace PATH [--listings 500]
/// </summary>
internal static class ListingRun
{
    private static readonly string[][] Filters =
    [
        [], ["ladder=advocate"], ["churn_status=at-risk", "value_class=MVC"], ["value_tier=VIP"], ["ladder=customer,supporter"], ["churn_status=lapsed"],
        ["value_class=MGC", "ladder=customer"], ["strategy=develop"], ["segment=Manufacturing"], ["churn_reason=price", "churn_status=lost"],
    ];

    private static readonly string?[] Sorts = [null, "clv desc", "p_alive asc", "revenue desc", "expected_revenue desc", "ladder desc"];

    public static int Run(string[] args)
    {
        var i = Array.IndexOf(args, "--workspace");
        if (i < 0 || i + 1 >= args.Length) throw new ArgumentException("listing needs --workspace PATH (an analyzed workspace)");
        var n = Array.IndexOf(args, "--listings") is var l and >= 0 && l + 1 < args.Length ? int.Parse(args[l + 1], CultureInfo.InvariantCulture) : 500;
        using var workspace = Workspace.Open(Path.GetFullPath(args[i + 1]));
        var snapshot = SnapshotQuery.List(workspace)[^1];
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var listing = SnapshotListing.Load(workspace, snapshot);
        var built = clock.Elapsed.TotalMilliseconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"index of {listing.Count:N0} customers: built in {built:N0} ms, {(after - before) / 1e6:N0} MB managed"));
        var random = new Random(1);
        for (var pass = 1; pass <= 2; pass++)
        {
            clock.Restart();
            for (var k = 0; k < n; k++)
            {
                var filters = Filters[random.Next(Filters.Length)].Select(ClassFilter.Parse).ToList();
                var sort = Sorts[random.Next(Sorts.Length)] is { } text ? CustomerSort.Parse(text) : null;
                listing.Customers(workspace, filters, sort, 50, 50 * random.Next(40));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pass {pass}: {clock.Elapsed.TotalMilliseconds / n:N2} ms per listing"));
        }
        after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"with the orders of {Sorts.Length} sort columns: {(after - before) / 1e6:N0} MB managed"));
        clock.Restart();
        for (var k = 0; k < 200; k++)
        {
            using var connection = workspace.Connect();
            SnapshotQuery.List(connection);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"a connection and SnapshotQuery.List: {clock.Elapsed.TotalMilliseconds / 200:N2} ms"));
        return 0;
    }
}
