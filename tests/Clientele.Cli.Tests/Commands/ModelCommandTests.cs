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
        (code, output, error) = _cli.Run("model", "fit", "--model", "bgbb", "--summary", donations, "--map", "weight=weights", "--format", "json");
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

    public void Dispose() => _cli.Dispose();
}
