using System.Diagnostics;
using System.Globalization;
using Clientele.Customers;
using Clientele.Storage;
using Clientele.Storage.Analysis;
using Clientele.Web.Hosting;

namespace Clientele.Web.Api;

/// <summary>
/// The analyses started through the API, run one at a time in the background: each waits for the workspace's turn to
/// change (<see cref="WorkspaceHost.WriteAsync{T}"/>), then runs <see cref="AnalysisRunner.Run(Workspace, AnalysisRequest, Action{string}?, CancellationToken)"/>,
/// recording its steps as they start. The last <see cref="Kept"/> runs are kept in memory.
/// </summary>
public sealed class AnalysisRuns(WorkspaceHost workspace, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<AnalysisRuns> logger)
{
    /// <summary>How many finished runs are remembered.</summary>
    public const int Kept = 20;

    private readonly Lock _lock = new();
    private readonly List<Run> _runs = [];
    private int _next;

    /// <summary>Starts a run, or returns null when one is queued or running.</summary>
    public AnalysisRunView? Start(AnalysisRequest request, string? startedBy)
    {
        Run run;
        lock (_lock)
        {
            if (_runs.Any(r => r.State is AnalysisState.Queued or AnalysisState.Running)) return null;
            run = new Run(string.Create(CultureInfo.InvariantCulture, $"{++_next}"), startedBy, time.GetUtcNow().UtcDateTime);
            _runs.Add(run);
            while (_runs.Count > Kept && _runs.FindIndex(r => r.State is AnalysisState.Succeeded or AnalysisState.Failed) is >= 0 and var old) _runs.RemoveAt(old);
        }
        logger.AnalysisStarted(run.Id, startedBy);
        _ = Task.Run(() => Execute(run, request with { CreatedAt = run.StartedAt }));
        return run.View();
    }

    /// <summary>The run with that id, or null.</summary>
    public AnalysisRunView? Find(string id)
    {
        lock (_lock) return _runs.FirstOrDefault(r => r.Id == id)?.View();
    }

    /// <summary>The remembered runs, newest first.</summary>
    public IReadOnlyList<AnalysisRunView> Recent()
    {
        lock (_lock) return [.. _runs.AsEnumerable().Reverse().Select(r => r.View())];
    }

    private async Task Execute(Run run, AnalysisRequest request)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await workspace.WriteAsync(w =>
            {
                run.Begin(clock);
                return AnalysisRunner.Run(w, request, run.Step, lifetime.ApplicationStopping);
            }, lifetime.ApplicationStopping);
            run.Succeed(Summary(result), clock);
            logger.AnalysisStored(run.Id, run.StartedBy, result.Context.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), result.Context.Customers, Math.Round(clock.Elapsed.TotalSeconds, 1));
        }
        catch (WorkspaceException e)
        {
            logger.AnalysisRefused(run.Id, run.StartedBy, e.Message);
            run.Fail(e.Message, clock);
        }
        catch (OperationCanceledException)
        {
            logger.AnalysisRefused(run.Id, run.StartedBy, "the server stopped before the analysis finished; nothing was stored");
            run.Fail("the server stopped before the analysis finished; nothing was stored.", clock);
        }
