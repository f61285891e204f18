using System.Globalization;
using Clientele.Simulation;
using Clientele.Storage.Analysis;
using Clientele.Storage.Import;
using Clientele.Tables;
using DuckDB.NET.Data;
using Npgsql;

namespace Clientele.Storage.Tests.Reliability;

/// <summary>
/// Memory, disk space and a PostgreSQL server's resources run out, each for real (DuckDB's memory limit, <c>/dev/full</c>,
/// PostgreSQL's <c>temp_file_limit</c>): told as what ran out and where (<see cref="OutOfResourcesException"/>), never as a
/// bug; and an analysis whose snapshot does not fit the memory its load is held to loads it again under the analysis's limit.
/// </summary>
public sealed class OutOfResourcesTests(SharedPostgres postgres)
{
    [Fact]
    public void DuckDBs_memory_limit_reached_is_told_as_memory_run_out()
    {
        using var temp = new TempWorkspace();
        var e = Assert.Throws<DuckDBException>(() =>
        {
            temp.Workspace!.Execute("SET memory_limit = '2MB'");
            temp.Workspace.Execute("CREATE TEMP TABLE distinct_texts AS SELECT DISTINCT i::VARCHAR || 'x' AS t FROM range(5000000) r(i)");
        });

        var told = OutOfResourcesException.From(new InvalidOperationException("wrapped", e), temp.Path);
        Assert.NotNull(told);
        Assert.Equal(Resource.Memory, told.Resource);
        Assert.StartsWith("out of memory: DuckDB could not get the memory it needed (Out of Memory Error: ", told.Message, StringComparison.Ordinal);
        Assert.Contains("The workspace is as it was before the command", told.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', told.Message);
        Assert.True(OutOfResourcesException.IsEngineMemory(e));
    }

    [Fact]
    public void A_write_to_a_full_device_is_told_as_disk_space_run_out()
    {
        if (!File.Exists("/dev/full")) Assert.Skip("SKIPPED: this system has no /dev/full to write to.");
        using var temp = new TempWorkspace(create: false);
        var e = Assert.Throws<IOException>(() =>
        {
            using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
            full.Write(new byte[4096]);
            full.Flush();
        });

        var told = OutOfResourcesException.From(e, temp.Path);
        Assert.NotNull(told);
        Assert.Equal(Resource.Disk, told.Resource);
        Assert.StartsWith("out of disk space: No space left on device", told.Message, StringComparison.Ordinal);
        Assert.Contains($"the workspace's is {temp.Folder}", told.Message, StringComparison.Ordinal);
        Assert.False(OutOfResourcesException.IsEngineMemory(e));
        Assert.Null(OutOfResourcesException.From(new IOException("the file is locked"), temp.Path));
        Assert.Null(OutOfResourcesException.From(new WorkspaceException("a message for the user"), temp.Path));
    }

    [Fact]
    public void A_PostgreSQL_servers_temp_file_limit_reached_is_told_as_the_servers_resources_run_out()
    {
        var url = postgres.Server.NewDatabaseUrl();
        using var workspace = Workspace.Create(url);
        var e = Assert.ThrowsAny<PostgresException>(() =>
        {
            workspace.Execute("SET work_mem = '64kB'");
            workspace.Execute("SET temp_file_limit = '64kB'");
            workspace.Execute("CREATE TEMP TABLE sorted AS SELECT i::text AS t FROM generate_series(1, 200000) i ORDER BY 1");
        });
        Assert.Equal("53400", e.SqlState);

        var told = OutOfResourcesException.From(e, url);
        Assert.NotNull(told);
        Assert.Equal(Resource.Server, told.Resource);
        Assert.StartsWith($"the PostgreSQL server of {Clientele.Storage.Postgres.PostgresUrl.Parse(url).Display} ran out of resources: 53400: ", told.Message, StringComparison.Ordinal);
        Assert.Contains("temp_file_limit", told.Message, StringComparison.Ordinal);
        postgres.Server.DropDatabase(url);
    }

    [Fact]
    public void An_analysis_whose_snapshot_does_not_fit_its_load_limit_loads_it_again_under_the_analysis_limit_and_stores_the_same()
    {
        using var temp = new TempWorkspace();
        var options = new SimulationOptions { Customers = 800, Seed = 7 };
        var importer = new Importer(temp.Workspace!);
        foreach (var file in CompanySimulator.WriteFiles(options, Path.Combine(temp.Folder, "data"), cancellationToken: TestContext.Current.CancellationToken).Files)
            importer.Import(CanonicalTables.Find(file.Table)!, file.Path, new ImportOptions(), cancellationToken: TestContext.Current.CancellationToken);
        var request = new AnalysisRequest { AsOf = options.End, CreatedAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc) };

        var heard = new List<string>();
        // 16 MB: DuckDB gives back its cache to go under it (it cannot go under the few megabytes it holds), and the load's
        // reader asks for a block of about 30 MB.
        AnalysisRunner.Run(temp.Workspace!, request with { SnapshotMemoryLimitMegabytes = 16 }, heard.Add, TestContext.Current.CancellationToken);
        var squeezed = Stored(temp.Workspace!);
        AnalysisRunner.Run(temp.Workspace!, request, cancellationToken: TestContext.Current.CancellationToken);
        var roomy = Stored(temp.Workspace!);

        Assert.Contains("snapshot: again, as the load needed more than 16 MB", heard);
        Assert.Equal(800, squeezed.Count(line => line.StartsWith("customer ", StringComparison.Ordinal)));
        Assert.Equal(roomy, squeezed);
    }

    /// <summary>Every stored row of the snapshot's customers, lines and roles, as text in a fixed order.</summary>
    private static List<string> Stored(Workspace workspace)
    {
        var rows = new List<string>();
        foreach (var (label, sql) in new[]
                 {
                     ("customer", "SELECT * FROM snapshot_customers ORDER BY customer_id"),
                     ("line", "SELECT * FROM snapshot_product_lines ORDER BY customer_id, product_line"),
                     ("role", "SELECT * FROM snapshot_buying_roles ORDER BY customer_id, contact_id, role"),
                 })
        {
            using var command = workspace.Command(sql);
            using var reader = command.ExecuteReader();
            while (reader.Read())
                rows.Add(label + " " + string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(k => Convert.ToString(reader.GetValue(k), CultureInfo.InvariantCulture))));
        }
        return rows;
    }
}
