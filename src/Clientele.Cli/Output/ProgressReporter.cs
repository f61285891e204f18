using Spectre.Console;

namespace Clientele.Cli.Output;

/// <summary>
/// Shows the progress of a long step: a Spectre progress bar on a terminal, and plain lines on
/// standard error (every tenth of the way) when output is redirected.
/// </summary>
internal static class ProgressReporter
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
        var lastDetail = "";
        return work((done, total, detail) =>
        {
            var tenth = total <= 0 ? 0 : (int)(10 * done / total);
            if (tenth == lastTenth && detail == lastDetail) return;
            if (tenth != lastTenth || detail.Split(' ')[0] != lastDetail.Split(' ')[0])
                context.Error.WriteLine($"{title}: {tenth * 10}%{(detail.Length == 0 ? "" : " " + detail)}");
            lastTenth = tenth;
            lastDetail = detail;
        });
    }
}
