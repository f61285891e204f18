using Clientele.Storage.Analysis;
using Clientele.Web.Hosting;

namespace Clientele.Web.Api;

/// <summary>
/// <c>clientele serve --analyze-every 6h</c>: every interval, when data was imported after the latest analysis (or
/// there is data and no analysis yet), starts an analysis through <see cref="AnalysisRuns"/> — the same background run
/// an analyst starts from the Data page, listed there as started by <see cref="StartedBy"/>. It is skipped while another
/// run is queued or running, and when nothing changed (no new snapshot of the same data). Reads go on meanwhile: each
/// reads through a connection of its own and sees the previous analysis until the new one is stored.
/// </summary>
public sealed class ScheduledAnalysis(ServerSettings settings, WorkspaceHost workspace, AnalysisRuns runs, TimeProvider time, ILogger<ScheduledAnalysis> logger)
    : BackgroundService
{
    /// <summary>Who the scheduled runs are started by, as the run list shows it.</summary>
    public const string StartedBy = "schedule";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.AnalyzeEvery is not { } interval) return;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) Check(interval);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Check(TimeSpan interval)
    {
        try
        {
            if (workspace.Read(AnalysisDue.Check) is not var (request, reason)) return;
            if (runs.Start(request, StartedBy) is { } run) logger.ScheduledAnalysisStarted(reason, run.Id);
        }
#pragma warning disable CA1031 // A failed check must not stop the schedule (nor the server); the next tick tries again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.ScheduledAnalysisCheckFailed(e, interval);
        }
    }
}
