using System.CommandLine;
using Clientele.Storage;
using Clientele.Storage.Postgres;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele init</c>: creates an empty workspace, in one database or spread over several (docs/scale-out.md).</summary>
internal static class InitCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var shards = new Option<string?>("--shards")
        {
            Description = "PostgreSQL's own sharding: the shard databases' URLs, comma-separated (postgres://user@host:port/db,...). The workspace's " +
                          "database is the coordinator: the customer-keyed tables are hash partitions on the shards (postgres_fdw), the others stay on it.",
        };
        var distributed = new Option<bool>("--distributed")
        {
            Description = "Citus: distribute the customer-keyed tables by customer id and make the others reference tables, in a database with the Citus extension.",
        };
        var command = new Command("init",
            "Create an empty workspace with every canonical table: a DuckDB file, or in a PostgreSQL database given as postgres://user@host:port/database " +
            "(created when it does not exist), or over several databases with --shards or --distributed (docs/scale-out.md).")
        {
            shards, distributed,
        };
        command.SetAction(parsed =>
        {
            var path = CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption));
            var shardList = parsed.GetValue(shards)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var onCitus = parsed.GetValue(distributed);
            if (shardList is not null && onCitus)
                throw new WorkspaceException("--shards (PostgreSQL's own sharding) and --distributed (Citus) are two ways to spread a workspace: choose one.");
            if (shardList is null && !onCitus && Workspace.Exists(path))
            {
                using var existing = Workspace.Open(path);
                context.Out.WriteLine($"{existing.Path} is a workspace already (schema version {existing.SchemaVersion}); nothing to do.");
                return 0;
            }
            using var workspace = shardList is not null ? ShardedWorkspace.Create(path, shardList)
                : onCitus ? ShardedWorkspace.CreateOnCitus(path)
                : Workspace.Create(path);
            context.Out.WriteLine($"Created workspace {workspace.Path} (schema version {workspace.SchemaVersion}).");
            if (shardList is not null)
                context.Out.WriteLine($"Its customer-keyed tables are spread over {shardList.Length} shards by a hash of the customer id; the other tables are in {workspace.Path}.");
            if (onCitus)
                context.Out.WriteLine("Its customer-keyed tables are Citus distributed tables by customer id; the other tables are reference tables.");
            context.Out.WriteLine("Next: clientele import orders FILE   (see clientele import --help)");
            return 0;
        });
        return command;
    }
}
