using Clientele.Storage.Report;
using Clientele.Web.Hosting;

namespace Clientele.Web.Api;

/// <summary>
/// <c>GET /api/report</c>: the manager's report of <c>clientele report</c> (<see cref="ManagerReport"/>, <see cref="ReportHtml"/>)
/// as a self-contained HTML file to download; the dashboard's overview links to it.
/// </summary>
public static class ReportApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/report", Report).WithTags("Report").WithName("GetReport").ProducesProblem(400).ProducesProblem(404)
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .WithSummary("The report of an analysis (default: the latest) for a manager, as `clientele report` writes it: one self-contained HTML " +
                "file (inline CSS and SVG charts, no script, no network request) with who the customers are, where the value is, what changed " +
                "since the previous analysis, what people care about (concerns) and the playbook's actions by the value at stake; sent as a download named report-DATE.html.");

    /// <summary>The report as an HTML download.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="asOf">The analysis (default: the latest).</param>
    public static IResult Report(WorkspaceHost workspace, DateOnly? asOf = null)
    {
        var report = workspace.Read(w => ManagerReport.Read(w, asOf));
        var html = System.Text.Encoding.UTF8.GetBytes(ReportHtml.Write(report));
        return TypedResults.File(html, "text/html; charset=utf-8", $"report-{report.AsOf:yyyy-MM-dd}.html");
    }
}
