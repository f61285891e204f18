using System.Diagnostics;
using System.Globalization;
using Clientele.Clv;
using Clientele.Clv.BgNbd;
using Clientele.Clv.ParetoNbd;
using Clientele.Customers;
using Clientele.Storage;
using Clientele.Storage.Import;
using Clientele.Storage.Summary;

namespace Clientele.Benchmarks;

/// <summary>
/// The model timings of docs/benchmarks.md, at the sizes the lifetimes figures were measured at: the CDNOW
/// summary (2,357 customers), replicated 290× (683,530), the CDNOW master's summary (23,570) replicated 287×
/// (6,764,590), and Pareto/NBD on the master. Usage: Clientele.Benchmarks models --data ../shared/data
/// </summary>
internal static class ModelRun
{
    public static int Run(string[] args)
    {
        var data = args.Length > 1 && args[0] == "--data" ? args[1] : Path.Combine("..", "shared", "data");
        var rows = File.ReadAllLines(Path.Combine(data, "cdnow", "cdnow_customers_summary.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        double[] Column(int c, int copies) => [.. Enumerable.Repeat(rows.Select(r => r[c]), copies).SelectMany(v => v)];
        RepeatPurchases Replicated(int copies) => RepeatPurchases.Create(Column(1, copies), Column(2, copies), Column(3, copies));

        Console.WriteLine("| step | customers | median seconds (runs) | result |");
        Console.WriteLine("|---|---:|---:|---|");
        var cdnow = Replicated(1);
        Report("BG/NBD fit, CDNOW summary", cdnow.Customers, Time(50, () => BgNbdModel.Fit(cdnow)), BgNbdModel.Fit(cdnow));
        var sample = Replicated(290);
        var sampleModel = BgNbdModel.Fit(sample);
        Report("BG/NBD fit, CDNOW summary × 290 (checks and compression included)", sample.Customers, Time(3, () => BgNbdModel.Fit(sample)), sampleModel);
        var master = MasterSummary(data);
        var clock = Stopwatch.StartNew();
        var big = RepeatPurchases.Create(Copies(master.Frequency, 287), Copies(master.Recency, 287), Copies(master.Age, 287));
        var build = clock.Elapsed.TotalSeconds;
        var before = GC.GetTotalMemory(true);
        var model = BgNbdModel.Fit(big);
        Report($"BG/NBD fit, CDNOW master summary × 287 (checks and compression included; building the checked columns took {build:N2} s)", big.Customers, Time(3, () => BgNbdModel.Fit(big)), model);
        var x = big.Frequency.ToArray();
        var tx = big.Recency.ToArray();
        var t = big.Age.ToArray();
        var expected = new double[x.Length];
        var predict = Time(3, () => model.ExpectedPurchases(39, x, tx, t, expected));
        Console.WriteLine($"| BG/NBD E[Y(39) \\| x, t_x, T] for every customer | {x.Length:N0} | {predict.Median:N3} ({predict.Runs}) | sum {expected.Sum():N1} |");
        var alive = Time(3, () => model.ProbabilityAlive(x, tx, t, expected));
        Console.WriteLine($"| BG/NBD P(alive) for every customer | {x.Length:N0} | {alive.Median:N3} ({alive.Runs}) | mean {expected.Average():N4} |");
        Console.WriteLine($"| managed heap after the 6.76M columns and their copies | | | {(GC.GetTotalMemory(false) - before) / 1e6 + before / 1e6:N0} MB; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB |");
        var pnbd = ParetoNbdModel.Fit(master);
        var pnbdTime = Time(5, () => ParetoNbdModel.Fit(master));
        Console.WriteLine($"| Pareto/NBD fit, CDNOW master (23,570; summary as of 1997-09-30 in weeks) | {master.Customers:N0} | {pnbdTime.Median:N3} ({pnbdTime.Runs}) | r {pnbd.R:G4}, α {pnbd.Alpha:G4}, s {pnbd.S:G4}, β {pnbd.Beta:G4}; LL {pnbd.Report!.LogLikelihood:N2}; {pnbd.Report.UniqueRows:N0} unique rows |");
        var simulated = Simulated(2_500_000, new BgNbdModel(0.25, 4, 0.8, 2.5), new Random(332));
        var simulatedFit = BgNbdModel.Fit(simulated);
        Report("BG/NBD fit, 2.5M customers simulated from r 0.25, α 4, a 0.8, b 2.5 (T uniform in 1-104 weeks)", simulated.Customers, Time(3, () => BgNbdModel.Fit(simulated)), simulatedFit);
        var pnbdCdnow = Time(10, () => ParetoNbdModel.Fit(cdnow));
        Console.WriteLine($"| Pareto/NBD fit, CDNOW summary | {cdnow.Customers:N0} | {pnbdCdnow.Median:N3} ({pnbdCdnow.Runs}) | |");
        return 0;
    }

    /// <summary>Customers drawn from the BG/NBD process itself: not replicated, so they compress far less.</summary>
    private static RepeatPurchases Simulated(int customers, BgNbdModel truth, Random random)
    {
        var x = new double[customers];
        var tx = new double[customers];
        var age = new double[customers];
        for (var c = 0; c < customers; c++)
        {
            age[c] = Math.Round(1 + 103 * random.NextDouble(), 2);
            var lambda = Gamma(random, truth.R) / truth.Alpha;
            var u = Gamma(random, truth.A);
            var p = u / (u + Gamma(random, truth.B));
            var clock = 0.0;
            while (true)
            {
                clock += -Math.Log(1 - random.NextDouble()) / lambda;
                if (clock > age[c]) break;
                x[c]++;
                tx[c] = Math.Round(clock, 2);
                if (random.NextDouble() < p) break;
            }
        }
        return RepeatPurchases.Create(x, tx, age);
    }

    /// <summary>Marsaglia &amp; Tsang's gamma draw (shape below 1 boosted by U^(1/shape)).</summary>
    private static double Gamma(Random random, double shape)
    {
        if (shape < 1) return Gamma(random, shape + 1) * Math.Pow(1 - random.NextDouble(), 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                v = 1 + c * z;
            }
            while (v <= 0);
            v = v * v * v;
            if (Math.Log(1 - random.NextDouble()) < 0.5 * z * z + d - d * v + d * Math.Log(v)) return d * v;
        }
    }

    private static double[] Copies(ReadOnlySpan<double> column, int copies)
    {
        var result = new double[column.Length * copies];
        for (var c = 0; c < copies; c++) column.CopyTo(result.AsSpan(c * column.Length));
        return result;
    }

    private static void Report(string step, double customers, (double Median, int Runs) time, BgNbdModel model) =>
        Console.WriteLine($"| {step} | {customers:N0} | {time.Median:N4} ({time.Runs}) | r {model.R:G4}, α {model.Alpha:G4}, a {model.A:G4}, b {model.B:G4}; LL {model.Report!.LogLikelihood:N2}; {model.Report.UniqueRows:N0} unique rows; {(model.Report.Converged ? "converged" : "NOT converged")}; SE {string.Join(", ", model.Report.StandardErrors.Values.Select(v => v?.ToString("G3", CultureInfo.InvariantCulture) ?? "n/a"))} |");

    private static (double Median, int Runs) Time(int runs, Action work)
    {
        work();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            work();
            times[i] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return (times[runs / 2], runs);
    }

    private static RepeatPurchases MasterSummary(string data)
    {
        var folder = Directory.CreateTempSubdirectory("clientele-models-").FullName;
        try
        {
            using var workspace = Workspace.Create(Path.Combine(folder, "master.duckdb"));
            new Importer(workspace).Import("orders", Path.Combine(data, "cdnow", "CDNOW_master.txt"), new ImportOptions
            {
                Delimiter = Delimiter.Whitespace,
                DateFormat = "yyyyMMdd",
                Map = new Dictionary<string, string> { ["ordered_at"] = "date", ["quantity"] = "number_of_cds", ["amount"] = "dollar_value" },
            });
            return RepeatPurchases.From(CustomerSummaryQuery.Run(workspace, new DateOnly(1997, 9, 30), TimeUnit.Week));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
