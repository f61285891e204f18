using Clientele.Classification;
using Clientele.Storage;
using Clientele.Storage.Analysis;
using Clientele.Web.Hosting;

namespace Clientele.Web.Api;

/// <summary><c>GET /api/playbook</c>: the action recommended for each class of each dimension.</summary>
public static class PlaybookApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/playbook", Actions).WithTags("Playbook").WithName("Playbook").ProducesProblem(400)
            .WithSummary("The action for each class of each dimension that the next analysis uses: the defaults, with the replacements " +
                "of the workspace's classification options marked.");

    /// <summary>The playbook in force.</summary>
    public static IReadOnlyList<PlaybookDimension> Actions(WorkspaceHost workspace)
    {
        Playbook playbook;
        try
        {
            playbook = workspace.Read(AnalysisRunner.StoredOptions).Playbook;
        }
        catch (FormatException e)
        {
            throw new WorkspaceException(e.Message, e);
        }
        return [.. Dimensions.All.Select(d => new PlaybookDimension(d, Classes(playbook, d)))];
    }

    private static List<PlaybookEntry> Classes(Playbook playbook, string dimension)
    {
        IEnumerable<string> defaults = Playbook.Defaults.GetValueOrDefault(dimension)?.Keys ?? [];
        var replaced = playbook.Actions.GetValueOrDefault(dimension) ?? [];
        var known = DimensionClasses.Closed.GetValueOrDefault(dimension) ?? [];
        return [.. defaults.Concat(replaced.Keys).Distinct()
            .OrderBy(c => known.Contains(c) ? known.ToList().IndexOf(c) : known.Count)
            .Select(c => new PlaybookEntry(c, string.Join(" ", playbook.For(dimension, c)), replaced.ContainsKey(c), Playbook.Condition(dimension, c)))];
    }
}

/// <summary>The actions of one dimension.</summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="Classes">Each class with an action, in the dimension's order (none for segment: its targets come from the structure map).</param>
public sealed record PlaybookDimension(string Dimension, IReadOnlyList<PlaybookEntry> Classes);

/// <summary>The action for one class.</summary>
/// <param name="Class">The class (for influence, one role).</param>
/// <param name="Action">What to do.</param>
/// <param name="Replaced">Whether the workspace's options replace the default action.</param>
/// <param name="Condition">For whom the action is, in words, where not for every customer of the class; null where it is.</param>
public sealed record PlaybookEntry(string Class, string Action, bool Replaced, string? Condition = null);
