using Clientele.Classification;
using Clientele.Money;
using Clientele.Simulation;
using Clientele.Storage.Analysis;
using Clientele.Storage.Concerns;
using Clientele.Storage.Referrals;
using Clientele.Storage.Report;
using Clientele.Storage.Snapshots;
using DuckDB.NET.Data;

namespace Clientele.Storage.Tests.Contract;

/// <summary>
/// The contract's results beyond the listing and the profile: the demo company is imported and analyzed in a DuckDB file as of
/// two dates (with overrides), its canonical tables are copied into this provider's workspace and each analysis's result is
/// saved there by <see cref="SnapshotWriter.Save"/>, so both hold the same rows and the same snapshots to the last bit. Every
/// ported result then reads the same from both: the export's files byte for byte, the other results as equal values.
/// </summary>
public abstract partial class StorageContractTests
{
    /// <summary>The analyzed DuckDB file, and this provider's workspace with its canonical tables, overrides and snapshots.</summary>
    private (TempWorkspace Analyzed, Workspace Copied, SimulationOptions Options) AnalyzedAndCopied()
    {
        var analyzed = new TempWorkspace();
        var reference = analyzed.Workspace!;
        var options = new SimulationOptions { Customers = 600, Seed = 7 };
        ImportDemo(reference, analyzed.Folder, options);
        var copied = NewWorkspace();
        WorkspaceCopy.Tables(reference, copied);
        var ids = Clientele.Storage.Summary.CustomerSummaryQuery.Run(reference, options.End).CustomerId;
        foreach (var workspace in new[] { reference, copied })
        {
            OverrideTable.Set(workspace, ids[0], Dimensions.ValueClass, "MVC", "kept for the brand", "test", new DateTime(2025, 3, 1, 9, 30, 0, DateTimeKind.Utc));
            OverrideTable.Set(workspace, ids[ids.Length / 2], Dimensions.Strategy, "keep", "a \"key\" account, said the board", null, new DateTime(2025, 3, 2, 0, 0, 0, DateTimeKind.Utc));
        }
        foreach (var asOf in new[] { options.End.AddDays(-180), options.End })
        {
            var run = AnalysisRunner.Run(reference, new AnalysisRequest { AsOf = asOf }, cancellationToken: TestContext.Current.CancellationToken);
            var createdAt = SnapshotQuery.List(reference).Single(s => s.AsOf == asOf).CreatedAt;
            SnapshotWriter.Save(copied, run.Result, run.Options, run.Context.ToJson(), createdAt);
        }
        return (analyzed, copied, options);
    }

