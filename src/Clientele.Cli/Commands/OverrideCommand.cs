using System.CommandLine;
using System.Globalization;
using Clientele.Classification;
using Clientele.Cli.Output;
using Clientele.Storage;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele override</c>: set, list or remove a manual class that wins over the computed one at the next analysis.</summary>
internal static class OverrideCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var customer = new Argument<string?>("customer") { Description = "The customer's id.", Arity = ArgumentArity.ZeroOrOne };
        var dimension = new Option<string?>("--dimension", "-d") { Description = "The dimension: " + string.Join(", ", Dimensions.All) + "." };
        var @class = new Option<string?>("--class", "-c")
        {
            Description = "The class to use. Checked for " + string.Join(", ", DimensionClasses.Closed.Keys) + "; any text for " +
                string.Join(" and ", Dimensions.All.Where(d => !DimensionClasses.IsClosed(d))) + ".",
        };
        var reason = new Option<string?>("--reason", "-r") { Description = "Why (shown with the class, e.g. \"brings traffic to the shop\")." };
        var by = new Option<string?>("--by") { Description = "Who decided (default: $USER, else \"unknown\")." };
        var remove = new Option<bool>("--remove") { Description = "Remove the customer's override in --dimension." };
        var list = new Option<bool>("--list") { Description = "List the overrides (of one customer when one is named)." };
        var format = new Option<OutputFormat>("--format") { Description = "For --list: table (default), csv or json.", DefaultValueFactory = _ => OutputFormat.Table };
        var command = new Command("override",
            "Give a customer a class by hand, with a reason: a BZC kept on purpose, a prestige customer chased for image. " +
            "It wins over the computed class from the next `clientele analyze` on. " +
            "`override <customer> --dimension D --class C --reason R` sets (or replaces) it; `--remove` removes it; `--list` lists them.")
        {
            customer, dimension, @class, reason, by, remove, list, format,
        };
        command.SetAction(parsed =>
        {
            var id = parsed.GetValue(customer);
            var name = parsed.GetValue(dimension);
            var classText = parsed.GetValue(@class);
            var reasonText = parsed.GetValue(reason);
            var listing = parsed.GetValue(list);
            var removing = parsed.GetValue(remove);
            var problem = (listing, removing) switch
            {
                (true, true) => "--list and --remove do not go together.",
                (true, _) when name is not null || classText is not null || reasonText is not null => "--list takes no --dimension, --class or --reason.",
                (_, true) when id is null || name is null => "--remove needs the customer and --dimension: clientele override C-1042 --dimension value_class --remove.",
                (_, true) when classText is not null || reasonText is not null => "--remove takes no --class or --reason.",
                (false, false) when id is null || name is null || classText is null || reasonText is null =>
                    "an override needs the customer, --dimension, --class and --reason: clientele override C-1042 --dimension value_class --class BZC --reason \"brings traffic\"; or --list.",
                _ => null,
            };
            if (problem is not null)
            {
                context.Error.WriteLine($"error: {problem}");
                context.Error.WriteLine("Run `clientele override --help` for usage.");
                return CliApp.UsageError;
            }
            using var workspace = context.OpenWorkspace(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            if (listing)
            {
                List(context, [.. OverrideTable.All(workspace).Where(o => id is null || o.CustomerId == id)], parsed.GetValue(format));
                return 0;
            }
            if (removing)
            {
                var canonical = Dimensions.Find(name!) ?? name!;
                if (!OverrideTable.Remove(workspace, id!, name!))
                    throw new WorkspaceException($"customer '{id}' has no override of {canonical}; `clientele override --list` shows them.");
                context.Out.WriteLine($"Removed the override of {canonical} for {id}; the next `clientele analyze` computes it again.");
                return 0;
            }
            var earlier = OverrideTable.Find(workspace, id!, name!);
            var setBy = parsed.GetValue(by) ?? context.Environment("USER") ?? "unknown";
            var stored = OverrideTable.Set(workspace, id!, name!, classText!, reasonText!, setBy, context.Time.GetUtcNow().UtcDateTime);
            var replaced = earlier is null ? "" : $" (replacing {earlier.Class}: {earlier.Reason})";
            context.Out.WriteLine($"Set {stored.Dimension} = {stored.Class} for {stored.CustomerId}, by {stored.SetBy}: {stored.Reason}{replaced}.");
            context.Out.WriteLine("It applies at the next `clientele analyze`.");
            return 0;
        });
        return command;
    }

    private static void List(CliContext context, List<Override> overrides, OutputFormat format)
    {
        string[] columns = ["customer_id", "dimension", "class", "reason", "set_by", "set_at"];
        var rows = overrides.Select(o => (IReadOnlyList<object?>)[o.CustomerId, o.Dimension, o.Class, o.Reason, o.SetBy,
            o.SetAt?.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)]);
        switch (format)
        {
            case OutputFormat.Csv:
                RowsWriter.WriteCsv(context.Out.Profile.Out.Writer, columns, rows);
                return;
            case OutputFormat.Json:
                RowsWriter.WriteJson(context.Out.Profile.Out.Writer, columns, rows);
                return;
        }
        if (overrides.Count == 0)
        {
            context.Out.WriteLine("No overrides: every class is computed.");
            return;
        }
        var table = new Table().AddColumn("customer_id").AddColumn("dimension").AddColumn("class").AddColumn("reason").AddColumn("set by").AddColumn("set at (UTC)");
        foreach (var o in overrides)
        {
            table.AddRow(Markup.Escape(o.CustomerId), o.Dimension, Markup.Escape(o.Class), Markup.Escape(o.Reason), Markup.Escape(o.SetBy ?? ""),
                o.SetAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "");
        }
        context.Out.Write(table);
        context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0:N0} {1}; they apply at each `clientele analyze`.",
            overrides.Count, overrides.Count == 1 ? "override" : "overrides"));
    }
}
