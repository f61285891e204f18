using System.CommandLine;
using System.Globalization;
using Clientele.Cli.Output;
using Clientele.Customers;
using Clientele.Simulation;
using Clientele.Storage;
using Clientele.Storage.Analysis;
using Clientele.Storage.Import;
using Clientele.Storage.Snapshots;
using Clientele.Storage.Summary;
using Clientele.Tables;

namespace Clientele.Cli.Commands;

/// <summary>
/// <c>clientele demo</c>: generates a seeded demo company as CSV files, imports them into the workspace
/// through the ordinary importer, computes the per-customer summary and prints an overview.
/// </summary>
internal static class DemoCommand
{
    private const string MetaKey = "demo";

    /// <summary>The metadata key saying which demo company was imported completely, and into how many imports.</summary>
    private const string ImportedKey = "demo_imported";

    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var customers = new Option<int>("--customers") { Description = "Parties to simulate (default 5,000; 1,000,000 makes about 20M orders).", DefaultValueFactory = _ => 5_000 };
        var seed = new Option<int>("--seed") { Description = "The seed: the same seed makes the same company (default 42).", DefaultValueFactory = _ => 42 };
        var data = new Option<string?>("--data") { Description = "Folder for the generated CSV files (default: <workspace name>-demo-data beside the workspace; clientele-demo-data in the current folder for a PostgreSQL workspace)." };
        var replace = new Option<bool>("--replace") { Description = "Delete the workspace file first and start afresh (a DuckDB workspace: Clientele never drops a PostgreSQL database)." };
        var noAnalyze = new Option<bool>("--no-analyze") { Description = "Stop after the import and the overview: do not classify the customers." };
        var serve = new Option<bool>("--serve") { Description = "Then serve the dashboard and the API over the demo company (as `clientele serve`), until Ctrl+C." };
        var verbose = new Option<bool>("--verbose") { Description = "Print every step: each table's import, every class count and how each dimension was decided, and the analysis's notes." };
        var urls = ServeCommand.UrlsOption();
        var command = new Command("demo", "Generate a seeded demo company, import it into the workspace, print an overview and analyze it (every customer classified, a snapshot stored).")
        {
            customers, seed, data, replace, noAnalyze, verbose, serve, urls,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new SimulationOptions { Customers = parsed.GetValue(customers), Seed = parsed.GetValue(seed) };
            if (options.Customers < SimulationOptions.MinCustomers || options.Customers > SimulationOptions.MaxCustomers)
                throw new WorkspaceException($"--customers must be between {SimulationOptions.MinCustomers:N0} and {SimulationOptions.MaxCustomers:N0}.");
            var path = CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption));
            var folder = parsed.GetValue(data) is { } given ? context.FullPath(given)
                : Workspace.IsDatabaseUrl(path) ? Path.Combine(context.CurrentDirectory, "clientele-demo-data")
                : Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-demo-data");
            Run(context, path, folder, options, parsed.GetValue(replace), !parsed.GetValue(noAnalyze), parsed.GetValue(verbose), cancellationToken);
            if (parsed.GetValue(serve)) await ServeCommand.Run(context, path, parsed.GetValue(urls)!, cancellationToken);
            return 0;
        });
        return command;
    }

    private static void Run(CliContext context, string path, string folder, SimulationOptions options, bool replace, bool analyze, bool verbose, CancellationToken cancellationToken)
    {
        var label = string.Create(CultureInfo.InvariantCulture, $"customers={options.Customers}; seed={options.Seed}");
        if (replace && Workspace.IsDatabaseUrl(path))
        {
            throw new WorkspaceException("--replace deletes a workspace file; Clientele never drops a PostgreSQL database. Drop the database yourself (dropdb), " +
                "or name one that does not exist yet: `clientele demo` creates it.");
        }
        if (replace)
        {
            File.Delete(path);
            File.Delete(path + ".wal");
        }
        using var workspace = Workspace.OpenOrCreate(path, out var created);
        // Named as the workspace names itself: a PostgreSQL URL without its password.
        path = workspace.Path;
        var previous = workspace.Meta(MetaKey);
        if (!created && previous != label && workspace.Imports().Count > 0)
        {
            if (workspace.IsPostgres)
                throw new WorkspaceException($"{path} holds {(previous is null ? $"data of your own ({workspace.Imports().Count} imports)" : $"the demo company made with {previous}")}; " +
                    "the demo will not mix its company into it. Name a database that does not exist yet (`clientele demo` creates it), or a workspace file (--workspace demo.duckdb).");
            throw new WorkspaceException(previous is null
                ? $"{path} holds data of your own ({workspace.Imports().Count} imports); the demo will not mix its company into it. Name another workspace (--workspace demo.duckdb) or pass --replace to delete this one."
                : $"{path} holds the demo company made with {previous}; pass --replace to make the one with {label}, or name another workspace.");
        }
        workspace.SetMeta(MetaKey, label);
        context.Out.WriteLine($"Demo company ({label}) into {path}.");

        // The record names the imports' count too, so an import undone since then makes the demo import again.
        var imported = workspace.Meta(ImportedKey) == Imported(label, workspace);
        if (imported)
            context.Out.WriteLine("It is imported already: nothing generated or imported (--replace makes it afresh).");
        else
        {
            Generate(context, workspace, folder, options, verbose, cancellationToken);
            workspace.SetMeta(ImportedKey, Imported(label, workspace));
        }

        var summary = ProgressReporter.Run(context, "summary", report =>
        {
            report(0, 1, "");
            return CustomerSummaryQuery.Run(workspace, options.End, TimeUnit.Week);
        });
        OverviewWriter.Write(context.Out, CustomerBaseOverview.From(summary));
        var suffix = path != CliApp.WorkspacePath(context, null) ? $" --workspace {path}" : "";
        if (analyze)
        {
            if (imported && SnapshotQuery.List(workspace).Any(s => s.AsOf == options.End))
                context.Out.WriteLine($"It is analyzed already as of {options.End:yyyy-MM-dd}; `{context.CommandName} analyze{suffix}` analyzes it again.");
            else
            {
                var run = AnalyzeCommand.Run(context, workspace, new AnalysisRequest { AsOf = options.End, CreatedAt = context.Time.GetUtcNow().UtcDateTime }, cancellationToken);
                if (verbose) AnalyzeCommand.Print(context, run);
                else
                {
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Analyzed {run.Context.Customers:N0} parties as of {options.End:yyyy-MM-dd} in {run.Steps.Sum(s => s.Seconds):0} s: every one has a class on every dimension, each with its reason."));
                    context.Out.WriteLine($"{run.Context.Notes.Count} notes on how the classes were decided are kept with the analysis; --verbose prints them.");
                }
            }
            DemoSummary.Write(context, workspace, options.End, suffix);
        }
        context.Out.WriteLine("Next:");
        var width = Hints.Max(h => h.Command.Length + suffix.Length);
        foreach (var (command, what) in Hints)
            context.Out.WriteLine($"  {context.CommandName} {(command + suffix).PadRight(width)}   {what}");
    }

    private static readonly (string Command, string What)[] Hints =
    [
        ("serve", "the dashboard"),
        ("customer <id>", "one customer: every class with its reason"),
        ("segments", "the classes of every dimension"),
        ("export --out all.csv", "everything, for a spreadsheet"),
    ];

    private static string Imported(string label, Workspace workspace) =>
        string.Create(CultureInfo.InvariantCulture, $"{label}; imports={workspace.Imports().Count}");

    private static void Generate(CliContext context, Workspace workspace, string folder, SimulationOptions options, bool verbose, CancellationToken cancellationToken)
    {
        var simulation = ProgressReporter.Run(context, "simulate", report =>
            CompanySimulator.WriteFiles(options, folder, new SyncProgress<SimulationProgress>(p => report(p.Done, p.Total, p.Stage)), cancellationToken));
        if (verbose)
        {
            context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "Generated {0} files in {1}: {2}.", simulation.Files.Count, folder,
                string.Join(", ", simulation.Files.Select(f => string.Format(CultureInfo.InvariantCulture, "{0} {1:N0}", f.Table, f.Rows)))));
        }
        var importer = new Importer(workspace, context.Time);
        var seconds = 0.0;
        foreach (var file in simulation.Files)
        {
            var table = CanonicalTables.Find(file.Table) ?? throw new InvalidOperationException($"the simulator wrote an unknown table {file.Table}");
            var result = ProgressReporter.Run(context, $"import {table.Name}", report =>
                importer.Import(table, file.Path, new ImportOptions(), new SyncProgress<ImportProgress>(p => report(p.BytesRead, p.TotalBytes, "")), cancellationToken));
            seconds += result.Seconds;
            if (!verbose) continue;
            context.Out.WriteLine(result.PreviousImport is not null
                ? $"  {table.Name}: already imported (import #{result.PreviousImport.ImportId})"
                : string.Format(CultureInfo.InvariantCulture, "  {0}: {1:N0} rows added in {2:N1} s", table.Name, result.RowsAdded, result.Seconds));
        }
        if (!verbose)
        {
            var rows = simulation.Files.ToDictionary(f => f.Table, f => f.Rows);
            context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "Generated and imported {0} tables in {1:N0} s ({2:N0} orders, {3:N0} interactions; files in {4}).",
                simulation.Files.Count, seconds, rows.GetValueOrDefault("orders"), rows.GetValueOrDefault("interactions"), folder));
        }
    }
}
