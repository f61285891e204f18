using Clientele.Clv;
using Clientele.Storage;
using Clientele.Storage.Analysis;
using Clientele.Storage.Snapshots;
using Clientele.Web.Hosting;

namespace Clientele.Web.Api;

/// <summary>The customer-base models behind an analysis: the chosen model, its parameters and fit, the holdout comparison and tracking.</summary>
public static class ModelsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGroup("/models").WithTags("Models")
            .MapGet("/", Get).WithName("GetModels").ProducesProblem(400)
            .WithSummary("The models of an analysis (default: the latest): chosen model, fitted parameters, fit report, the holdout comparison of BG/NBD and Pareto/NBD with its tracking curve; and every fit stored by `clientele model fit`.");
    }

    /// <summary>The models of an analysis.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="asOf">The analysis' as-of date; the latest when left out.</param>
    public static ModelsView Get(WorkspaceHost workspace, DateOnly? asOf = null)
    {
        var (day, context, fits) = workspace.Read(w =>
        {
            var (d, c) = SnapshotQuery.Context(w, asOf);
            return (d, c, ModelFits(w));
        });
        var scoring = context.Scoring;
        var candidates = scoring.Candidates
            .Select(c => new CandidateView(c.Model, Finite(c.Error), Finite(c.Predicted), c.Actual, c.Failure, c.Model == scoring.Model))
            .ToList();
        return new ModelsView(
            day, context.TimeUnit, context.Customers, context.Buyers,
            scoring.Model, scoring.Method, scoring.ModelBased, Finite(scoring.HorizonDays),
            Numbers(scoring.Parameters), Fit(scoring.Fit), Numbers(scoring.Spend), Fit(scoring.SpendFit),
            candidates, Tracking(context.HoldoutTracking), context.Notes, fits);
    }

    private static IReadOnlyList<ModelFit> ModelFits(Storage.Workspace workspace) => Storage.ModelFit.All(workspace);

    private static HoldoutTrackingView? Tracking(HoldoutTracking? tracking) => tracking is null
        ? null
        : new HoldoutTrackingView(tracking.CalibrationEnd, tracking.Days, [.. tracking.Days.Select(tracking.CalibrationEnd.AddDays)], tracking.Actual, tracking.Predicted);

    private static FitView? Fit(FitReport? fit) => fit is null
        ? null
        : new FitView(Finite(fit.LogLikelihood), fit.Iterations, fit.Converged, fit.Reason, Finite(fit.GradientNorm), Finite(fit.Customers), fit.UniqueRows, Finite(fit.Seconds));

    private static Dictionary<string, double?> Numbers(IReadOnlyDictionary<string, double> values) =>
        values.ToDictionary(p => p.Key, p => Finite(p.Value));

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

/// <summary>The models of an analysis.</summary>
/// <param name="AsOf">The analysis.</param>
/// <param name="TimeUnit">week or day: the unit the rates are per.</param>
/// <param name="Customers">Customers analyzed.</param>
/// <param name="Buyers">Of them, those who bought.</param>
/// <param name="Model">The repeat-purchase model used (bgnbd or pnbd), or null when the scores came from rules.</param>
/// <param name="ScoringMethod">How the scores were made.</param>
/// <param name="ModelBased">Whether the scores came from a model.</param>
/// <param name="HorizonDays">The horizon of the expected purchases and revenue, in days.</param>
/// <param name="Parameters">The model's fitted parameters by their names in the papers.</param>
/// <param name="Fit">Its fit report, or null.</param>
/// <param name="Spend">Gamma-Gamma's spend parameters (p, q, gamma), empty when each customer's mean spend was used.</param>
/// <param name="SpendFit">Gamma-Gamma's fit report, or null.</param>
/// <param name="Candidates">The holdout comparison behind an automatic choice, best first (empty when the model was given).</param>
/// <param name="Tracking">Cumulative holdout purchases, actual and as each candidate predicted them, or null.</param>
/// <param name="Notes">What was chosen, estimated or fallen back on, in words.</param>
/// <param name="StoredFits">Every fit stored by <c>clientele model fit</c>, oldest first.</param>
public sealed record ModelsView(
    DateOnly AsOf, string TimeUnit, long Customers, long Buyers, string? Model, string ScoringMethod, bool ModelBased, double? HorizonDays,
    IReadOnlyDictionary<string, double?> Parameters, FitView? Fit, IReadOnlyDictionary<string, double?> Spend, FitView? SpendFit,
    IReadOnlyList<CandidateView> Candidates, HoldoutTrackingView? Tracking, IReadOnlyList<string> Notes, IReadOnlyList<ModelFit> StoredFits);

/// <summary>A fit report.</summary>
/// <param name="LogLikelihood">The maximized log-likelihood.</param>
/// <param name="Iterations">The optimizer's iterations.</param>
/// <param name="Converged">Whether it converged.</param>
/// <param name="Reason">Why it stopped.</param>
/// <param name="GradientNorm">The gradient's norm at the end.</param>
/// <param name="Customers">Customers fitted on.</param>
/// <param name="UniqueRows">Distinct rows after compression.</param>
/// <param name="Seconds">Wall time.</param>
public sealed record FitView(double? LogLikelihood, int Iterations, bool Converged, string? Reason, double? GradientNorm, double? Customers, int? UniqueRows, double? Seconds);

/// <summary>A candidate model's holdout result.</summary>
/// <param name="Model">bgnbd or pnbd.</param>
/// <param name="Error">Relative holdout error (lower is better); null when the fit failed.</param>
/// <param name="Predicted">Predicted holdout purchases of the compared customers.</param>
/// <param name="Actual">Actual holdout purchases of the compared customers.</param>
/// <param name="Failure">Why the calibration fit failed or was refused (a degenerate or unconverged fit), in words, or null.</param>
/// <param name="Chosen">Whether this is the model used.</param>
public sealed record CandidateView(string Model, double? Error, double? Predicted, long Actual, string? Failure, bool Chosen);

/// <summary>The holdout tracking curve: cumulative purchase days after the calibration end of the customers who bought by then.</summary>
/// <param name="CalibrationEnd">The last calibration day.</param>
/// <param name="Days">Days after the calibration end of each point.</param>
/// <param name="Dates">The date of each point.</param>
/// <param name="Actual">Actual cumulative purchase days at each point.</param>
/// <param name="Predicted">Each candidate's predicted cumulative purchase days at each point, by model.</param>
public sealed record HoldoutTrackingView(
    DateOnly CalibrationEnd, IReadOnlyList<int> Days, IReadOnlyList<DateOnly> Dates, IReadOnlyList<long> Actual, IReadOnlyDictionary<string, IReadOnlyList<double>> Predicted);