    [Fact]
    public void The_export_writes_the_same_bytes_here_as_from_the_analyzed_DuckDB_file()
    {
        var (analyzed, copied, options) = AnalyzedAndCopied();
        using var _ = analyzed;
        using var __ = copied;
        var reference = analyzed.Workspace!;
        var folder = Directory.CreateDirectory(Path.Combine(analyzed.Folder, "exports")).FullName;

        // A subset comes in its listing's order, so its file is the same byte for byte. A whole snapshot comes in no particular
        // order (docs/results.md): DuckDB's COPY need not keep its table's order (it did not here), and PostgreSQL's export sorts them
        // by customer id (its heap's order is not kept either: parallel scans, updated rows). Then the header and every row's
        // bytes are the same, and only the rows' order may differ.
        void Same(string name, DateOnly? asOf = null, IReadOnlyList<string>? customers = null)
        {
            var expected = SnapshotQuery.Export(reference, Path.Combine(folder, "duckdb-" + name), asOf, customers);
            var actual = SnapshotQuery.Export(copied, Path.Combine(folder, "here-" + name), asOf, customers);
            Assert.Equal(expected with { Path = "" }, actual with { Path = "" });
            var (want, got) = (System.IO.File.ReadAllBytes(expected.Path), System.IO.File.ReadAllBytes(actual.Path));
            Assert.True(want.Length > 1_000, $"{name}: {want.Length} bytes");
            if (name.EndsWith(".parquet", StringComparison.Ordinal))
            {
                // Parquet's pages are compressed, so rows in another order give other bytes: the columns' types and every value.
                Assert.Equal(ParquetRows(expected.Path), ParquetRows(actual.Path));
                return;
            }
            if (customers is null && !want.AsSpan().SequenceEqual(got))
            {
                var (wantLines, gotLines) = (Lines(want), Lines(got));
                Assert.Equal(wantLines[0], gotLines[0]);
                Assert.Equal(wantLines.Order(StringComparer.Ordinal), gotLines.Order(StringComparer.Ordinal));
                Assert.Equal(wantLines.Skip(1).Order(StringComparer.Ordinal), gotLines.Skip(1));
                return;
            }
            Assert.True(want.AsSpan().SequenceEqual(got), $"{name}: the files differ from byte {want.Zip(got).TakeWhile(p => p.First == p.Second).Count()} ({want.Length} vs {got.Length} bytes)");
        }

        static List<string> Lines(byte[] file) => [.. System.Text.Encoding.UTF8.GetString(file).TrimEnd('\n').Split('\n')];

        static List<string> ParquetRows(string path)
        {
            using var duckdb = new DuckDBConnection("DataSource=:memory:");
            duckdb.Open();
            var rows = new List<string>();
            foreach (var sql in new[]
                     {
                         $"SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM read_parquet('{path}'))",
                         $"SELECT CAST(p AS VARCHAR) FROM read_parquet('{path}') p ORDER BY customer_id",
                     })
            {
                using var command = duckdb.CreateCommand();
                command.CommandText = sql;
                using var reader = command.ExecuteReader();
                while (reader.Read()) rows.Add(reader.GetString(0));
            }
            return rows;
        }

        Same("latest.csv");
        Same("earlier.csv", options.End.AddDays(-180));
        // A filtered listing's customers in its order: the overridden ones, and a few from the end and the middle.
        var listed = SnapshotQuery.Customers(reference).Rows.Select(r => r.CustomerId).ToList();
        Same("some.csv", customers: [listed[^1], listed[0], listed[listed.Count / 2], listed[7], listed[^3]]);
        Same("latest.parquet");
        // A currency adds its column to every row.
        foreach (var workspace in new[] { reference, copied }) MoneySetting.Store(workspace, MoneyFormat.Parse("EUR", null));
        Same("currency.csv");

        // The rows an export wrote read back from the file with DuckDB: every customer once, the overridden class and its reason.
        using var reader = new DuckDBConnection("DataSource=:memory:");
        reader.Open();
        using var command = reader.CreateCommand();
        command.CommandText = $"SELECT count(*), count(DISTINCT customer_id), count(*) FILTER (WHERE value_class_reason LIKE '%kept for the brand%') FROM read_csv('{Path.Combine(folder, "here-latest.csv")}')";
        using var rows = command.ExecuteReader();
        Assert.True(rows.Read());
        Assert.Equal(listed.Count, rows.GetInt64(0));
        Assert.Equal(listed.Count, rows.GetInt64(1));
        Assert.Equal(1, rows.GetInt64(2));
    }

