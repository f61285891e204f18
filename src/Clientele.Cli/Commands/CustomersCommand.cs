using System.CommandLine;
using System.Globalization;
using Clientele.Classification;
using Clientele.Cli.Output;
using Clientele.Money;
using Clientele.Storage;
using Clientele.Storage.Snapshots;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele customers</c>: the classified customers of an analysis, filtered by class and sorted by any figure.</summary>
internal static class CustomersCommand
{
    /// <summary>Rows a table shows when --top is not given.</summary>
    private const int TableRows = 20;

    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var asOf = new Option<string?>("--as-of") { Description = "The analysis to read, yyyy-MM-dd (default: the latest)." };
        var where = new Option<string[]>("--where")
        {
            Description = "dimension=class[,class...]: only customers of these classes (repeatable; every --where must hold, the classes of one are alternatives), " +
                "e.g. --where ladder=customer,supporter --where churn_status=at-risk; dimension!=class[,class...] keeps those of none of them. Dimensions: " + string.Join(", ", Dimensions.All) + ".",
            AllowMultipleArgumentsPerToken = false,
        };
        var sort = new Option<string?>("--sort")
        {
            Description = "\"column [asc|desc]\": any figure, score or dimension (default \"value desc\"); dimensions sort by their classes' order, e.g. \"ladder desc\".",
        };
        var top = new Option<int?>("--top") { Description = $"Show at most N customers (default {TableRows} for a table, all for csv and json; 0 for all)." };
        var offset = new Option<int>("--offset") { Description = "Skip the first N customers of the order (for paging)." };
        var format = new Option<OutputFormat>("--format") { Description = "table (default), csv or json (every figure of the listing and every dimension).", DefaultValueFactory = _ => OutputFormat.Table };
        var command = new Command("customers", "List the customers of an analysis with their key figures and classes: filter by class, sort by any figure, take the top N.")
        {
            asOf, where, sort, top, offset, format,
        };
        command.SetAction(parsed =>
        {
            var filters = (parsed.GetValue(where) ?? []).Select(ClassFilter.Parse).ToArray();
            var order = parsed.GetValue(sort) is { } text ? CustomerSort.Parse(text) : CustomerSort.Default;
            var chosen = parsed.GetValue(format);
            var limit = parsed.GetValue(top) switch
            {
                null => chosen == OutputFormat.Table ? TableRows : (int?)null,
                < 0 => throw new WorkspaceException("--top expects 0 (all) or more."),
                0 => null,
                var n => n,
            };
            if (parsed.GetValue(offset) < 0) throw new WorkspaceException("--offset expects 0 or more.");
            using var workspace = context.OpenWorkspace(CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)));
            FreshnessNote.Write(context, workspace);
            var listing = SnapshotQuery.Customers(workspace, SummaryCommand.ParseDay(parsed.GetValue(asOf), "--as-of"), filters, order, limit, parsed.GetValue(offset));
            var columns = listing.Columns;
            var rows = listing.Rows.Select(r => r.Values);
            switch (chosen)
            {
                case OutputFormat.Csv:
                    RowsWriter.WriteCsv(context.Out.Profile.Out.Writer, columns, rows);
                    break;
                case OutputFormat.Json:
                    RowsWriter.WriteJson(context.Out.Profile.Out.Writer, columns, rows);
                    break;
                default:
                    Print(context, listing, filters, order, parsed.GetValue(offset), MoneySetting.Read(workspace));
                    break;
            }
            return 0;
        });
        return command;
    }

    private static void Print(CliContext context, CustomerListing listing, IReadOnlyList<ClassFilter> filters, CustomerSort order, int offset, MoneyFormat money)
    {
        var culture = CultureInfo.InvariantCulture;
        var matching = filters.Count == 0 ? "" : $" with {string.Join(" and ", filters)}";
        context.Out.WriteLine(string.Format(culture, "{0:N0} customers{1} in the analysis as of {2:yyyy-MM-dd}, by {3}.", listing.Matching, matching, listing.AsOf, order));
        if (listing.Rows.Count == 0) return;
        // A dimension without a class for any customer shown (value tier among prospects) only widens the table.
        var dimensions = Enumerable.Range(0, Dimensions.All.Count).Where(d => listing.Rows.Any(r => r.Classes[d] is not null)).ToArray();
        var table = new Table().AddColumn("customer_id").AddColumn("name");
        foreach (var figure in listing.FigureNames) table.AddColumn(RowsWriter.Column(RowsWriter.Header(figure, money), numeric: true));
        foreach (var d in dimensions) table.AddColumn(Dimensions.All[d]);
        foreach (var row in listing.Rows)
        {
            var cells = new List<string> { Markup.Escape(row.CustomerId), Markup.Escape(row.Name ?? "") };
            cells.AddRange(row.Figures.Select((value, i) => RowsWriter.Cell(listing.FigureNames[i], value, money)));
            cells.AddRange(dimensions.Select(d => Markup.Escape(row.Classes[d] ?? "")));
            table.AddRow([.. cells]);
        }
        context.Out.Write(table);
        if (offset + listing.Rows.Count < listing.Matching || offset > 0)
        {
            context.Out.WriteLine(string.Format(culture,
                "Showing {0:N0} to {1:N0} of {2:N0}; --top 0 shows all, --format csv gives every dimension, `clientele customer <id>` one customer's reasons.",
                offset + 1, offset + listing.Rows.Count, listing.Matching));
        }
    }
}
