using Clientele.Simulation;
using Clientele.Tables;

namespace Clientele.Core.Tests.Simulation;

/// <summary>
/// Tests of <see cref="CompanySimulator"/>: this file the API (determinism, options, progress,
/// cancellation); CompanySimulatorTests.Files.cs the file format and references;
/// CompanySimulatorTests.Realism.cs the documented realism ranges (docs/simulator.md).
/// </summary>
public sealed partial class CompanySimulatorTests(SimulatedCompany company) : IClassFixture<SimulatedCompany>, IDisposable
{
    private readonly List<string> _directories = [];

    [Fact]
    public void Same_seed_gives_identical_files()
    {
        var options = new SimulationOptions { Customers = 1_500, Seed = 7 };
        var first = Simulate(options);
        var second = Simulate(options);

        Assert.Equal(first.Files.Select(f => (f.Table, f.Rows)), second.Files.Select(f => (f.Table, f.Rows)));
        foreach (var (a, b) in first.Files.Zip(second.Files))
        {
            Assert.True(File.ReadAllBytes(a.Path).AsSpan().SequenceEqual(File.ReadAllBytes(b.Path)), $"{a.Table} differs between two runs with the same seed");
        }
    }

    [Fact]
    public void Different_seeds_give_different_files()
    {
        var first = Simulate(new SimulationOptions { Customers = 1_500, Seed = 7 });
        var second = Simulate(new SimulationOptions { Customers = 1_500, Seed = 8 });

        foreach (var table in new[] { "customers", "orders", "interactions", "truth_customers" })
        {
            var a = File.ReadAllBytes(first.Files.Single(f => f.Table == table).Path);
            var b = File.ReadAllBytes(second.Files.Single(f => f.Table == table).Path);
            Assert.False(a.AsSpan().SequenceEqual(b), $"{table} is the same for seeds 7 and 8");
        }
    }

    [Fact]
    public void Files_are_listed_in_catalogue_order_with_their_row_counts()
    {
        var expected = CanonicalTables.All.Select(t => t.Name).Where(name => name != "overrides").ToList();

        Assert.Equal(expected, company.Result.Files.Select(f => f.Table));
        Assert.Equal(Path.GetFullPath(company.Directory), company.Result.Directory);
        Assert.Same(company.Options, company.Result.Options);
        foreach (var file in company.Result.Files)
        {
            Assert.Equal(Path.Combine(company.Result.Directory, file.Table + ".csv"), file.Path);
            Assert.Equal(company[file.Table].Rows.Count, file.Rows);
            Assert.True(file.Rows > 0, $"{file.Table} is empty");
        }
    }

    [Fact]
    public void Every_party_is_a_customer_with_a_truth_row()
    {
        Assert.Equal(SimulatedCompany.Customers, company["customers"].Rows.Count);
        Assert.Equal(company["customers"].Column("customer_id"), company["truth_customers"].Column("customer_id"));
    }

    [Theory]
    [InlineData(99)]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(SimulationOptions.MaxCustomers + 1)]
    public void Customers_outside_the_range_are_rejected(int customers)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            CompanySimulator.WriteFiles(new SimulationOptions { Customers = customers }, NewDirectory(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("Customers", error.ParamName);
        Assert.Contains("between 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_end_before_the_start_is_rejected()
    {
        var options = new SimulationOptions { Start = new DateOnly(2024, 1, 1), End = new DateOnly(2023, 12, 31) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            CompanySimulator.WriteFiles(options, NewDirectory(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("End", error.ParamName);
    }

    [Fact]
    public void A_period_shorter_than_ninety_days_is_rejected()
    {
        var options = new SimulationOptions { Start = new DateOnly(2024, 1, 1), End = new DateOnly(2024, 3, 1) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            CompanySimulator.WriteFiles(options, NewDirectory(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("90", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_written_for_invalid_options()
    {
        var directory = NewDirectory();

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            CompanySimulator.WriteFiles(new SimulationOptions { Customers = 10 }, directory, cancellationToken: TestContext.Current.CancellationToken));

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void The_directory_is_created_with_its_parents()
    {
        var directory = Path.Combine(NewDirectory(), "nested", "demo");

        var result = CompanySimulator.WriteFiles(new SimulationOptions { Customers = 100 }, directory, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(Directory.Exists(directory));
        Assert.All(result.Files, f => Assert.True(File.Exists(f.Path)));
    }

    [Fact]
    public void Progress_reports_every_stage_through_to_its_total()
    {
        var reports = new List<SimulationProgress>();

        Simulate(new SimulationOptions { Customers = 1_000 }, new Collect(reports));

        Assert.Equal(["customers", "orders", "links"], reports.Select(r => r.Stage).Distinct());
        foreach (var stage in reports.GroupBy(r => r.Stage))
        {
            Assert.All(stage, r => Assert.InRange(r.Done, 0, r.Total));
            Assert.Equal(stage.Last().Total, stage.Last().Done);
            Assert.True(stage.Select(r => r.Done).SequenceEqual(stage.Select(r => r.Done).Order()), $"{stage.Key} went backwards");
        }
    }

    [Fact]
    public void A_cancelled_simulation_stops_with_an_operation_cancelled_exception()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new Collect([], report =>
        {
            if (report.Stage == "orders")
            {
                cancellation.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() =>
            CompanySimulator.WriteFiles(new SimulationOptions { Customers = 3_000 }, NewDirectory(), progress, cancellation.Token));
    }

    [Fact]
    public void A_short_period_keeps_every_date_inside_it()
    {
        var options = new SimulationOptions { Customers = 500, Start = new DateOnly(2024, 1, 1), End = new DateOnly(2024, 6, 30) };

        var result = Simulate(options);

        var orders = CsvFile.Read(result.Files.Single(f => f.Table == "orders").Path);
        var interactions = CsvFile.Read(result.Files.Single(f => f.Table == "interactions").Path);
        Assert.NotEmpty(orders.Rows);
        Assert.All(orders.Column("ordered_at").Concat(interactions.Column("occurred_at")), at =>
            Assert.InRange(DateOnly.Parse(at[..10], System.Globalization.CultureInfo.InvariantCulture), options.Start, options.End));
    }

    public void Dispose()
    {
        foreach (var directory in _directories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private SimulationResult Simulate(SimulationOptions options, IProgress<SimulationProgress>? progress = null) =>
        CompanySimulator.WriteFiles(options, NewDirectory(), progress, TestContext.Current.CancellationToken);

    private string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "clientele-sim-" + Guid.NewGuid().ToString("N"));
        _directories.Add(directory);
        return directory;
    }

    /// <summary>A synchronous progress sink (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Collect(List<SimulationProgress> reports, Action<SimulationProgress>? then = null) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value)
        {
            reports.Add(value);
            then?.Invoke(value);
        }
    }
}
