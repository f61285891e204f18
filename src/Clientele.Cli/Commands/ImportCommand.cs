using System.CommandLine;
using System.Globalization;
using Clientele.Cli.Output;
using Clientele.Storage;
using Clientele.Storage.Import;
using Clientele.Tables;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele import &lt;table&gt; &lt;file&gt;</c>: loads a delimited text file or a Parquet file into a canonical table.</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var tables = CanonicalTables.Importable.Select(t => t.Name).ToArray();
        var table = new Argument<string>("table") { Description = "The table to fill: " + string.Join(", ", tables) + ".", Arity = ArgumentArity.ZeroOrOne };
        var file = new Argument<string>("file") { Description = "The delimited text file (CSV, TSV, or blank-separated columns), or a Parquet file.", Arity = ArgumentArity.ZeroOrOne };
        var undo = new Option<int?>("--undo") { Description = "Undo import N instead (`clientele status` lists them): shows what it removes, asks, removes every row of it." };
        var yes = new Option<bool>("--yes", "-y") { Description = "With --undo: do not ask for confirmation." };
        var noLive = new Option<bool>("--no-live")
        {
            Description = "Do not re-classify the customers the file names with the latest analysis (a bulk load: analyze after it). " +
                "Without it, they are re-classified at once, up to " + Storage.Live.LiveUpdate.MaxCustomers.ToString("N0", CultureInfo.InvariantCulture) + " customers.",
        };
        var delimiter = new Option<string>("--delimiter", "-d")
        {
            Description = "auto (default), ',', ';', tab, or whitespace (runs of blanks, as in CDNOW).",
            DefaultValueFactory = _ => "auto",
        };
        var noHeader = new Option<bool>("--no-header") { Description = "The file has no header line; name its columns with --columns." };
        var columns = new Option<string?>("--columns") { Description = "The file's column names, comma-separated, for --no-header." };
        var map = new Option<string[]>("--map") { Description = "field=column: read the canonical field from this file column (repeatable)." };
        var defaults = new Option<string[]>("--default") { Description = "field=value: use this value where the file has no such column or the cell is empty (repeatable)." };
        var where = new Option<string[]>("--where") { Description = "column=value[,value]: import only rows whose column holds one of the values (repeatable; the others are counted and reported)." };
        var dateFormat = new Option<string?>("--date-format") { Description = "The dates' format, e.g. yyyyMMdd or dd/MM/yyyy (default: ISO 8601 dates and date-times)." };
        var decimalComma = new Option<bool>("--decimal-comma") { Description = "Numbers use ',' as the decimal point (12,50), as in many European exports (use with --delimiter ';' or tab)." };
        var skipBad = new Option<bool>("--skip-bad-rows") { Description = "Import the good rows and write each bad one with its reason to the rejects file." };
        var rejectsPath = new Option<string?>("--rejects") { Description = "The rejects file for --skip-bad-rows (default: <file name>.rejects.csv in the current folder)." };
        var encoding = new Option<string>("--encoding") { Description = "utf-8 (default) or latin1.", DefaultValueFactory = _ => "utf-8" };
        encoding.AcceptOnlyFromAmong("utf-8", "utf8", "latin1", "iso-8859-1");
        var generateIds = new Option<string?>("--generate-ids") { Description = "For a file without ids: fill the table's id column with this prefix plus the line number." };
        var recode = new Option<string[]>("--recode") { Description = "field=code:word[,code:word]: read the field's codes as words, e.g. --recode industry=1:Horeca,2:Retail (repeatable; a code not listed is an error)." };
        var linesFromColumns = new Option<string?>("--lines-from-columns") { Description = "Orders from a wide spend table: these columns (comma-separated) each hold a product line's spend over --period; each non-zero cell becomes one order of that line." };
        var period = new Option<string?>("--period") { Description = "The period of --lines-from-columns: a year (2011) or FIRST..LAST (2011-01-01..2011-06-30); the orders are dated its last day." };
        foreach (var option in new[] { map, defaults, where, recode }) option.AllowMultipleArgumentsPerToken = false;

        var command = new Command("import", "Import a file into a table of the workspace: whole or not at all; importing the same rows again adds nothing.")
        {
            table, file, delimiter, noHeader, columns, map, defaults, where, dateFormat, decimalComma, skipBad, rejectsPath, encoding, generateIds,
            recode, linesFromColumns, period, noLive, undo, yes,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(undo) is null && (result.GetValue(table) is null || result.GetValue(file) is null))
                result.AddError("name the table and the file to import (or --undo N to undo an import).");
        });
        command.SetAction((parsed, cancellationToken) =>
        {
            if (parsed.GetValue(undo) is { } importId)
                return Task.FromResult(UndoImport.Run(context, CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)), importId, parsed.GetValue(yes)));
            var (spendColumns, spendPeriod) = ImportOptionText.WideSpend(parsed.GetValue(linesFromColumns), parsed.GetValue(period));
            var options = new ImportOptions
            {
                Delimiter = ImportOptionText.Delimiter(parsed.GetValue(delimiter)!),
                HasHeader = !parsed.GetValue(noHeader),
                Columns = parsed.GetValue(columns)?.Split(',').Select(c => c.Trim()).ToArray(),
                Map = ImportOptionText.Pairs("--map", parsed.GetValue(map)),
                Defaults = ImportOptionText.Pairs("--default", parsed.GetValue(defaults)),
                Where = (parsed.GetValue(where) ?? []).Select(RowFilter.Parse).ToArray(),
                DateFormat = parsed.GetValue(dateFormat),
                DecimalComma = parsed.GetValue(decimalComma),
                SkipBadRows = parsed.GetValue(skipBad),
                RejectsPath = parsed.GetValue(rejectsPath),
                Encoding = ImportOptionText.Encoding(parsed.GetValue(encoding)),
                GenerateIds = parsed.GetValue(generateIds),
                Recode = ImportOptionText.Recodes(parsed.GetValue(recode)),
                LinesFromColumns = spendColumns,
                Period = spendPeriod,
            };
            if (options.RejectsPath is not null && !options.SkipBadRows)
                throw new WorkspaceException("--rejects names the file for rows skipped by --skip-bad-rows: pass --skip-bad-rows too.");
            var path = CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption));
            var workspace = Workspace.OpenOrCreate(path, out var created);
            ImportResult result;
            Storage.Live.LiveResult? live = null;
            try
            {
                result = Run(context, workspace, parsed.GetValue(table)!, parsed.GetValue(file)!, options, cancellationToken);
                // No analysis runs on a PostgreSQL workspace in this build (docs/postgres.md), so there is nobody to re-classify.
                if (!parsed.GetValue(noLive) && result.ImportId is { } stored)
                    live = Storage.Live.LiveUpdate.AfterImport(workspace, stored, context.Time.GetUtcNow().UtcDateTime);
            }
            catch when (created)
            {
                // A failed first import leaves no empty workspace behind.
                workspace.Dispose();
                Workspace.Delete(path);
                throw;
            }
            finally
            {
                workspace.Dispose();
            }
            if (created) context.Error.WriteLine($"Created workspace {path}.");
            Print(context, parsed.GetValue(file)!, result);
            // Before the first analysis there is nothing to update, and nothing to say.
            if (live is { AnalysisAsOf: not null }) context.Out.WriteLine(live.Text);
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>Imports with a progress display; shared with <c>clientele demo</c>.</summary>
    public static ImportResult Run(CliContext context, Workspace workspace, string table, string file, ImportOptions options, CancellationToken cancellationToken)
    {
        var importer = new Importer(workspace, context.Time);
        return ProgressReporter.Run(context, $"import {table}", report =>
            importer.Import(table, file, options, new SyncProgress<ImportProgress>(p =>
                report(p.BytesRead, p.TotalBytes, p.Stage == "storing" ? $"storing {p.Rows:N0} rows" : $"{p.Rows:N0} rows")), cancellationToken));
    }

    public static void Print(CliContext context, string file, ImportResult result)
    {
        var culture = CultureInfo.InvariantCulture;
        if (result.PreviousImport is { } previous)
        {
            context.Out.WriteLine(string.Format(culture,
                "{0} is identical to import #{1} of {2:yyyy-MM-dd HH:mm} UTC into {3}: nothing added.", file, previous.ImportId, previous.ImportedAt, result.Table));
            return;
        }
        context.Out.WriteLine(string.Format(culture,
            "Imported {0} into {1} (import #{2}): {3:N0} rows read, {4:N0} added, {5:N0} updated, {6:N0} already present, {7:N0} rejected, {8:N0} left out by --where. {9:N1} s.",
            file, result.Table, result.ImportId, result.RowsRead, result.RowsAdded, result.RowsUpdated, result.RowsAlreadyPresent,
            result.RowsRejected, result.RowsFiltered, result.Seconds));
        if (result.CustomersCreated > 0)
            context.Out.WriteLine(string.Format(culture, "Created {0:N0} {1} named in {2} that the customers table did not have.",
                result.CustomersCreated, result.CustomersCreated == 1 ? "customer" : "customers", file));
        if (result.MatchedByName is { Count: > 0 } matched)
            context.Out.WriteLine($"Columns matched by name: {string.Join(", ", matched)} (--map field=column overrides).");
        if (result.AttributeColumns.Count > 0)
            context.Out.WriteLine($"Kept in customers.attributes: {string.Join(", ", result.AttributeColumns)}.");
        if (result.IgnoredColumns.Count > 0)
            context.Out.WriteLine($"Ignored columns (the {result.Table} table has no such fields; map them with --map field=column): {string.Join(", ", result.IgnoredColumns)}.");
        foreach (var note in result.Notes) context.Out.WriteLine(note);
        if (result.RejectsPath is not null)
        {
            context.Out.WriteLine(result.RowsRejected == 0
                ? $"No row was rejected ({result.RejectsPath} lists none)."
                : string.Format(culture, "{0:N0} rejected rows, each with its reason, are in {1}.", result.RowsRejected, result.RejectsPath));
        }
    }
}
