using System.Text.RegularExpressions;
using Spectre.Console;

namespace Clientele.Cli.Output;

/// <summary>
/// Shows the progress of a long step: a Spectre progress bar on a terminal, and plain lines on
/// standard error (every tenth of the way, and at each new stage) when output is redirected.
/// </summary>
internal static partial class ProgressReporter
{
    /// <summary>Runs <paramref name="work"/> with a progress callback taking (done, total, detail).</summary>
    public static T Run<T>(CliContext context, string title, Func<Action<double, double, string>, T> work)
    {
        if (context.Interactive)
        {
            return context.Out.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(progress =>
                {
                    var task = progress.AddTask(Markup.Escape(title), maxValue: 1);
                    return work((done, total, detail) =>
                    {
                        task.MaxValue = Math.Max(total, 1);
                        task.Value = Math.Min(done, task.MaxValue);
                        task.Description = Markup.Escape(detail.Length == 0 ? title : $"{title}: {detail}");
                    });
                });
        }
        var lastTenth = -1;
        var lastStage = "";
        return work((done, total, detail) =>
        {
            // A line each tenth of the way and each new stage ("storing ..."), not each count: a log of a 95-million-row import
            // had a line every 16,384 rows.
            var tenth = total <= 0 ? 0 : (int)(10 * done / total);
            var stage = Stage(detail);
            if (tenth == lastTenth && stage == lastStage) return;
            context.Error.WriteLine($"{title}: {tenth * 10}%{(detail.Length == 0 ? "" : " " + detail)}");
            lastTenth = tenth;
            lastStage = stage;
        });
    }

    /// <summary>A detail without its counts: "storing 5,000 rows" and "storing 7,000 rows" are one stage, "5,000 rows" another.</summary>
    internal static string Stage(string detail) => Counts().Replace(detail, "#");

    [GeneratedRegex(@"\d[\d,.]*")]
    private static partial Regex Counts();
}
