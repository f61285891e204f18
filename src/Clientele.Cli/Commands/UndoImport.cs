using Clientele.Cli.Output;
using Clientele.Storage;
using Clientele.Storage.Removal;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele import --undo N</c>: shows what undoing import N removes, asks, and undoes it whole or not at all.</summary>
internal static class UndoImport
{
    public static int Run(CliContext context, string path, int importId, bool yes)
    {
        using var workspace = Workspace.Open(path);
        var plan = ImportUndo.Plan(workspace, importId);
        RemovalWriter.Undo(context, plan, done: false);
        if (!Confirmation.Ask(context, $"Undo import #{importId}?", yes))
        {
            context.Out.WriteLine("Nothing was changed.");
            return CliApp.UserError;
        }
        var done = ImportUndo.Apply(workspace, importId, context.Environment("USER"), context.Time.GetUtcNow().UtcDateTime,
            table => context.Error.WriteLine($"undo #{importId}: removing from {table}"));
        context.Out.WriteLine($"Undid import #{importId}.");
        if (done.Live is { } live) context.Out.WriteLine(live.Text);
        if (done.RowsRemoved != plan.RowsRemoved) RemovalWriter.Undo(context, done, done: true);
        return 0;
    }
}