#pragma warning disable CA1031 // A background run must record any failure rather than crash the server.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.AnalysisBroke(e, run.Id, run.StartedBy);
            run.Fail("the analysis failed unexpectedly; nothing was stored (the server's log has the details).", clock);
        }
    }

    private static AnalysisSummary Summary(AnalysisRun run)
    {
        var classes = new Dictionary<string, IReadOnlyDictionary<string, long>>();
        foreach (var (dimension, counted) in run.Context.Dimensions)
            if (AnalysesApi.SummaryDimensions.Contains(dimension)) classes[dimension] = counted.Counts;
        return new AnalysisSummary(run.Context.AsOf, run.Context.Customers, run.Context.Scoring.Model, run.Context.Scoring.Method,
            classes, [.. run.Context.Notes]);
    }

    private sealed class Run(string id, string? startedBy, DateTime startedAt)
    {
        private readonly Lock _lock = new();
        private readonly List<string> _steps = [];
        private double _seconds;
        private Stopwatch? _clock;
        private AnalysisSummary? _result;
        private string? _error;

        public string Id => id;

        public string? StartedBy => startedBy;

        public DateTime StartedAt => startedAt;

        public AnalysisState State { get; private set; } = AnalysisState.Queued;

        public void Begin(Stopwatch clock)
        {
            lock (_lock)
            {
                State = AnalysisState.Running;
                _clock = clock;
            }
        }

        public void Step(string name)
        {
            lock (_lock) _steps.Add(name);
        }

        public void Succeed(AnalysisSummary result, Stopwatch clock) => Finish(AnalysisState.Succeeded, result, null, clock);

        public void Fail(string error, Stopwatch clock) => Finish(AnalysisState.Failed, null, error, clock);

        private void Finish(AnalysisState state, AnalysisSummary? result, string? error, Stopwatch clock)
        {
            lock (_lock)
            {
                (_result, _error, _seconds, _clock) = (result, error, clock.Elapsed.TotalSeconds, null);
                State = state;
            }
        }

        public AnalysisRunView View()
        {
            lock (_lock)
            {
                return new AnalysisRunView(id, State.ToString().ToLowerInvariant(), startedBy, startedAt, [.. _steps],
                    Math.Round(_clock?.Elapsed.TotalSeconds ?? _seconds, 1), _result, _error);
            }
        }
    }
}

/// <summary>Where a run is.</summary>
public enum AnalysisState
{
    /// <summary>Waiting for the workspace's turn (another change is running).</summary>
    Queued,
    /// <summary>Running.</summary>
    Running,
    /// <summary>Done and stored.</summary>
    Succeeded,
    /// <summary>Failed; nothing was stored.</summary>
    Failed,
}

/// <summary>An analysis run.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="State">queued, running, succeeded or failed.</param>
/// <param name="StartedBy">Who started it.</param>
/// <param name="StartedAt">When (UTC); also the snapshot's creation time.</param>
/// <param name="Steps">The steps started so far, in order.</param>
/// <param name="Seconds">Seconds running so far (or in all, once finished).</param>
/// <param name="Result">On success: what was stored.</param>
/// <param name="Error">On failure: why, in words.</param>
public sealed record AnalysisRunView(
    string Id, string State, string? StartedBy, DateTime StartedAt, IReadOnlyList<string> Steps, double Seconds, AnalysisSummary? Result, string? Error);

/// <summary>What a successful run stored.</summary>
/// <param name="AsOf">The analysis' as-of date.</param>
/// <param name="Customers">Customers analyzed.</param>
/// <param name="Model">The repeat-purchase model used, or null (rules).</param>
/// <param name="ScoringMethod">How the scores were made.</param>
/// <param name="Classes">Customers per class of the main dimensions.</param>
/// <param name="Notes">What was chosen or fallen back on, in words.</param>
public sealed record AnalysisSummary(
    DateOnly AsOf, long Customers, string? Model, string ScoringMethod, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Classes, IReadOnlyList<string> Notes);

/// <summary>An analysis to start.</summary>
/// <param name="AsOf">The as-of date; the last order day when left out.</param>
/// <param name="HorizonDays">The horizon in days (1 to 3,650); the workspace's option (a year by default) when left out.</param>
/// <param name="Model">auto (default), bgnbd or pnbd.</param>
/// <param name="TimeUnit">week (default) or day.</param>
public sealed record AnalysisStart(DateOnly? AsOf, double? HorizonDays, string? Model, string? TimeUnit)
{
    internal AnalysisRequest ToRequest()
    {
        if (HorizonDays is { } horizon && !(horizon is >= 1 and <= 3650))
            throw new WorkspaceException($"horizonDays must be 1 to 3,650, not {horizon.ToString(CultureInfo.InvariantCulture)}.");
        var model = (Model ?? "auto").Trim().ToLowerInvariant();
        if (model is not ("auto" or "bgnbd" or "pnbd")) throw new WorkspaceException($"model '{Model}' is not one of: auto, bgnbd, pnbd.");
        var unit = (TimeUnit ?? "week").Trim().ToLowerInvariant() switch
        {
            "week" => Customers.TimeUnit.Week,
            "day" => Customers.TimeUnit.Day,
            _ => throw new WorkspaceException($"timeUnit '{TimeUnit}' is not one of: week, day."),
        };
        return new AnalysisRequest { AsOf = AsOf, HorizonDays = HorizonDays, Model = model, Unit = unit };
    }
}
