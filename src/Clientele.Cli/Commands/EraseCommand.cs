using System.CommandLine;
using Clientele.Cli.Output;
using Clientele.Storage;
using Clientele.Storage.Removal;

namespace Clientele.Cli.Commands;

/// <summary>
/// <c>clientele erase &lt;customer&gt;</c>: removes a person's or organization's rows from every table and analysis, whole or
/// not at all, and records that an erasure was done (not what was erased). Whoever can run the CLI on the workspace file
/// is its operator; through the API this takes the admin role.
/// </summary>
internal static class EraseCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var customer = new Argument<string>("customer") { Description = "The customer's id, exactly as stored." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation." };
        var by = new Option<string?>("--by") { Description = "Who erased, for the record (default: the USER environment variable)." };
        var command = new Command("erase", "Erase a customer on request: every row naming it, in every table and analysis, whole or not at all; records when and by whom, not what.")
        {
            customer, yes, by,
        };
        command.SetAction(parsed =>
        {
            var id = parsed.GetValue(customer)!;
            using var workspace = Workspace.Open(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            var plan = CustomerErasure.Plan(workspace, id);
            RemovalWriter.Erasure(context, plan, done: false);
            if (!Confirmation.Ask(context, $"Erase customer '{id}'?", parsed.GetValue(yes)))
            {
                context.Out.WriteLine("Nothing was changed.");
                return CliApp.UserError;
            }
            var done = CustomerErasure.Apply(workspace, id, parsed.GetValue(by) ?? context.Environment("USER"), context.Time.GetUtcNow().UtcDateTime,
                table => context.Error.WriteLine($"erase: removing from {table}"));
            context.Out.WriteLine($"Erased '{id}': {done.RowsRemoved:N0} rows removed; the erasure is recorded (when, by whom, a salted hash of the id). The next analysis no longer sees it.");
            return 0;
        });
        return command;
    }
}
