using System.Net;
using System.Net.Http.Json;
using Clientele.Storage;
using Clientele.Storage.Tests;

namespace Clientele.Cli.Tests.Commands;

/// <summary>
/// <c>clientele serve</c> on a PostgreSQL workspace: it serves, and <c>clientele</c> commands run against the same database
/// while it does (no process holds a database as one holds a DuckDB file): an analysis stored by the CLI is what the server
/// reports next, and the server leaves no note beside anything.
/// </summary>
public sealed class ServeOnPostgresTests(SharedPostgres postgres) : IDisposable
{
    private readonly CliRun _cli = new();
    private string? _database;

    [Fact]
    public async Task Commands_run_on_the_database_while_a_server_serves_it_and_the_server_reads_what_they_stored()
    {
        var cancel = TestContext.Current.CancellationToken;
        var url = _database = postgres.Server.NewDatabaseUrl();
        var options = new Clientele.Simulation.SimulationOptions { Customers = 300, Seed = 11 };
        var simulation = Clientele.Simulation.CompanySimulator.WriteFiles(options, Path.Combine(_cli.Folder, "data"), cancellationToken: cancel);
        foreach (var file in simulation.Files.Where(f => !f.Table.StartsWith("truth_", StringComparison.Ordinal)))
        {
            var imported = _cli.Run("import", file.Table, file.Path, "--workspace", url);
            Assert.True(imported.Code == 0, imported.Error);
        }
        var earlier = options.End.AddMonths(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var first = _cli.Run("analyze", "--as-of", earlier, "--workspace", url);
        Assert.True(first.Code == 0, first.Error);

        var (output, error, address, serving, stop) = await ServeCommandTests.StartAsync(url, "http://127.0.0.1:0", "passphrase-from-the-environment");
        using (stop)
        {
            Assert.Contains($"Serving {url} at ", output.Output, StringComparison.Ordinal);
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            Assert.Equal(earlier, (await http.GetFromJsonAsync<Clientele.Web.Hosting.ClienteleServer.Health>("/health", cancel))!.LatestAnalysis);

            var listed = _cli.Run("customers", "--format", "csv", "--top", "1", "--workspace", url);
            Assert.True(listed.Code == 0, listed.Error);
            var id = listed.Out.Split('\n')[1].Split(',')[0];
            var overridden = _cli.Run("override", id, "--dimension", "ladder", "--class", "advocate", "--reason", "met at the fair", "--workspace", url);
            Assert.True(overridden.Code == 0, overridden.Error);
            var latest = _cli.Run("analyze", "--workspace", url);
            Assert.True(latest.Code == 0, latest.Error);
            var reported = (await http.GetFromJsonAsync<Clientele.Web.Hosting.ClienteleServer.Health>("/health", cancel))!.LatestAnalysis;
            Assert.Equal(options.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reported);
            Assert.Contains("met at the fair", _cli.Run("customer", id, "--workspace", url).Out, StringComparison.Ordinal);

            await stop.CancelAsync();
            await serving;
        }
        Assert.Contains("Stopped.", output.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error", error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.GetFileSystemEntries(Environment.CurrentDirectory, "*.serving"));
        Assert.Empty(Directory.GetFileSystemEntries(Environment.CurrentDirectory, "postgres*"));
    }

    public void Dispose()
    {
        if (_database is not null) postgres.Server.DropDatabase(_database);
        _cli.Dispose();
    }
}
