using System.CommandLine;
using System.Globalization;
using Clientele.Classification;
using Clientele.Cli.Output;
using Clientele.Money;
using Clientele.Storage;
using Clientele.Storage.Snapshots;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele customer &lt;id&gt;</c>: one customer's classes with their reasons, what to do, its figures and how its classes moved.</summary>
internal static class CustomerCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var id = new Argument<string>("id") { Description = "The customer's id, as in your data." };
        var asOf = new Option<string?>("--as-of") { Description = "The analysis to read, yyyy-MM-dd (default: the latest)." };
        var format = new Option<OutputFormat>("--format") { Description = "table (default) or json.", DefaultValueFactory = _ => OutputFormat.Table };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("customer",
            "One customer: every class with the figures and thresholds that decided it, the recommended actions and the class each comes from, " +
            "scores and figures, product lines, buying roles of an organization, and its classes in every analysis.")
        {
            id, asOf, format,
        };
        command.SetAction(parsed =>
        {
            using var workspace = context.OpenWorkspace(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            FreshnessNote.Write(context, workspace);
            var profile = SnapshotQuery.Profile(workspace, parsed.GetValue(id)!, SummaryCommand.ParseDay(parsed.GetValue(asOf), "--as-of"));
            if (parsed.GetValue(format) == OutputFormat.Json) RowsWriter.WriteJson(context.Out.Profile.Out.Writer, Json(profile, MoneySetting.Read(workspace)));
            else Print(context, profile, MoneySetting.Read(workspace));
            return 0;
        });
        return command;
    }

    private static object Json(CustomerProfile p, MoneyFormat money) => new
    {
        money.Currency,
        p.AsOf,
        p.CustomerId,
        p.Name,
        p.Kind,
        p.Classes,
        p.Actions,
        Figures = p.Figures.ToDictionary(f => f.Name, f => f.Value),
        p.ProductLines,
        p.BuyingRoles,
        History = p.History.Select(h => new { h.AsOf, Classes = Dimensions.All.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => h.Classes[x.i]) }),
        p.Live,
        p.Notes,
    };

    private static void Print(CliContext context, CustomerProfile p, MoneyFormat money)
    {
        var culture = CultureInfo.InvariantCulture;
        var who = string.Join(" ", new[] { p.CustomerId, p.Name, p.Kind is null ? null : $"({p.Kind})" }.Where(s => !string.IsNullOrEmpty(s)));
        context.Out.WriteLine(string.Format(culture, "{0}, in the analysis as of {1:yyyy-MM-dd}", who, p.AsOf));
        if (p.Live is { } live)
        {
            context.Out.WriteLine(Markup.Escape(char.ToUpperInvariant(live.Text[0]) + live.Text[1..] + "."));
            foreach (var c in live.Changes)
                context.Out.WriteLine(Markup.Escape(string.Format(culture, "  {0:yyyy-MM-dd HH:mm} UTC{1}: {2} {3} → {4}", c.ChangedAt, c.ImportId is { } i ? $" (import #{i})" : "",
                    Dimensions.Title(c.Dimension).ToLowerInvariant(), c.From ?? "(none)", c.To ?? "(none)")));
        }
        var classes = new Table().AddColumn("dimension").AddColumn("class").AddColumn("why");
        foreach (var c in p.Classes.Where(c => c.Class is not null || c.Reason is not null))
            classes.AddRow(c.Dimension, Markup.Escape(c.Label ?? "-"), Markup.Escape(c.Reason ?? ""));
        context.Out.Write(classes);

        if (p.Actions.Count > 0)
        {
            var actions = new Table().Title("What to do").AddColumn("action").AddColumn("because of");
            foreach (var a in p.Actions) actions.AddRow(Markup.Escape(a.Action), Markup.Escape($"{a.Dimension} = {a.Class}"));
            var withheld = Playbook.Withheld(p.Classes.Select(c => KeyValuePair.Create(c.Dimension, c.Class)));
            if (withheld.Count > 0) actions.Caption(Markup.Escape(string.Join("; ", withheld)));
            context.Out.Write(actions);
        }

        var figures = new Table().Title("Figures and scores").AddColumn("figure").AddColumn(new TableColumn("value").RightAligned()).AddColumn("meaning");
        foreach (var f in p.Figures.Where(f => f.Value is not null))
            figures.AddRow(f.Name, SnapshotSchema.MoneyColumns.Contains(f.Name) && f.Value is double amount ? money.Amount(amount, 2) : RowsWriter.Cell(f.Name, f.Value), Markup.Escape(f.Meaning));
        context.Out.Write(figures);

        if (p.ProductLines.Count > 0)
        {
            var lines = new Table().Title("Product lines").AddColumn("product line").AddColumn("class").AddColumn("why");
            foreach (var l in p.ProductLines) lines.AddRow(Markup.Escape(l.ProductLine), Markup.Escape(l.Class), Markup.Escape(l.Reason ?? ""));
            context.Out.Write(lines);
        }

        if (p.BuyingRoles.Count > 0)
        {
            var roles = new Table().Title("Buying roles").AddColumn("role").AddColumn("contact").AddColumn("title")
                .AddColumn(new TableColumn("weight").RightAligned()).AddColumn("source");
            foreach (var r in p.BuyingRoles)
            {
                roles.AddRow(Markup.Escape(r.Role), Markup.Escape(r.ContactName is null ? r.ContactId : $"{r.ContactName} ({r.ContactId})"),
                    Markup.Escape(r.Title ?? ""), r.Weight.ToString("0.00", culture), r.Inferred ? "inferred" : "recorded");
            }
            context.Out.Write(roles);
        }
        else if (p.Kind == "organization")
        {
            context.Out.WriteLine("No buying roles known: import contacts and buying_roles to see who pays, decides and uses.");
        }

        var shown = Enumerable.Range(0, Dimensions.All.Count).Where(d => p.History.Any(h => h.Classes[d] is not null)).ToArray();
        var history = new Table().Title(p.History.Count == 1 ? "History (one analysis so far)" : $"History ({p.History.Count} analyses, oldest first)").AddColumn("as of");
        foreach (var d in shown) history.AddColumn(Dimensions.All[d]);
        foreach (var h in p.History)
            history.AddRow([h.AsOf.ToString("yyyy-MM-dd", culture), .. shown.Select(d => Markup.Escape(h.Classes[d] ?? ""))]);
        context.Out.Write(history);
        foreach (var note in p.Notes) context.Out.WriteLine("Note: " + Markup.Escape(note));
    }
}
