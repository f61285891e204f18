using System.Text.Json;
using Clientele.Storage.Tests.Snapshots;
using DuckDB.NET.Data;

namespace Clientele.Cli.Tests.Commands;

/// <summary>The commands that read analyses (customers, customer, segments, transitions, export) on two hand-made snapshots.</summary>
public sealed class SnapshotCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    private void Analyses()
    {
        Assert.Equal(0, _cli.Run("init").Code);
        using var connection = new DuckDBConnection($"Data Source={_cli.Workspace}");
        connection.Open();
        HandMadeSnapshots.InsertBoth(connection);
    }

    private static JsonElement Json(string output) => JsonDocument.Parse(output).RootElement;

    [Theory]
    [InlineData("customers", "--where")]
    [InlineData("customer", "--as-of")]
    [InlineData("segments", "--dimension")]
    [InlineData("transitions", "--from")]
    [InlineData("export", "--out")]
    [InlineData("override", "--reason")]
    public void Every_command_has_help(string command, string expected)
    {
        var (code, output, _) = _cli.Run(command, "--help");
        Assert.Equal(0, code);
        Assert.Contains(expected, output);
        Assert.Contains("--workspace", output);
    }

    [Theory]
    [InlineData("customers")]
    [InlineData("customer", "C1")]
    [InlineData("segments")]
    [InlineData("transitions", "--dimension", "ladder", "--from", "2024-06-30", "--to", "2024-12-31")]
    [InlineData("export", "--out", "x.csv")]
    public void Without_an_analysis_a_read_command_says_to_run_analyze(params string[] args)
    {
        _cli.Run("init");
        var (code, output, error) = _cli.Run(args);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("no analysis yet: run `clientele analyze`", error);
    }

    [Fact]
    public void Customers_shows_the_latest_analysis_most_valuable_first()
    {
        Analyses();
        var (code, output, _) = _cli.Run("customers");
        Assert.Equal(0, code);
        Assert.Contains("5 customers in the analysis as of 2024-12-31, by value desc.", output);
        Assert.True(output.IndexOf("Ada Lovelace", StringComparison.Ordinal) < output.IndexOf("Bolt GmbH", StringComparison.Ordinal));
        Assert.Contains("churn_status", output);
        Assert.Contains("5,600.00", output);
    }

    [Fact]
    public void Customers_filters_sort_and_top_work_in_json_and_csv()
    {
        Analyses();
        var (code, output, _) = _cli.Run("customers", "--where", "ladder=customer", "--where", "churn_status=at-risk,lapsed", "--format", "json");
        Assert.Equal(0, code);
        var rows = Json(output);
        Assert.Equal(["C2", "C3"], rows.EnumerateArray().Select(r => r.GetProperty("customer_id").GetString()));
        Assert.Equal("at-risk", rows[0].GetProperty("churn_status").GetString());
        Assert.Equal(2500, rows[0].GetProperty("value").GetDouble());

        var csv = _cli.Run("customers", "--sort", "revenue asc", "--top", "2", "--format", "csv", "--as-of", "2024-06-30").Out.TrimEnd().Split('\n');
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("customer_id,name,kind,orders,revenue,p_alive,expected_revenue,clv,value,ladder,value_tier", csv[0]);
        Assert.StartsWith("C5,Eve Adams,person,0,0,,", csv[1]);
        Assert.StartsWith("C4,", csv[2]);
        Assert.Contains("Showing 1 to 2 of 5", _cli.Run("customers", "--top", "2").Out);
    }

    [Theory]
    [InlineData("unknown dimension 'loyalty'", "--where", "loyalty=high")]
    [InlineData("unknown class 'fan' of ladder: choose one of no-relationship, prospect", "--where", "ladder=fan")]
    [InlineData("--where expects dimension=class", "--where", "ladder")]
    [InlineData("--sort expects", "--sort", "value sideways")]
    [InlineData("cannot sort by 'valeu'", "--sort", "valeu")]
    [InlineData("--as-of expects a date", "--as-of", "31/12/2024")]
    [InlineData("no analysis as of 2024-01-01", "--as-of", "2024-01-01")]
    public void Customers_explains_a_bad_filter_sort_or_date(string expected, params string[] args)
    {
        Analyses();
        var (code, _, error) = _cli.Run(["customers", .. args]);
        Assert.Equal(1, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Customer_shows_reasons_actions_figures_roles_and_history()
    {
        Analyses();
        var (code, output, _) = _cli.Run("customer", "C2");
        Assert.Equal(0, code);
        Assert.Contains("C2 Bolt GmbH (organization), in the analysis as of 2024-12-31", output);
        Assert.Contains("customer because of C2", output);
        Assert.Contains("Call every quarter.", output);
        Assert.Contains("ladder = customer", output);
        Assert.Contains("Pat Payer (P1)", output);
        Assert.Contains("Valves", output);
        Assert.Contains("History (2 analyses, oldest first)", output);
        Assert.Contains("supporter", output);
        Assert.DoesNotContain("no action while", output);
        // C3 lapsed: the ladder class is shown, its action is not, and the table says why.
        var (lapsedCode, lapsed, _) = _cli.Run("customer", "C3");
        Assert.Equal(0, lapsedCode);
        Assert.DoesNotContain("Call every quarter.", lapsed);
        // One line for every withheld class: the ladder's follow-up and the levels of service (value tier, value class).
        Assert.Contains("ladder = customer, value_tier = medium, value_class = other: no action while lapsed (the churn status's win-back comes first)",
            System.Text.RegularExpressions.Regex.Replace(lapsed, @"\s+", " "), StringComparison.Ordinal);
    }

    [Fact]
    public void Customer_json_has_every_part_of_the_profile()
    {
        Analyses();
        var (code, output, _) = _cli.Run("customer", "C2", "--format", "json");
        Assert.Equal(0, code);
        var profile = Json(output);
        Assert.Equal("2024-12-31", profile.GetProperty("asOf").GetString());
        Assert.Equal("ladder", profile.GetProperty("classes")[0].GetProperty("dimension").GetString());
        Assert.Equal("customer", profile.GetProperty("classes")[0].GetProperty("class").GetString());
        Assert.Contains(profile.GetProperty("actions").EnumerateArray(), a => a.GetProperty("action").GetString() == "Call every quarter.");
        Assert.Equal(2500, profile.GetProperty("figures").GetProperty("value").GetDouble());
        Assert.Equal(2, profile.GetProperty("buyingRoles").GetArrayLength());
        Assert.Equal("supporter", profile.GetProperty("history")[0].GetProperty("classes").GetProperty("ladder").GetString());
    }

    [Fact]
    public void Customer_refuses_an_unknown_customer_and_a_csv_format()
    {
        Analyses();
        var (code, _, error) = _cli.Run("customer", "C99");
        Assert.Equal(1, code);
        Assert.Contains("unknown customer 'C99'", error);
        Assert.Contains("is in the analyses as of 2024-06-30", _cli.Run("customer", "C4").Error);
        Assert.Equal(0, _cli.Run("customer", "C4", "--as-of", "2024-06-30").Code);
        Assert.Equal(2, _cli.Run("customer", "C2", "--format", "csv").Code);
    }

    [Fact]
    public void Segments_shows_every_dimension_with_growth_and_the_structure_map()
    {
        Analyses();
        var (code, output, _) = _cli.Run("segments");
        Assert.Equal(0, code);
        Assert.Contains("growth is the change in customers since 2024-06-30", output);
        Assert.Contains("churn_reason", output);
        Assert.Contains("Structure map: current and target", output);
        Assert.Contains("Healthcare (target only)", output);
        var ladder = _cli.Run("segments", "--dimension", "ladder").Out;
        Assert.Contains("+1", ladder);
        Assert.DoesNotContain("Structure map", ladder);
    }

    [Fact]
    public void Segments_json_and_csv_carry_the_same_counts()
    {
        Analyses();
        var json = Json(_cli.Run("segments", "--dimension", "ladder", "--format", "json").Out);
        Assert.Equal("2024-06-30", json.GetProperty("previousAsOf").GetString());
        var classes = json.GetProperty("dimensions")[0].GetProperty("classes");
        var customer = classes.EnumerateArray().Single(c => c.GetProperty("class").GetString() == "customer");
        Assert.Equal(2, customer.GetProperty("customers").GetInt64());
        Assert.Equal(1, customer.GetProperty("growth").GetInt64());
        var segment = Json(_cli.Run("segments", "--dimension", "segment", "--format", "json").Out);
        Assert.Equal(6, segment.GetProperty("dimensions")[0].GetProperty("nodes").GetArrayLength());
        var csv = _cli.Run("segments", "--dimension", "ladder", "--format", "csv").Out;
        Assert.StartsWith("dimension,class,customers,share,total_value,mean_value,growth\n", csv);
        Assert.Contains("ladder,customer,2,0.4,3200,1600,1\n", csv);
        Assert.Contains("unknown dimension 'tribe'", _cli.Run("segments", "--dimension", "tribe").Error);
    }

    [Fact]
    public void Transitions_shows_the_matrix_and_who_moved_down()
    {
        Analyses();
        var (code, output, _) = _cli.Run("transitions", "--dimension", "ladder", "--from", "2024-06-30", "--to", "2024-12-31");
        Assert.Equal(0, code);
        Assert.Contains("ladder from 2024-06-30 to 2024-12-31: 4 customers in both, 1 new, 1 gone.", output);
        Assert.Contains("1 moved down", output);
        Assert.Contains("Bolt GmbH", output);
        Assert.Contains("(gone)", output);
        var csv = _cli.Run("transitions", "-d", "ladder", "--from", "2024-06-30", "--to", "2024-12-31", "--format", "csv").Out;
        Assert.Contains("supporter,customer,1\n", csv);
        Assert.Contains("(new),prospect,1\n", csv);
        Assert.Contains("buyer,(gone),1\n", csv);
        var json = Json(_cli.Run("transitions", "-d", "churn_status", "--from", "2024-06-30", "--to", "2024-12-31", "--format", "json").Out);
        Assert.Equal(2, json.GetProperty("movedDownCount").GetInt64());
        Assert.Equal("C2", json.GetProperty("movedDown")[0].GetProperty("customerId").GetString());
        Assert.Contains("Nobody moved down.", _cli.Run("transitions", "-d", "churn_status", "--from", "2024-12-31", "--to", "2024-06-30").Out);
    }

    [Fact]
    public void Transitions_needs_a_known_dimension_and_two_different_dates()
    {
        Analyses();
        Assert.Equal(2, _cli.Run("transitions", "--dimension", "ladder", "--to", "2024-12-31").Code);
        var (code, _, error) = _cli.Run("transitions", "--dimension", "mood", "--from", "2024-06-30", "--to", "2024-12-31");
        Assert.Equal(1, code);
        Assert.Contains("unknown dimension 'mood'", error);
        Assert.Contains("compare two different analyses", _cli.Run("transitions", "-d", "ladder", "--from", "2024-06-30", "--to", "2024-06-30").Error);
    }

    [Fact]
    public void Export_writes_csv_and_parquet_and_refuses_another_extension()
    {
        Analyses();
        var csv = Path.Combine(_cli.Folder, "customers.csv");
        var (code, output, _) = _cli.Run("export", "--out", csv);
        Assert.Equal(0, code);
        Assert.Contains($"Wrote 5 customers of the analysis as of 2024-12-31 (58 columns) to {csv}.", output);
        Assert.Equal(6, File.ReadAllLines(csv).Length);
        var parquet = Path.Combine(_cli.Folder, "customers.parquet");
        Assert.Equal(0, _cli.Run("export", "--out", parquet, "--as-of", "2024-06-30").Code);
        Assert.True(new FileInfo(parquet).Length > 0);
        var (bad, _, error) = _cli.Run("export", "--out", Path.Combine(_cli.Folder, "customers.xlsx"));
        Assert.Equal(1, bad);
        Assert.Contains("name a .csv or a .parquet file", error);
        Assert.Equal(2, _cli.Run("export").Code);
    }

    public void Dispose() => _cli.Dispose();
}
