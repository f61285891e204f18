using System.CommandLine;
using System.Globalization;
using Clientele.Cli.Output;
using Clientele.Storage;
using Clientele.Storage.Referrals;

namespace Clientele.Cli.Commands;

/// <summary>
/// <c>clientele referrals thank|ask|results|record</c>: whom to thank now, whom to ask for a referral, what thanking and
/// asking brought back, and recording that we did (docs/referrals.md).
/// </summary>
internal static class ReferralsCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var command = new Command("referrals",
            "Thank and refer: whom to thank now (their referred customers bought, or they reviewed or suggested, since we last thanked them), " +
            "whom to ask for a referral (live supporters and advocates, not asked recently, no open complaint), what it brought back, " +
            "and recording that we thanked or asked. Options: the options file's referrals group.");
        command.Subcommands.Add(List(context, workspaceOption, "thank",
            "Whom to thank now, by what their referred customers bought since we last thanked them; each with its reason. csv is for a mail tool.",
            (workspace, day, top) => ThankQuery.Of(workspace, day, top), PrintThank, list => ReferralExport.Csv(list), list => list.Note));
        command.Subcommands.Add(List(context, workspaceOption, "ask",
            "Whom to ask for a referral: supporters and advocates alive by the model (or the churn status without one), not asked within the cooldown, with no open complaint.",
            (workspace, day, top) => AskQuery.Of(workspace, day, top), PrintAsk, list => ReferralExport.Csv(list), list => list.Note));
        command.Subcommands.Add(Results(context, workspaceOption));
        command.Subcommands.Add(Record(context, workspaceOption));
        return command;
    }

    private static Option<string?> AsOf() => new("--as-of") { Description = "The analysis to read, yyyy-MM-dd (default: the latest)." };

    private static Command List<T>(
        CliContext context, Option<string?> workspaceOption, string name, string description,
        Func<Workspace, DateOnly?, int?, T> query, Action<CliContext, T> print, Func<T, string> csv, Func<T, string?> note) where T : notnull
    {
        var asOf = AsOf();
        var top = new Option<int?>("--top") { Description = "How many customers to show (default: the options' referrals.top, 50)." };
        var format = new Option<OutputFormat>("--format") { Description = "table (default), csv (for a mail tool: id, name, e-mail, reason, value) or json.", DefaultValueFactory = _ => OutputFormat.Table };
        var command = new Command(name, description) { asOf, top, format };
        command.SetAction(parsed =>
        {
            var day = SummaryCommand.ParseDay(parsed.GetValue(asOf), "--as-of");
            using var workspace = context.OpenWorkspace(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            FreshnessNote.Write(context, workspace);
            var list = query(workspace, day, parsed.GetValue(top));
            var writer = context.Out.Profile.Out.Writer;
            var chosen = parsed.GetValue(format);
            // An empty file for a mail tool says nothing by itself: the reason goes to standard error.
            if (chosen != OutputFormat.Table && note(list) is { } empty) context.Error.WriteLine(empty);
            switch (chosen)
            {
                case OutputFormat.Csv:
                    writer.Write(csv(list));
                    break;
                case OutputFormat.Json:
                    RowsWriter.WriteJson(writer, list);
                    break;
                default:
                    print(context, list);
                    break;
            }
            return 0;
        });
        return command;
    }

    private static void PrintThank(CliContext context, ThankList list)
    {
        if (list.Note is not null)
        {
            context.Out.WriteLine(list.Note);
            return;
        }
        context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "{0:N0} customers to thank as of {1:yyyy-MM-dd} (referred customers who bought, or reviews and suggestions, since they were last thanked; " +
            "at most {2:N0} days back){3}:", list.Total, list.AsOf, list.WindowDays, list.Candidates.Count < list.Total ? $", the first {list.Candidates.Count:N0}" : ""));
        var table = new Table().AddColumn("customer").AddColumn("name").AddColumn(RowsWriter.Column("bought", true)).AddColumn("reason");
        foreach (var c in list.Candidates)
            table.AddRow(Markup.Escape(c.CustomerId), Markup.Escape(c.Name ?? ""), c.ReferredValue.ToString("N2", CultureInfo.InvariantCulture), Markup.Escape(c.Reason));
        context.Out.Write(table);
        context.Out.WriteLine("Record a thank with `clientele referrals record thank CUSTOMER_ID`: the customer leaves the list at once.");
    }

    private static void PrintAsk(CliContext context, AskList list)
    {
        var culture = CultureInfo.InvariantCulture;
        if (list.Note is not null)
        {
            context.Out.WriteLine(list.Note);
            return;
        }
        context.Out.WriteLine(string.Format(culture,
            "{0:N0} customers to ask for a referral as of {1:yyyy-MM-dd}{2}: of {3:N0} on the asked rungs, {4:N0} not alive by {5}, {6:N0} asked recently and {7:N0} with an open complaint left out.",
            list.Total, list.AsOf, list.Candidates.Count < list.Total ? $" (the first {list.Candidates.Count:N0})" : "", list.OnLadder, list.NotAlive, list.AliveBy, list.AskedRecently, list.OpenComplaint));
        var table = new Table().AddColumn("customer").AddColumn("name").AddColumn(RowsWriter.Column("value", true)).AddColumn("reason");
        foreach (var c in list.Candidates)
            table.AddRow(Markup.Escape(c.CustomerId), Markup.Escape(c.Name ?? ""), c.Value?.ToString("N0", culture) ?? "", Markup.Escape(c.Reason));
        context.Out.Write(table);
        context.Out.WriteLine("Record an ask with `clientele referrals record ask CUSTOMER_ID`: the customer leaves the list for the cooldown.");
    }

    private static Command Results(CliContext context, Option<string?> workspaceOption)
    {
        var asOf = AsOf();
        var format = new Option<OutputFormat>("--format") { Description = "table (default), csv or json.", DefaultValueFactory = _ => OutputFormat.Table };
        var open = new Option<bool>("--open")
        {
            Description = "List every thank and ask still in its window (latest first, with the referrals and purchases that followed so far) instead of the results; " +
                "csv: action,customer_id,name,at,referrals,referred_value.",
        };
        var command = new Command("results",
            "What thanking and asking were followed by: referrals and their purchases in the days after, against comparable customers of the same ladder rung " +
            "not thanked (asked) over the same windows. An association, not proof of an effect.") { asOf, format, open };
        command.SetAction(parsed =>
        {
            var day = SummaryCommand.ParseDay(parsed.GetValue(asOf), "--as-of");
            using var workspace = context.OpenWorkspace(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            FreshnessNote.Write(context, workspace);
            var listOpen = parsed.GetValue(open);
            var results = ReferralResultsQuery.Of(workspace, day, listOpen ? int.MaxValue : ReferralResultsQuery.MaxOpen);
            var writer = context.Out.Profile.Out.Writer;
            if (listOpen)
            {
                WriteOpen(context, workspace, results, parsed.GetValue(format));
                return 0;
            }
            ReferralOutcome[] outcomes = [results.Thank, results.Ask];
            switch (parsed.GetValue(format))
            {
                case OutputFormat.Csv:
                    RowsWriter.WriteCsv(writer,
                        ["action", "period_from", "period_to", "days", "customers", "comparable", "referrals", "comparable_referrals", "value", "comparable_value", "share", "comparable_share", "enough", "statement"],
                        outcomes.Select(o => (IReadOnlyList<object?>)[o.Action.ToString().ToLowerInvariant(), o.PeriodFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                            o.PeriodTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), o.Days, o.Treated, o.Comparable, o.TreatedReferrals, o.ComparableReferrals,
                            o.TreatedValue, o.ComparableValue, o.TreatedShare, o.ComparableShare, o.Enough, o.Statement]));
                    break;
                case OutputFormat.Json:
                    RowsWriter.WriteJson(writer, results);
                    break;
                default:
                    foreach (var o in outcomes)
                        context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} ({1:yyyy-MM-dd} to {2:yyyy-MM-dd}, {3:N0} days after each): {4}",
                            o.Action == ReferralAction.Thank ? "After a thank" : "After an ask", o.PeriodFrom, o.PeriodTo, o.Days, o.Statement));
                    if (results.OpenTotal > 0)
                        PrintOpen(context, workspace, results, " (not in the figures above)");
                    break;
            }
            return 0;
        });
        return command;
    }

    private static void WriteOpen(CliContext context, Workspace workspace, ReferralResults results, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Csv:
                RowsWriter.WriteCsv(context.Out.Profile.Out.Writer, ["action", "customer_id", "name", "at", "referrals", "referred_value"],
                    results.Open.Select(f => (IReadOnlyList<object?>)[f.Action.ToString().ToLowerInvariant(), f.CustomerId, f.Name, f.At, f.Referrals, f.ReferredValue]));
                break;
            case OutputFormat.Json:
                RowsWriter.WriteJson(context.Out.Profile.Out.Writer, new { results.AsOf, From = results.Thank.PeriodTo.AddDays(1), results.OpenTotal, results.Open });
                break;
            default:
                if (results.OpenTotal == 0)
                    context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                        "No thank or ask from {0:yyyy-MM-dd} on: every one recorded is in the results' figures (`clientele referrals results`).", results.Thank.PeriodTo.AddDays(1)));
                else
                    PrintOpen(context, workspace, results, "");
                break;
        }
    }

    private static void PrintOpen(CliContext context, Workspace workspace, ReferralResults results, string notCounted)
    {
        var money = MoneySetting.Read(workspace);
        context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "{0:N0} thanks and asks from {1:yyyy-MM-dd} on are still in their window{2}{3}; what followed each so far:",
            results.OpenTotal, results.Thank.PeriodTo.AddDays(1), notCounted,
            results.Open.Count < results.OpenTotal ? $", the latest {results.Open.Count:N0} (all of them: --open)" : ""));
        foreach (var f in results.Open)
            context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0} {1} on {2:yyyy-MM-dd}: {3}",
                f.Action == ReferralAction.Thank ? "thanked" : "asked", f.CustomerId, f.At,
                f.Referrals == 0 ? "no referral since" : string.Format(CultureInfo.InvariantCulture, "{0:N0} referred since, who bought {1}", f.Referrals, money.Amount(f.ReferredValue, 2))));
    }

    private static Command Record(CliContext context, Option<string?> workspaceOption)
    {
        var action = new Argument<string>("action") { Description = "thank (a referral_thanks interaction) or ask (a referral_ask interaction)." };
        action.AcceptOnlyFromAmong("thank", "ask");
        var customer = new Argument<string>("customer") { Description = "The customer's id." };
        var note = new Option<string?>("--note") { Description = "A note kept as the interaction's text (how, what was said)." };
        var command = new Command("record",
            "Record that we thanked a customer or asked it for a referral, now: one interaction row, as an import of kind referral_thanks or referral_ask would add. " +
            "The lists change at once.") { action, customer, note };
        command.SetAction(parsed =>
        {
            using var workspace = context.OpenWorkspace(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            var what = parsed.GetValue(action) == "ask" ? ReferralAction.Ask : ReferralAction.Thank;
            var recorded = ReferralLog.Record(workspace, parsed.GetValue(customer)!, what, parsed.GetValue(note), context.Time.GetUtcNow().UtcDateTime);
            context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "Recorded {0} for {1} on {2:yyyy-MM-dd HH:mm} UTC (interaction {3}){4}.",
                recorded.Kind, recorded.CustomerId, recorded.OccurredAt, recorded.InteractionId, recorded.Note is null ? "" : $": {recorded.Note}"));
            return 0;
        });
        return command;
    }
}
