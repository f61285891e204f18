using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Npgsql;

namespace Clientele.Storage;

/// <summary>What a command ran out of.</summary>
public enum Resource
{
    /// <summary>Memory: DuckDB's limit, or the process's.</summary>
    Memory,

    /// <summary>Disk space where the workspace, its temporary files or an output are written.</summary>
    Disk,

    /// <summary>What a PostgreSQL server allows (its memory, disk, connections or <c>temp_file_limit</c>: SQLSTATE class 53).</summary>
    Server,
}

/// <summary>
/// The machine ran out of what a command needs: memory, disk space, or a PostgreSQL server's resources. Neither the user's
/// input nor a bug: every change is one transaction, rolled back whole, and an output file is written beside its name and
/// renamed only when complete, so the command may be run again once there is room. The CLI exits with a code of its own for
/// it; the server answers 503 (memory, a server's resources) or 507 (disk); each prints <see cref="Exception.Message"/>.
/// </summary>
public sealed class OutOfResourcesException : WorkspaceException
{
    private OutOfResourcesException(Resource resource, string message, Exception inner) : base(message, inner) => Resource = resource;

    /// <summary>What ran out.</summary>
    public Resource Resource { get; }

    // errno's ENOSPC and EDQUOT on Linux (.NET gives a failed write's errno as the IOException's HResult there), and Windows'
    // ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL as HRESULTs.
    private static readonly int[] DiskFullCodes = [28, 122, unchecked((int)0x80070027), unchecked((int)0x80070070)];

    /// <summary>
    /// The exception <paramref name="e"/> is for the user when it (or an exception it wraps) is memory, disk space or a
    /// PostgreSQL server's resources run out, else null. <paramref name="workspace"/> (a file path or a URL, shown without its
    /// password) says where to make room.
    /// </summary>
    public static OutOfResourcesException? From(Exception e, string workspace)
    {
        if (e is OutOfResourcesException known) return known;
        if (Cause(e) is not { } cause) return null;
        var where = Workspace.IsDatabaseUrl(workspace) ? Postgres.PostgresUrl.Parse(workspace).Display : Path.GetDirectoryName(Path.GetFullPath(workspace));
        var (resource, failure) = cause;
        var outcome = Postgres.PostgresFailure.PartlyCommitted(e)
            ?? "The workspace is as it was before the command: a change is stored whole or not at all, and no output file is left half-written.";
        var message = resource switch
        {
            Resource.Memory when failure is OutOfMemoryException =>
                $"out of memory: {FirstLine(failure)}. {outcome} Close other programs or run the command on a machine with more memory (docs/benchmarks.md says what an analysis needs).",
            Resource.Memory =>
                $"out of memory: DuckDB could not get the memory it needed ({FirstLine(failure)}). {outcome} Close other programs or run the command on a machine with more memory (docs/benchmarks.md says what an analysis needs).",
            Resource.Disk =>
                $"out of disk space: {FirstLine(failure)}. {outcome} What was already printed may be incomplete. Make room on the disk written to (the workspace's is {where}), then run the command again.",
            _ =>
                $"the PostgreSQL server of {where} ran out of resources: {FirstLine(failure)}. {outcome} Its administrator can make room (disk, memory, connections, temp_file_limit), then run the command again.",
        };
        return new OutOfResourcesException(resource, message, e);
    }

    /// <summary>Whether <paramref name="e"/> (or an exception it wraps) is DuckDB's own memory limit reached.</summary>
    public static bool IsEngineMemory(Exception e) => Cause(e) is (Resource.Memory, DuckDBException);

    private static (Resource, Exception)? Cause(Exception e)
    {
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                // An error raised inside a parallel part of a statement (the insert from read_csv) comes with the type Invalid and
                // its own words, which name what it was.
                case DuckDBException duck when duck.ErrorType == DuckDBErrorType.OutOfMemory || duck.Message.StartsWith("Out of Memory Error", StringComparison.Ordinal):
                    return (Resource.Memory, duck);
                case DuckDBException duck when IsDiskFullText(duck.Message):
                    return (Resource.Disk, duck);
                case PostgresException postgres when postgres.SqlState.StartsWith("53", StringComparison.Ordinal):
                    return (Resource.Server, postgres);
                case IOException io when DiskFullCodes.Contains(io.HResult) || IsDiskFullText(io.Message):
                    return (Resource.Disk, io);
                case OutOfMemoryException memory:
                    return (Resource.Memory, memory);
                case AggregateException { InnerExceptions: [var first, ..] }:
                    return Cause(first);
            }
        }
        return null;
    }

    // DuckDB's words for a write the disk refused: the system's own (strerror), which it quotes.
    private static bool IsDiskFullText(string message) =>
        message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase) ||
        message.Contains("Disk quota exceeded", StringComparison.OrdinalIgnoreCase) ||
        message.Contains("not enough space on the disk", StringComparison.OrdinalIgnoreCase);

    private static string FirstLine(Exception e) => e.Message.Split('\n')[0].Trim().TrimEnd('.');
}
