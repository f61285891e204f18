using System.Text.Json;

namespace Clientele.Cli.Tests.Commands;

/// <summary>The commands as a user meets them: help, exit codes, output shapes.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Theory]
    [InlineData("init", "Create an empty workspace")]
    [InlineData("import", "--skip-bad-rows")]
    [InlineData("status", "--format")]
    [InlineData("summary", "--as-of")]
    [InlineData("demo", "--customers")]
    [InlineData("model", "fit")]
    public void Every_command_has_help(string command, string expected)
    {
        var (code, output, _) = _cli.Run(command, "--help");
        Assert.Equal(0, code);
        Assert.Contains(expected, output);
        Assert.Contains("--workspace", output);
    }

    [Fact]
    public void Init_creates_a_workspace_and_a_second_init_leaves_it_alone()
    {
        Assert.Equal(0, _cli.Run("init").Code);
        Assert.True(File.Exists(_cli.Workspace));
        var (code, output, _) = _cli.Run("init");
        Assert.Equal(0, code);
        Assert.Contains("is a workspace already", output);
    }

    [Fact]
    public void A_bad_file_exits_non_zero_with_file_line_and_column_on_standard_error()
    {
        _cli.Run("init");
        var path = _cli.File("o.csv", "customer_id,ordered_at,amount\nC1,2024-01-05,ten\n");
        var (code, output, error) = _cli.Run("import", "orders", path);
        Assert.Equal(1, code);
        Assert.Contains($"{path}:2:3 (amount): 'ten' is not a number", error);
        Assert.DoesNotContain(" at Clientele", error);
        Assert.Equal("", output);
        Assert.Contains("\"orders\":0", _cli.Run("status", "--format", "json").Out);
    }

    [Fact]
    public void An_unknown_table_and_a_bad_option_value_are_usage_problems()
    {
        var path = _cli.File("o.csv", "a\n1\n");
        var (code, _, error) = _cli.Run("import", "clients", path);
        Assert.Equal(1, code);
        Assert.Contains("unknown table 'clients'", error);
        Assert.Equal(1, _cli.Run("import", "orders", path, "--delimiter", "pipe").Code);
        Assert.Equal(2, _cli.Run("status", "--format", "xml").Code);
        // A value of the wrong kind is named in words, not by the .NET type it would have been.
        var (partCode, _, partError) = _cli.Run("analyze", "--part-size", "abc");
        Assert.Equal(2, partCode);
        Assert.Contains("Cannot parse argument 'abc' for option '--part-size' as a whole number.", partError);
        Assert.Contains("as a number.", _cli.Run("analyze", "--horizon", "ten").Error);
        Assert.DoesNotContain("System.", partError);
    }

    [Fact]
    public void Status_json_is_one_integer_per_table()
    {
        var path = _cli.File("o.csv", "customer_id,ordered_at,amount\nC1,2024-01-05,10\nC2,2024-01-06,5\n");
        Assert.Equal(0, _cli.Run("import", "orders", path).Code);
        var (code, output, error) = _cli.Run("status", "--format", "json");
        Assert.Equal(0, code);
        var counts = JsonSerializer.Deserialize<Dictionary<string, long>>(output)!;
        Assert.Equal(2, counts["orders"]);
        Assert.Equal(2, counts["customers"]);
        Assert.Contains(_cli.Workspace, error);
    }

    [Fact]
    public void Import_reports_counts_created_customers_and_ignored_columns()
    {
        var path = _cli.File("o.csv", "customer_id,ordered_at,amount,agent\nC1,2024-01-05,10,x\n");
        var (code, output, _) = _cli.Run("import", "orders", path);
        Assert.Equal(0, code);
        Assert.Contains("1 rows read, 1 added", output);
        Assert.Contains("Created 1 customer named in", output);
        Assert.Contains("Ignored columns", output);
        Assert.Contains("agent", output);
        Assert.Contains("identical to import #1", _cli.Run("import", "orders", path).Out);
    }

    [Fact]
    public void Summary_csv_starts_with_the_btyd_columns_and_json_is_an_array_of_objects()
    {
        var path = _cli.File("o.csv", "customer_id,ordered_at,amount\nC1,2024-01-01,10\nC1,2024-01-15,20\nC2,2024-01-08,5\n");
        _cli.Run("import", "orders", path);
        var (code, csv, _) = _cli.Run("summary", "--format", "csv", "--time-unit", "week", "--as-of", "2024-01-29");
        Assert.Equal(0, code);
        var lines = csv.TrimEnd().Split('\n');
        Assert.StartsWith("customer_id,frequency,recency,T,monetary_value,first_purchase", lines[0]);
        Assert.StartsWith("C1,1,2,4,20,2024-01-01", lines[1]);
        var json = JsonDocument.Parse(_cli.Run("summary", "--format", "json").Out);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        Assert.Equal(1, json.RootElement[0].GetProperty("frequency").GetDouble());
        var outFile = Path.Combine(_cli.Folder, "s.csv");
        Assert.Equal(0, _cli.Run("summary", "--format", "csv", "--out", outFile).Code);
        Assert.Equal(3, File.ReadAllLines(outFile).Length);
        Assert.Equal(1, _cli.Run("summary", "--as-of", "29/01/2024").Code);
    }

    [Fact]
    public void Summary_on_a_missing_workspace_says_how_to_start()
    {
        var (code, _, error) = _cli.Run("summary");
        Assert.Equal(1, code);
        Assert.Contains("clientele init", error);
    }

    public void Dispose() => _cli.Dispose();
}
