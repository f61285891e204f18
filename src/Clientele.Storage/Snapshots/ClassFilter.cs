using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// Keeps the customers whose class in <paramref name="Dimension"/> is one of <paramref name="Classes"/>. Several filters
/// on different dimensions must all hold; the classes of one filter are alternatives. For influence a class is one role
/// (a customer holding several matches each); for segment a class is a path or its beginning (an industry keeps its domains).
/// </summary>
/// <param name="Dimension">A name of <see cref="Dimensions.All"/>.</param>
/// <param name="Classes">One or more classes.</param>
public sealed record ClassFilter(string Dimension, IReadOnlyList<string> Classes)
{
    /// <summary>Parses <c>dimension=class[,class...]</c>; the dimension and, where the set is closed, the classes are checked later.</summary>
    /// <exception cref="WorkspaceException">The text has no '=' or no class.</exception>
    public static ClassFilter Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var classes = equals < 0 ? [] : text[(equals + 1)..].Split(',').Select(c => c.Trim()).Where(c => c.Length > 0).ToArray();
        if (equals <= 0 || classes.Length == 0)
            throw new WorkspaceException($"--where expects dimension=class[,class...], e.g. ladder=advocate or churn_status=at-risk,lapsed; not '{text}'.");
        return new ClassFilter(text[..equals].Trim(), classes);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Dimension}={string.Join(',', Classes)}";
}
