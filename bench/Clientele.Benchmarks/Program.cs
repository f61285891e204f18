using BenchmarkDotNet.Running;
using Clientele.Benchmarks;

// scale: the 1M-customer run of docs/benchmarks.md; phase: one step of it (run by scale in a child process);
// columns: summary + classification columns on an existing workspace; load: the customer list endpoint under concurrent requests;
// listing: the in-memory customer listing alone (build time, memory, time per listing);
// live: single-order events until their classes are readable, with concurrent listings, and batches for throughput;
// live-profile: each statement of storing event batches and their live updates, timed (no server; --warmup N batches left out);
// anything else goes to BenchmarkDotNet (e.g. --filter '*').
return args.FirstOrDefault() switch
{
    "scale" => ScaleRun.Run(args[1..]),
    "phase" => ScalePhase.Run(args[1..]),
    "models" => ModelRun.Run(args[1..]),
    "columns" => ColumnsRun.Run(args[1..]),
    "load" => LoadRun.Run(args[1..]),
    "listing" => ListingRun.Run(args[1..]),
    "live" => LiveRun.Run(args[1..]),
    "live-profile" => LiveProfileRun.Run(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(ScaleRun).Assembly).Run(args);
    return 0;
}
