using Clientele.Classification;
using Clientele.Storage.Snapshots;

namespace Clientele.Storage.Concerns;

/// <summary>
/// How the concerns' customers are grouped, checked once for the report and the drill-down: the classes of a dimension
/// (default: the structure map's segments), optionally one class, or one segment path with everything under it.
/// </summary>
internal sealed class ConcernGrouping
{
    private ConcernGrouping(string dimension, string? @class, string? path)
    {
        Dimension = dimension;
        Class = @class;
        Path = path;
    }

    /// <summary>The dimension grouped by (<see cref="Dimensions.Segment"/> for a segment path).</summary>
    public string Dimension { get; }

    /// <summary>The one class kept, as the dimension spells it; null for every class.</summary>
    public string? Class { get; }

    /// <summary>The segment path kept with everything under it (trimmed of slashes); null when grouping by a dimension.</summary>
    public string? Path { get; }

    /// <exception cref="WorkspaceException">An unknown dimension or class of a closed dimension; a segment and a dimension at once; an empty segment path.</exception>
    public static ConcernGrouping Of(string? dimension, string? @class, string? segment)
    {
        if (segment is not null && (dimension is not null || @class is not null))
            throw new WorkspaceException("give either a segment path or a dimension (with a class), not both.");
        var path = segment?.Trim().Trim('/');
        if (path is { Length: 0 }) throw new WorkspaceException("an empty segment path: give one such as organizations/healthcare (see `clientele segments --dimension segment`).");
        var name = dimension is null ? Dimensions.Segment : SnapshotQuery.Dimension(dimension);
        var wanted = @class is null ? null : SnapshotQuery.Class(name, @class);
        return new ConcernGrouping(name, wanted, path);
    }

    /// <summary>SQL giving customer_id and its group (class or path) for every customer of the analysis <c>$as_of</c> in the grouping.</summary>
    internal string MembersSql(SqlDialect dialect) => Path is not null
        ? """
          SELECT customer_id, CAST($path AS VARCHAR) AS grouped FROM snapshot_customers
          WHERE as_of = CAST($as_of AS DATE) AND (lower(segment) = lower(CAST($path AS VARCHAR)) OR starts_with(lower(segment), lower(CAST($path AS VARCHAR)) || '/'))
          """
        : $"""
          SELECT customer_id, class AS grouped FROM (
              SELECT customer_id, {SnapshotQuery.ClassExpression(dialect, Dimension)} AS class FROM snapshot_customers WHERE as_of = CAST($as_of AS DATE)) classes
          WHERE CAST($class AS VARCHAR) IS NULL OR class = CAST($class AS VARCHAR)
          """;

    /// <summary>The parameters of <see cref="MembersSql"/>.</summary>
    internal (string Name, object? Value)[] Parameters(DateOnly day) =>
        Path is not null ? [("as_of", day.ToDateTime(TimeOnly.MinValue)), ("path", Path)] : [("as_of", day.ToDateTime(TimeOnly.MinValue)), ("class", Class)];
}
