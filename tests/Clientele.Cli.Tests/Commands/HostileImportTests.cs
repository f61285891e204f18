using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

namespace Clientele.Cli.Tests.Commands;

/// <summary>Values at and beyond the import's bounds, end to end: refused clearly, or analyzed without an internal error or a non-finite figure.</summary>
public sealed class HostileImportTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public void A_failed_first_import_leaves_no_workspace_behind()
    {
        var (code, _, error) = _cli.Run("import", "orders", _cli.File("orders.csv", "customer_id,ordered_at,amount\nC1,9999-12-31,10\n"));
        Assert.Equal(1, code);
        Assert.Contains("a date between 1900-01-01 and 2199-12-31", error);
        Assert.False(File.Exists(_cli.Workspace));
        Assert.False(File.Exists(_cli.Workspace + ".wal"));
    }

    [Fact]
    public void Values_beyond_the_bounds_are_refused_and_the_analysis_then_runs()
    {
        Assert.Equal(0, _cli.Run("import", "orders", _cli.File("good.csv", "customer_id,ordered_at,amount\nC1,2024-01-05,10\nC1,2024-03-05,12\nC2,2024-02-01,8\n")).Code);
        foreach (var bad in new[] { "C3,9999-12-31,10", "C3,2024-01-05,1e308", $"C3,2024-01-05,{new string('9', 2_000_000)}" })
        {
            var (code, _, error) = _cli.Run("import", "orders", _cli.File("bad.csv", "customer_id,ordered_at,amount\n" + bad + "\n"));
            Assert.Equal(1, code);
            Assert.True(error.Length < 2_000, $"a message of {error.Length:N0} characters");
        }
        foreach (var command in new[] { "summary", "analyze" })
        {
            var run = _cli.Run(command);
            Assert.True(run.Code == 0, run.Error);
        }
    }

    [Fact]
    public void Amounts_and_dates_at_the_bounds_analyze_to_finite_figures()
    {
        var orders = new StringBuilder("customer_id,ordered_at,amount,margin,quantity\n");
        var random = new Random(5);
        for (var c = 0; c < 60; c++)
        {
            for (var k = 0; k < 1 + c % 25; k++)
                orders.Append(CultureInfo.InvariantCulture, $"C{c},{new DateOnly(2190, 1, 1).AddDays(random.Next(3600)):yyyy-MM-dd},999999999999.99,-999999999999,999999999999\n");
        }
        orders.Append("C0,1900-01-01,999999999999,1,1\nC1,2199-12-31,1,1,1\n");
        Assert.Equal(0, _cli.Run("import", "orders", _cli.File("orders.csv", orders.ToString())).Code);
        var interactions = "customer_id,occurred_at,kind,cost,score\nC0,2199-12-31,support,999999999999,10\nC1,1900-01-01,survey,999999999999,-999999999999\n";
        Assert.Equal(0, _cli.Run("import", "interactions", _cli.File("interactions.csv", interactions)).Code);
        foreach (var command in new[] { "summary", "analyze" })
        {
            var run = _cli.Run(command);
            Assert.True(run.Code == 0, $"{command}: {run.Error}");
        }
        using var connection = new DuckDBConnection($"Data Source={_cli.Workspace}");
        connection.Open();
        using var command2 = connection.CreateCommand();
        command2.CommandText = "SELECT * FROM snapshot_customers";
        using var reader = command2.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            rows++;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (reader.IsDBNull(i)) continue;
                var value = reader.GetValue(i);
                if (value is double d) Assert.True(double.IsFinite(d), $"{reader.GetName(i)} is {d}");
                if (value is string s)
                    Assert.False(s.Contains("Infinity", StringComparison.Ordinal) || s.Contains('∞', StringComparison.Ordinal) || s.Contains("NaN", StringComparison.Ordinal), $"{reader.GetName(i)}: {s}");
            }
        }
        Assert.Equal(60, rows);
    }

    public void Dispose() => _cli.Dispose();
}
