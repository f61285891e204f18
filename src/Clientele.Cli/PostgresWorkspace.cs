using System.CommandLine;
using Clientele.Cli.Serving;
using Clientele.Storage;

namespace Clientele.Cli;

/// <summary>
/// What the CLI does with a PostgreSQL workspace (<c>--workspace postgres://user@host:port/database</c>) in this build: the
/// commands whose storage is ported to both engines run; every other one stops before it opens anything, with exit code 1
/// and the list of those that run (docs/postgres.md), rather than failing inside.
/// </summary>
internal static class PostgresWorkspace
{
    /// <summary>The command paths that run on a PostgreSQL workspace.</summary>
    public static readonly IReadOnlyList<string> Commands = ["init", "status", "import", "summary", "analyze", "customers", "customer", "segments", "transitions", "options", "model fit", "currency", "override", "users reset-password", "export", "changes", "concerns", "referrals thank", "referrals ask", "referrals results", "referrals record", "report", "model evaluate"];

    /// <summary>Refuses a command line this build cannot run on a PostgreSQL workspace.</summary>
    /// <exception cref="WorkspaceException">The command is not one of <see cref="Commands"/>.</exception>
    public static void Check(ParseResult parsed)
    {
        var path = ServedCommands.PathOf(parsed);
        // Undoing an import deletes through DuckDB's SQL (Storage/Removal), not yet ported.
        if (path == "import" && parsed.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>().Any(o => o.Option.Name == "--undo"))
            path = "import --undo";
        if (Commands.Contains(path)) return;
        throw new WorkspaceException(
            $"`clientele {path}` does not run on a PostgreSQL workspace in this build; the commands that do are " +
            $"{string.Join(", ", Commands.Select(c => $"`{c}`"))} (docs/postgres.md). Undo, erasure, live updates, `demo` and `serve` " +
            "need a DuckDB workspace for now: name a file with --workspace (for example --workspace clientele.duckdb).");
    }
}
