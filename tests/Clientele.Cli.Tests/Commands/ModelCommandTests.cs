using System.Text.Json;
using Clientele.Storage.Tests;

namespace Clientele.Cli.Tests.Commands;

/// <summary><c>clientele model fit</c> on a summary file and on the workspace, its JSON, storage and errors.</summary>
public sealed class ModelCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public void Fitting_bgnbd_on_the_cdnow_summary_prints_the_published_parameters_as_json_and_stores_the_fit()
    {
        var summary = SharedData.Require("cdnow/cdnow_customers_summary.csv");
        var (code, output, error) = _cli.Run("model", "fit", "--model", "bgnbd", "--summary", summary, "--format", "json");
        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("bgnbd", json.GetProperty("model").GetString());
        Assert.Equal(0.2426, json.GetProperty("parameters").GetProperty("r").GetDouble(), 0.00051);
        Assert.Equal(4.4135, json.GetProperty("parameters").GetProperty("alpha").GetDouble(), 0.00051);
        Assert.Equal(-9582.43, json.GetProperty("logLikelihood").GetDouble(), 0.0051);
        Assert.True(json.GetProperty("converged").GetBoolean());
        Assert.Equal(2357, json.GetProperty("customers").GetDouble());
        Assert.True(json.GetProperty("uniqueRows").GetInt32() < 2357);
        foreach (var name in new[] { "iterations", "standardErrors", "seconds" }) Assert.True(json.TryGetProperty(name, out _), name);
        Assert.Equal(1, json.GetProperty("fitId").GetInt32());
    }

    [Fact]
    public void Fitting_pareto_nbd_on_the_cdnow_summary_gives_the_reference_fit()
    {
        var summary = SharedData.Require("cdnow/cdnow_customers_summary.csv");
        var (code, output, error) = _cli.Run("model", "fit", "--model", "pnbd", "--summary", summary, "--format", "json");
        Assert.True(code == 0, error);
        var parameters = JsonDocument.Parse(output).RootElement.GetProperty("parameters");
        Assert.Equal(0.5533, parameters.GetProperty("r").GetDouble(), 0.00051);
        Assert.Equal(11.6679, parameters.GetProperty("beta").GetDouble(), 0.0051);
        Assert.Equal(-9594.97, JsonDocument.Parse(output).RootElement.GetProperty("logLikelihood").GetDouble(), 0.0051);
    }

    [Fact]
    public void Fitting_gamma_gamma_and_bg_bb_on_their_published_data()
    {
        var spend = SharedData.Require("cdnow/cdnow_customers_summary_with_transactions.csv");
        var (code, output, error) = _cli.Run("model", "fit", "--model", "gg", "--summary", spend, "--map", "frequency=x", "--map", "monetary_value=zbar", "--format", "json");
        Assert.True(code == 0, error);
        var gg = JsonDocument.Parse(output).RootElement;
        Assert.Equal(6.2488, gg.GetProperty("parameters").GetProperty("p").GetDouble(), 0.0051);
        Assert.Equal(-4055.92, gg.GetProperty("logLikelihood").GetDouble(), 0.0051);
        Assert.Equal(946, gg.GetProperty("customers").GetDouble());

        var donations = SharedData.Require("donations-bgbb/donations.csv");
        (code, output, error) = _cli.Run("model", "fit", "--model", "bgbb", "--summary", donations, "--format", "json");
        Assert.True(code == 0, error);
        var bb = JsonDocument.Parse(output).RootElement;
        Assert.Equal(1.2035, bb.GetProperty("parameters").GetProperty("alpha").GetDouble(), 0.00051);
        Assert.Equal(-33225.58, bb.GetProperty("logLikelihood").GetDouble(), 0.0051);
        Assert.Equal(11104, bb.GetProperty("customers").GetDouble());
    }

    [Fact]
    public void Bg_bb_on_a_transaction_log_says_it_needs_discrete_opportunities()
    {
        _cli.Run("import", "orders", _cli.File("o.csv", "customer_id,ordered_at,amount\nC1,2024-01-01,1\nC1,2024-02-01,2\n"));
        var (code, _, error) = _cli.Run("model", "fit", "--model", "bgbb");
        Assert.Equal(1, code);
        Assert.Contains("discrete opportunities", error);
    }

    [Fact]
    public void Fitting_on_the_workspace_uses_its_summary_as_of_the_date_and_in_the_unit_asked()
    {
        var log = SharedData.Require("cdnow/CDNOW_sample.txt");
        Assert.Equal(0, _cli.Run("import", "orders", log, "--no-header", "--columns", "master_id,customer_id,ordered_at,quantity,amount",
            "--delimiter", "whitespace", "--date-format", "yyyyMMdd").Code);
        var (code, output, error) = _cli.Run("model", "fit", "--model", "mbgnbd", "--as-of", "1997-09-30", "--time-unit", "week");
        Assert.True(code == 0, error);
        Assert.Contains("MBG/NBD", output);
        Assert.Contains("as of 1997-09-30, in weeks", output);
        Assert.Contains("converged", output);
        Assert.Contains("2,357 customers", output);
    }

    [Fact]
    public void Evaluating_bgnbd_on_the_cdnow_holdout_gives_1882_actual_and_1653_4_predicted()
    {
        var log = SharedData.Require("cdnow/CDNOW_sample.txt");
        Assert.Equal(0, _cli.Run("import", "orders", log, "--no-header", "--columns", "master_id,customer_id,ordered_at,quantity,amount",
            "--delimiter", "whitespace", "--date-format", "yyyyMMdd").Code);
        var (code, output, error) = _cli.Run("model", "evaluate", "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--time-unit", "week", "--format", "json");
        Assert.True(code == 0, error);
        var e = JsonDocument.Parse(output).RootElement;
        Assert.Equal(1882, e.GetProperty("actual").GetInt32());
        Assert.Equal(1653.4, e.GetProperty("predicted").GetDouble(), 0.05);
        Assert.Equal(39, e.GetProperty("holdoutLength").GetDouble());
        var groups = e.GetProperty("byCalibrationPurchases");
        Assert.Equal(8, groups.GetArrayLength());
        Assert.Equal(1411, groups[0].GetProperty("customers").GetInt32());
        Assert.Equal("7+", groups[7].GetProperty("calibrationPurchases").GetString());
        var tracking = e.GetProperty("tracking");
        Assert.Equal(39, tracking.GetArrayLength());
        Assert.Equal(1882, tracking[38].GetProperty("actual").GetInt32());
        Assert.Equal(1653.4, tracking[38].GetProperty("predicted").GetDouble(), 0.05);
        Assert.Contains("actual 1,882, predicted 1,653.4", _cli.Run("model", "evaluate", "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--time-unit", "week").Out);
    }

    [Fact]
    public void A_summary_without_the_needed_columns_says_which_and_how_to_map_them()
    {
        var path = _cli.File("s.csv", "id,x,t_x,T\n1,2,30.43,38.86\n");
        var (code, _, error) = _cli.Run("model", "fit", "--model", "bgnbd", "--summary", path);
        Assert.Equal(1, code);
        Assert.Contains("a column for frequency", error);
        Assert.Contains("--map frequency=COLUMN", error);
        Assert.DoesNotContain("--skip-bad-rows", error);
        Assert.Equal(0, _cli.Run("model", "fit", "--model", "bgnbd", "--summary", _cli.File("ok.csv", "id,x,t_x,T\n1,2,30.43,38.86\n2,0,0,38\n3,1,5,30\n"),
            "--map", "frequency=x", "--map", "recency=t_x").Code);
    }

    [Fact]
    public void Data_a_model_cannot_be_fitted_to_is_refused_with_the_reason()
    {
        var path = _cli.File("s.csv", "frequency,recency,T\n0,0,10\n0,0,12\n");
        var (code, _, error) = _cli.Run("model", "fit", "--model", "bgnbd", "--summary", path);
        Assert.Equal(1, code);
        Assert.Contains("no customer made a repeat purchase", error);
        var bad = _cli.File("bad.csv", "frequency,recency,T\n2,40,10\n");
        Assert.Contains("T < recency", _cli.Run("model", "fit", "--model", "bgnbd", "--summary", bad).Error);
    }

    [Fact]
    public void The_donations_file_weights_column_is_used_without_a_map_and_reproduces_the_published_bg_bb_fit()
    {
        var donations = SharedData.Require("donations-bgbb/donations.csv");
        var (code, output, error) = _cli.Run("model", "fit", "--model", "bgbb", "--summary", donations, "--format", "json");
        Assert.True(code == 0, error);
        var bb = JsonDocument.Parse(output).RootElement;
        var parameters = bb.GetProperty("parameters");
        // The published values of ../shared/data/README.md, to the 4 decimals printed there.
        Assert.Equal(1.2035, parameters.GetProperty("alpha").GetDouble(), 0.00051);
        Assert.Equal(0.7497, parameters.GetProperty("beta").GetDouble(), 0.00051);
        Assert.Equal(0.6567, parameters.GetProperty("gamma").GetDouble(), 0.00051);
        Assert.Equal(2.7834, parameters.GetProperty("delta").GetDouble(), 0.00051);
        Assert.Equal(-33225.58, bb.GetProperty("logLikelihood").GetDouble(), 0.0051);
        Assert.Equal(11104, bb.GetProperty("customers").GetDouble());
        Assert.Equal(22, bb.GetProperty("uniqueRows").GetInt32());
        Assert.True(bb.GetProperty("converged").GetBoolean());
        Assert.Equal("weights", bb.GetProperty("columns").GetProperty("weight").GetString());

        var table = _cli.Run("model", "fit", "--model", "bgbb", "--summary", donations);
        Assert.Contains("weights as weight", table.Out);
        Assert.Contains("11,104 customers in 22 unique rows", table.Out);
    }

    [Theory]
    [InlineData("count")]
    [InlineData("CUSTS")]
    [InlineData("customers")]
    [InlineData("Weight")]
    public void A_count_column_by_any_of_its_names_weights_the_rows(string header)
    {
        var path = _cli.File("s.csv", $"frequency,recency,T,{header}\n2,30.43,38.86,10\n0,0,38,25\n1,5,30,7\n4,20,36,3\n");
        var (code, output, error) = _cli.Run("model", "fit", "--model", "bgnbd", "--summary", path, "--format", "json");
        Assert.True(code == 0, error);
        Assert.Equal(45, JsonDocument.Parse(output).RootElement.GetProperty("customers").GetDouble());
    }

    [Fact]
    public void Columns_the_model_does_not_use_are_named_in_the_output()
    {
        var path = _cli.File("s.csv", "id,frequency,recency,T,region\n1,2,30.43,38.86,north\n2,0,0,38,south\n3,1,5,30,east\n");
        var (code, output, error) = _cli.Run("model", "fit", "--model", "bgnbd", "--summary", path);
        Assert.True(code == 0, error);
        Assert.Contains("Columns not used: id, region", output);
        var json = JsonDocument.Parse(_cli.Run("model", "fit", "--model", "bgnbd", "--summary", path, "--format", "json").Out).RootElement;
        Assert.Equal(["id", "region"], json.GetProperty("unusedColumns").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Two_count_columns_are_refused_rather_than_guessed_between()
    {
        var path = _cli.File("s.csv", "frequency,recency,T,count,customers\n2,30.43,38.86,1,2\n");
        var (code, _, error) = _cli.Run("model", "fit", "--model", "bgnbd", "--summary", path);
        Assert.Equal(1, code);
        Assert.Contains("count and customers both are", error);
    }

    public static TheoryData<string, string, string, string> HostileRows => new()
    {
        // model, file body after the header, the place, the rule
        { "bgnbd", "frequency,recency,T\n2,5,10\n1e308,5,10\n", ":3:1 (frequency)", "beyond 1e9" },
        { "pnbd", "frequency,recency,T\n2,5,10\n3,0,8\n", ":3:2 (recency)", "recency 0" },
        { "mbgnbd", "frequency,recency,T\n2,5,10\n3,0,0\n", ":3:2 (recency)", "recency 0" },
        { "bgnbd", "frequency,recency,T\n2,5,-10\n", ":2:3 (T)", "T < recency" },
        { "pnbd", "frequency,recency,T\n2,NaN,10\n", ":2:2 (recency)", "number" },
        { "bgnbd", "frequency,recency,T,weights\n2,5,10,0\n", ":2:4 (weights)", "weight that is not positive" },
        { "gg", "frequency,monetary_value,count\n2,5,-3\n", ":2:3 (count)", "weight that is not positive" },
        { "gg", "frequency,monetary_value\n2,1e300\n", ":2:2 (monetary_value)", "average spend within" },
        { "bgbb", "frequency,recency,periods,weights\n2,1,6,10\n", ":2:2 (recency)", "frequency <= recency" },
    };

    [Theory]
    [MemberData(nameof(HostileRows))]
    public void A_row_that_breaks_a_model_rule_is_refused_with_file_line_column_and_the_rule(string model, string body, string place, string rule)
    {
        var path = _cli.File("hostile.csv", body);
        var (code, _, error) = _cli.Run("model", "fit", "--model", model, "--summary", path, "--format", "json");
        Assert.Equal(1, code);
        Assert.Contains("hostile.csv" + place, error);
        Assert.Contains(rule, error);
        Assert.DoesNotContain("internal error", error);
    }

    public static TheoryData<string, string> HostileSummaries()
    {
        var data = new TheoryData<string, string>();
        var oneRepeatBuyer = "frequency,recency,T,periods,monetary_value\n1,10,30,30,12\n" + string.Concat(Enumerable.Repeat("0,0,30,30,0\n", 20));
        foreach (var model in new[] { "bgnbd", "pnbd", "mbgnbd", "gg", "bgbb" })
        {
            data.Add(model, "frequency,recency,T,periods,monetary_value\n1,5,1000000,6,10\n0,0,1000000,6,0\n3,100,1000000,6,20\n");
            data.Add(model, oneRepeatBuyer);
            data.Add(model, "frequency,recency,T,periods,monetary_value\n0,0,0,0,0\n0,0,0,0,0\n");
            data.Add(model, "frequency,recency,T,periods,monetary_value\n2,5,10,6,10\n");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HostileSummaries))]
    public void A_hostile_summary_ends_in_a_clear_error_or_an_honest_fit_never_an_internal_error(string model, string body)
    {
        var path = _cli.File("hostile.csv", body);
        var (code, output, error) = _cli.Run("model", "fit", "--model", model, "--summary", path, "--time-limit", "10", "--format", "json");
        Assert.DoesNotContain("internal error", error);
        Assert.True(code is 0 or 1, $"exit {code}: {error}");
        if (code == 1)
        {
            Assert.False(string.IsNullOrWhiteSpace(error));
            return;
        }
        var json = JsonDocument.Parse(output).RootElement;
        var degenerate = json.GetProperty("parameters").EnumerateObject().Any(p => p.Value.GetDouble() is > 1e6 or < 1e-6);
        if (degenerate)
        {
            Assert.False(json.GetProperty("converged").GetBoolean());
            Assert.Contains("degenerate", json.GetProperty("warning").GetString());
        }
    }

    public void Dispose() => _cli.Dispose();
}
