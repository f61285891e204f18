using System.Globalization;
using Clientele.Customers;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Analysis;

/// <summary>Whether the workspace needs a new analysis, and which: what a scheduled refit (<c>serve --analyze-every</c>) runs.</summary>
public static class AnalysisDue
{
    /// <summary>
    /// The analysis to run now and why, or null when the latest analysis has seen every import (or nothing was ever
    /// imported). A new analysis keeps the time unit and horizon of the latest one and is as of the last order day (the
    /// default of <c>clientele analyze</c>); the options are the workspace's.
    /// </summary>
    public static (AnalysisRequest Request, string Reason)? Check(Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var freshness = AnalysisFreshness.Read(workspace);
        if (freshness.LatestAnalysisAsOf is null)
            return freshness.LatestImportAt is null ? null : (new AnalysisRequest(), "data was imported and there is no analysis yet");
        if (!freshness.Stale) return null;
        using var command = workspace.Command("SELECT time_unit, horizon_days FROM snapshots ORDER BY as_of DESC, created_at DESC LIMIT 1");
        using var reader = command.ExecuteReader();
        reader.Read();
        var request = new AnalysisRequest { Unit = Enum.Parse<TimeUnit>(reader.GetString(0), ignoreCase: true), HorizonDays = reader.GetDouble(1) };
        return (request, string.Format(CultureInfo.InvariantCulture, "{0:N0} import(s) since the analysis as of {1:yyyy-MM-dd} changed {2:N0} customer(s)",
            freshness.ImportsSince, freshness.LatestAnalysisAsOf, freshness.CustomersChanged));
    }
}
