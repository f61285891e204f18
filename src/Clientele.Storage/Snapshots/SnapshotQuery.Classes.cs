using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

public static partial class SnapshotQuery
{
    /// <summary>
    /// The classes a dimension has in a snapshot (default: the latest): a closed set's classes in their order, whether or
    /// not a customer holds them; for an open dimension the classes its customers hold (influence: each role), alphabetically.
    /// Empty for an open dimension when there is no analysis yet.
    /// </summary>
    /// <exception cref="WorkspaceException">An unknown dimension, or no analysis as of that date.</exception>
    public static IReadOnlyList<string> Classes(Workspace workspace, string dimension, DateOnly? asOf = null)
    {
        var name = Dimension(dimension);
        if (DimensionClasses.Closed.TryGetValue(name, out var closed)) return closed;
        if (asOf is null && Latest(workspace) is null) return [];
        var day = Resolve(workspace, asOf);
        using var command = workspace.Command(
            $"SELECT class FROM (SELECT {ClassExpression(workspace.Dialect, name)} AS class FROM snapshot_customers WHERE as_of = CAST($as_of AS DATE)) c " +
            $"WHERE class IS NOT NULL GROUP BY class ORDER BY {workspace.Dialect.OrdinalText("class")}", ("as_of", DayValue(day)));
        using var reader = command.ExecuteReader();
        var classes = new List<string>();
        while (reader.Read()) classes.Add(reader.GetString(0));
        return classes;
    }
}
