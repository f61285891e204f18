using System.Globalization;
using System.Text;
using Clientele.Storage.Import;
using Clientele.Tables;

namespace Clientele.Storage.Tests.Reliability;

/// <summary>
/// Seeded import fuzzing: hundreds of mutations of valid orders, customers and interactions files (truncations, huge
/// fields, NUL and invalid bytes, bad dates and numbers, quotes, delimiters, line ends) against a real DuckDB workspace.
/// Every import either fails with a clear <see cref="WorkspaceException"/> and changes nothing, or stores every row it
/// accepted; what is stored keeps <see cref="ValueBounds"/>. The seed changes each day (CLIENTELE_FUZZ_SEED repeats
/// one) and every failure names it.
/// </summary>
public sealed class ImportFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int MutationsPerTable = 150;

    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("CLIENTELE_FUZZ_SEED"), CultureInfo.InvariantCulture, out var given)
        ? given
        : int.Parse(DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private readonly TempWorkspace _temp = new();

    public static TheoryData<string> Tables => ["orders", "customers", "interactions"];

    [Theory]
    [MemberData(nameof(Tables))]
    public void No_mutation_of_a_valid_file_crashes_half_writes_or_loses_a_row(string table)
    {
        var random = new Random(HashCode.Combine(Seed, table.Length, table[0]));
        var valid = Encoding.UTF8.GetBytes(ValidFile(table, random));
        var importer = new Importer(_temp.Workspace!);
        var outcomes = new Dictionary<string, int>();
        for (var run = 0; run < MutationsPerTable; run++)
        {
            var (name, bytes) = Mutations.Apply(valid, random);
            var skip = random.Next(3) == 0;
            var place = $"seed {Seed} (CLIENTELE_FUZZ_SEED={Seed} repeats it), {table}, run {run}, mutation '{name}'{(skip ? " with --skip-bad-rows" : "")}";
            var path = _temp.Bytes($"{table}-{run}.csv", bytes);
            var options = new ImportOptions { SkipBadRows = skip, RejectsPath = skip ? Path.Combine(_temp.Folder, $"rejects-{run}.csv") : null };
            var before = Counts();
            var importsBefore = _temp.Workspace!.Imports().Count;
            string outcome;
            try
            {
                var result = importer.Import(table, path, options, cancellationToken: TestContext.Current.CancellationToken);
                outcome = result.PreviousImport is null ? "imported" : "identical";
                var after = Counts();
                // Customers named but unknown are created: in the customers table itself for a customers file.
                var grown = after[table] - before[table];
                var expected = result.RowsAdded + (table == "customers" ? result.CustomersCreated : 0);
                Assert.True(grown == expected, $"{place}: {result.RowsAdded} rows added, {result.CustomersCreated} customers created, but the table grew by {grown}");
                if (table != "customers")
                {
                    var created = after["customers"] - before["customers"];
                    Assert.True(created == result.CustomersCreated, $"{place}: {result.CustomersCreated} customers created but {created} appeared");
                }
                if (result.PreviousImport is null)
                {
                    var accounted = result.RowsAdded + result.RowsUpdated + result.RowsAlreadyPresent + result.RowsRejected + result.RowsFiltered;
                    Assert.True(accounted == result.RowsRead, $"{place}: {result.RowsRead} rows read but {accounted} accounted for ({result})");
                }
            }
            catch (WorkspaceException e)
            {
                outcome = "refused";
                Assert.True(before.SequenceEqual(Counts()), $"{place}: refused ({e.Message[..Math.Min(200, e.Message.Length)]}) but the workspace changed");
                Assert.True(importsBefore == _temp.Workspace.Imports().Count, $"{place}: refused but an import was recorded");
                Assert.True(e.Message.Length < 20_000, $"{place}: a message of {e.Message.Length:N0} characters");
            }
            catch (Exception e)
            {
                Assert.Fail($"{place}: {e.GetType().Name} escaped the importer: {e.Message}");
                throw;
            }
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            File.Delete(path);
        }
        AssertStoredValuesKeepTheBounds(table);
        output.WriteLine($"seed {Seed}, {table}: {MutationsPerTable} mutations: {string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Value} {o.Key}"))}");
        Assert.True(outcomes.GetValueOrDefault("imported") > 0 && outcomes.GetValueOrDefault("refused") > 0, $"seed {Seed}: the mutations should both pass and fail");
    }

    private Dictionary<string, long> Counts() => _temp.Workspace!.CountRows().ToDictionary(p => p.Key, p => p.Value);

    private void AssertStoredValuesKeepTheBounds(string name)
    {
        var table = CanonicalTables.Find(name)!;
        foreach (var column in table.Columns)
        {
            var quoted = $"\"{column.Name}\"";
            var outside = column.Type switch
            {
                ColumnType.Timestamp => $"{quoted} < TIMESTAMP '{ValueBounds.EarliestTime:yyyy-MM-dd HH:mm:ss}' OR {quoted} > TIMESTAMP '{ValueBounds.LatestTime:yyyy-MM-dd HH:mm:ss}'",
                ColumnType.Number or ColumnType.Integer => $"NOT (abs({quoted}) < {ValueBounds.MaxMagnitude.ToString("R", CultureInfo.InvariantCulture)})",
                ColumnType.Text or ColumnType.Json => $"length({quoted}) > {ValueBounds.MaxLength(table, column)} OR contains({quoted}, chr(0))",
                _ => null,
            };
            if (outside is null) continue;
            var count = _temp.Workspace!.Scalar<long>($"SELECT count(*) FROM \"{name}\" WHERE {outside}");
            Assert.True(count == 0, $"seed {Seed}: {count} stored {name}.{column.Name} values are beyond the bounds");
        }
    }

    private static string ValidFile(string table, Random random)
    {
        var text = new StringBuilder();
        var day = new DateOnly(2023, 1, 1);
        switch (table)
        {
            case "orders":
                text.Append("order_id,customer_id,ordered_at,amount,margin,quantity,product_id,status\n");
                for (var i = 0; i < 40; i++)
                    text.Append(CultureInfo.InvariantCulture, $"O{random.Next(1_000_000)},C{random.Next(30)},{day.AddDays(random.Next(700)):yyyy-MM-dd},{random.Next(1, 5000)}.{random.Next(100):00},{random.Next(0, 900)},{random.Next(1, 9)},P{random.Next(12)},{(random.Next(10) == 0 ? "returned" : "completed")}\n");
                break;
            case "customers":
                text.Append("customer_id,name,kind,industry,region,acquired_at,wallet_estimate,referred_by,segment_note\n");
                for (var i = 0; i < 40; i++)
                    text.Append(CultureInfo.InvariantCulture, $"C{i},\"Party {i}, Ltd\",{(i % 3 == 0 ? "person" : "organization")},retail,north,{day.AddDays(random.Next(700)):yyyy-MM-dd},{random.Next(100, 90000)},{(i > 5 && random.Next(4) == 0 ? $"C{random.Next(i)}" : "")},note {i}\n");
                break;
            default:
                text.Append("interaction_id,customer_id,occurred_at,kind,score,cost,text\n");
                for (var i = 0; i < 40; i++)
                    text.Append(CultureInfo.InvariantCulture, $"I{random.Next(1_000_000)},C{random.Next(30)},{day.AddDays(random.Next(700)):yyyy-MM-dd}T10:15:00,{CanonicalTables.InteractionKinds[random.Next(CanonicalTables.InteractionKinds.Count)]},{random.Next(0, 11)},{random.Next(0, 80)}.5,\"said \"\"hello\"\", left\"\n");
                break;
        }
        return text.ToString();
    }

    public void Dispose() => _temp.Dispose();
}
