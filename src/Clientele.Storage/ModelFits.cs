namespace Clientele.Storage;

/// <summary>A fitted customer-base model as stored in the workspace: its parameters and fit report as JSON.</summary>
/// <param name="FitId">The fit's number in the workspace.</param>
/// <param name="Model">bgnbd, pnbd, mbgnbd, gg or bgbb.</param>
/// <param name="FittedAt">When (UTC).</param>
/// <param name="Source">What it was fitted on: "workspace" or the summary file's path.</param>
/// <param name="AsOf">The calibration cut-off, for fits on the workspace.</param>
/// <param name="TimeUnit">day or week: the unit the rates are per.</param>
/// <param name="ParametersJson">The parameters, by their names in the papers.</param>
/// <param name="ReportJson">The fit report.</param>
public sealed record ModelFit(int FitId, string Model, DateTime FittedAt, string Source, DateOnly? AsOf, string TimeUnit, string ParametersJson, string ReportJson)
{
    /// <summary>Stores a fit and returns it with its number.</summary>
    public static ModelFit Save(Workspace workspace, ModelFit fit)
    {
        using var transaction = workspace.Db.BeginTransaction();
        var id = (int)workspace.Scalar<long>("SELECT coalesce(max(fit_id), 0) + 1 FROM model_fits");
        using (var command = workspace.Command("""
            INSERT INTO model_fits (fit_id, model, fitted_at, source, as_of, time_unit, parameters, report)
            VALUES ($id, $model, $fitted_at, $source, CAST($as_of AS DATE), $time_unit, $parameters, $report)
            """, ("id", id), ("model", fit.Model), ("fitted_at", fit.FittedAt), ("source", fit.Source), ("as_of", fit.AsOf?.ToDateTime(TimeOnly.MinValue)),
            ("time_unit", fit.TimeUnit), ("parameters", fit.ParametersJson), ("report", fit.ReportJson)))
        {
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return fit with { FitId = id };
    }

    /// <summary>Every stored fit, oldest first.</summary>
    public static IReadOnlyList<ModelFit> All(Workspace workspace)
    {
        using var command = workspace.Command("SELECT fit_id, model, fitted_at, source, as_of, time_unit, parameters, report FROM model_fits ORDER BY fit_id");
        using var reader = command.ExecuteReader();
        var fits = new List<ModelFit>();
        while (reader.Read())
        {
            fits.Add(new ModelFit(reader.GetInt32(0), reader.GetString(1), reader.GetDateTime(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4), reader.GetString(5), reader.GetString(6), reader.GetString(7)));
        }
        return fits;
    }
}