    [Fact]
    public void The_classes_moved_live_read_the_same_here_latest_first_with_ties_in_code_point_order()
    {
        var (analyzed, copied, options) = AnalyzedAndCopied();
        using var _ = analyzed;
        using var __ = copied;
        var reference = analyzed.Workspace!;
        var ids = SnapshotQuery.Customers(reference).Rows.Select(r => r.CustomerId).ToList();
        var at = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Unspecified);
        // Live updates write class_changes on DuckDB only so far: the same moves are written into both, some at the same instant.
        foreach (var workspace in new[] { reference, copied })
        {
            using var writer = workspace.Dialect.BulkWriter(workspace.Db, "class_changes",
                ["as_of", "customer_id", "dimension", "from_class", "to_class", "changed_at", "import_id", "live_as_of"]);
            for (var i = 0; i < 40; i++)
            {
                var dimension = Dimensions.All[i % 5];
                writer.Row().Date(i % 7 == 6 ? options.End.AddDays(-180) : options.End).Text(ids[(i * 37) % ids.Count]).Text(dimension)
                    .Text(i % 9 == 0 ? null : "before" + i).Text(i % 11 == 0 ? null : "after" + i).Timestamp(at.AddMinutes(-(i / 3)))
                    .Integer(i % 4 == 0 ? null : i).Date(options.End.AddDays(i % 3));
            }
            writer.Complete();
        }
        foreach (var (asOf, customer, top) in new (DateOnly?, string?, int)[]
                 {
                     (null, null, 1_000), (null, null, 5), (null, null, 0), (options.End.AddDays(-180), null, 1_000), (null, ids[37], 1_000), (null, "nobody", 1_000),
                 })
        {
            var expected = Clientele.Storage.Live.ClassChanges.Since(reference, asOf, customer, top);
            var actual = Clientele.Storage.Live.ClassChanges.Since(copied, asOf, customer, top);
            AssertSameJson(new { expected.AsOf, expected.Changes, expected.Total }, new { actual.AsOf, actual.Changes, actual.Total });
        }
        Assert.Equal(35, Clientele.Storage.Live.ClassChanges.Since(copied).Total);
        Assert.Equal(5, Clientele.Storage.Live.ClassChanges.Since(copied, top: 5).Changes.Count);
    }

    [Fact]
    public void Whom_to_thank_and_ask_and_what_thanks_and_asks_were_followed_by_read_the_same_here()
    {
        var (analyzed, copied, options) = AnalyzedAndCopied();
        using var _ = analyzed;
        using var __ = copied;
        var reference = analyzed.Workspace!;
        var thanked = ThankQuery.Of(reference, top: 1_000).Candidates.Select(c => c.CustomerId).ToList();
        var asked = AskQuery.Of(reference, top: 1_000).Candidates.Select(c => c.CustomerId).ToList();
        Assert.True(thanked.Count >= 10 && asked.Count >= 10, $"{thanked.Count} to thank, {asked.Count} to ask");
        // Thanks and asks recorded on both, at the same times: ten in the last 90 days (still open), ten long enough ago to be
        // measured (the results' period ends 90 days before the analysis), a note that quotes.
        foreach (var workspace in new[] { reference, copied })
            for (var i = 0; i < 20; i++)
            {
                var at = options.End.AddDays(i < 10 ? -(i * 8) - 3 : -(i * 10) - 100).ToDateTime(new TimeOnly(4 + i, 15));
                ReferralLog.Record(workspace, thanked[i % thanked.Count], ReferralAction.Thank, i % 3 == 0 ? "a \"thank you\" card, by post" : null, at);
                ReferralLog.Record(workspace, asked[i % asked.Count], ReferralAction.Ask, null, at.AddMinutes(30));
            }
        foreach (var asOf in new DateOnly?[] { null, options.End.AddDays(-180) })
        {
            var (thankHere, thankThere) = (ThankQuery.Of(reference, asOf), ThankQuery.Of(copied, asOf));
            AssertSameSums(thankHere, thankThere);
            Assert.Equal(ReferralExport.Csv(thankHere), ReferralExport.Csv(thankThere));
            var (askHere, askThere) = (AskQuery.Of(reference, asOf), AskQuery.Of(copied, asOf));
            AssertSameSums(askHere, askThere);
            Assert.Equal(ReferralExport.Csv(askHere), ReferralExport.Csv(askThere));
            AssertSameSums(ReferralResultsQuery.Of(reference, asOf), ReferralResultsQuery.Of(copied, asOf));
        }
        var results = ReferralResultsQuery.Of(copied);
        Assert.True(results.Open.Count >= 10, $"{results.Open.Count} open");
        Assert.True(results.Thank.Treated > 0 && results.Ask.Treated > 0, $"{results.Thank.Treated} thanked, {results.Ask.Treated} asked in the measured period");
    }

    [Fact]
    public void The_concerns_of_every_grouping_and_the_interactions_naming_one_read_the_same_here()
    {
        var (analyzed, copied, options) = AnalyzedAndCopied();
        using var _ = analyzed;
        using var __ = copied;
        var reference = analyzed.Workspace!;
        var all = ConcernQuery.Of(reference);
        Assert.True(all.Groups.Count > 2 && all.Base.Concerns.Count > 2, $"{all.Groups.Count} groups, {all.Base.Concerns.Count} concerns");
        var segment = all.Groups.First(g => g.Class is not null).Class!.Split('/')[0];
        var tier = ConcernQuery.Of(reference, Dimensions.ValueTier).Groups.First(g => g.Class is not null).Class;
        var influence = Dimensions.All.First(Dimensions.IsList);
        foreach (var (dimension, @class, path, top, asOf) in new (string?, string?, string?, int?, DateOnly?)[]
                 {
                     (null, null, null, null, null), (Dimensions.ValueTier, null, null, 3, null), (Dimensions.ValueTier, tier, null, null, null),
                     (null, null, segment.ToUpperInvariant(), null, null), (influence, null, null, null, null), (null, null, null, 10, options.End.AddDays(-180)),
                 })
            AssertSameJson(ConcernQuery.Of(reference, dimension, @class, path, top, asOf), ConcernQuery.Of(copied, dimension, @class, path, top, asOf));

        var concern = all.Base.Concerns[0].Concern;
        foreach (var (dimension, @class, path, page) in new (string?, string?, string?, int)[]
                 {
                     (null, null, null, 1), (null, null, null, 2), (Dimensions.ValueTier, tier, null, 1), (null, null, segment, 1),
                 })
        {
            var expected = ConcernInteractions.Page(reference, concern, dimension, @class, path, page, 10);
            Assert.NotEmpty(expected.Interactions);
            AssertSameJson(expected, ConcernInteractions.Page(copied, concern, dimension, @class, path, page, 10));
        }
    }

    [Fact]
    public void Value_points_buying_centers_and_the_referral_graph_read_the_same_here()
    {
        var (analyzed, copied, options) = AnalyzedAndCopied();
        using var _ = analyzed;
        using var __ = copied;
        var reference = analyzed.Workspace!;
        // All the points, the top and a seeded sample of the rest, and an earlier analysis.
        foreach (var (asOf, limit, seed) in new (DateOnly?, int, int)[] { (null, 10_000, 7), (null, 60, 7), (null, 61, 3), (options.End.AddDays(-180), 50, 7) })
        {
            var expected = SnapshotQuery.ValuePoints(reference, asOf, limit, seed);
            Assert.True(expected.Points.Count >= Math.Min(limit, 100), $"{expected.Points.Count} points");
            AssertSameJson(expected, SnapshotQuery.ValuePoints(copied, asOf, limit, seed));
        }

        var centers = SnapshotQuery.BuyingCenters(reference, top: 1_000);
        Assert.True(centers.Total > 20, $"{centers.Total} buying centers");
        foreach (var (asOf, missing, top, offset) in new (DateOnly?, string?, int, int)[]
                 {
                     (null, null, 50, 0), (null, null, 10, 15), (null, "decider", 50, 0), (null, "PAYER", 5, 2), (options.End.AddDays(-180), "promoter", 1_000, 0),
                 })
            AssertSameJson(SnapshotQuery.BuyingCenters(reference, asOf, missing, top, offset), SnapshotQuery.BuyingCenters(copied, asOf, missing, top, offset));
        foreach (var organization in centers.Organizations.Take(5).Select(o => o.CustomerId))
            AssertSameJson(SnapshotQuery.BuyingCenter(reference, organization), SnapshotQuery.BuyingCenter(copied, organization));
        // The referral graph: referrals between customers of the analysis, and those holding a highlighted influence role.
        foreach (var (asOf, limit) in new (DateOnly?, int)[] { (null, 300), (null, 12), (options.End.AddDays(-180), 300) })
        {
            var expected = SnapshotQuery.Referrals(reference, asOf, limit);
            AssertSameJson(expected, SnapshotQuery.Referrals(copied, asOf, limit));
        }
        Assert.True(SnapshotQuery.Referrals(copied).Edges.Count > 10, $"{SnapshotQuery.Referrals(copied).Edges.Count} referrals");
        var person = SnapshotQuery.Customers(reference).Rows.First(r => !centers.Organizations.Any(o => o.CustomerId == r.CustomerId)).CustomerId;
        Assert.Equal(Assert.Throws<WorkspaceException>(() => SnapshotQuery.BuyingCenter(reference, person)).Message,
            Assert.Throws<WorkspaceException>(() => SnapshotQuery.BuyingCenter(copied, person)).Message);
        Assert.Equal(Assert.Throws<NotFoundException>(() => SnapshotQuery.BuyingCenter(reference, "nobody")).Message,
            Assert.Throws<NotFoundException>(() => SnapshotQuery.BuyingCenter(copied, "nobody")).Message);
    }

    [Fact]
    public void The_manager_report_reads_the_same_figures_here_and_writes_the_same_page()
    {
        var (analyzed, copied, options) = AnalyzedAndCopied();
        using var _ = analyzed;
        using var __ = copied;
        var reference = analyzed.Workspace!;
        foreach (var (asOf, listed) in new (DateOnly?, int)[] { (null, ManagerReport.ListedPerAction), (options.End.AddDays(-180), 5) })
        {
            var (expected, actual) = (ManagerReport.Read(reference, asOf, listed), ManagerReport.Read(copied, asOf, listed));
            Assert.True(expected.Concentration.Customers > 300, $"{expected.Concentration.Customers} customers with a value");
            AssertSameSums(expected, actual);
            Assert.Equal(ReportHtml.Write(expected), ReportHtml.Write(actual));
        }
    }
}
