using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// The <c>actions</c> cell of an export made in the client (<see cref="ExportStream"/>): as a DuckDB workspace's export joins
/// them in SQL, each dimension's actions for the customer's class ("dimension=class: action", an influence list giving one
/// per role, in the playbook's order; none of a dimension whose actions are not for the customer's churn status,
/// <see cref="Playbook.AppliesTo"/>), the dimensions joined by " | ", null when there are none. Each distinct class is
/// matched with the playbook once.
/// </summary>
internal sealed class ExportActions
{
    private static readonly int ChurnStatusIndex = Dimensions.All.ToList().IndexOf(Dimensions.ChurnStatus);
    private readonly List<(string Dimension, string Class, string Text)> _actions = [];
    private readonly Dictionary<string, string?>[] _texts = [.. Dimensions.All.Select(_ => new Dictionary<string, string?>(StringComparer.Ordinal))];

    /// <summary>Every action of <paramref name="playbook"/> (defaults and replacements) in its display order.</summary>
    public ExportActions(Playbook playbook)
    {
        foreach (var dimension in Dimensions.All)
        {
            IEnumerable<string> defaults = Playbook.Defaults.GetValueOrDefault(dimension)?.Keys ?? [];
            IEnumerable<string> replaced = playbook.Actions.TryGetValue(dimension, out var custom) ? custom.Keys : [];
            foreach (var @class in defaults.Concat(replaced).Distinct())
            {
                foreach (var action in playbook.For(dimension, @class)) _actions.Add((dimension, @class, $"{dimension}={@class}: {action}"));
            }
        }
    }

    /// <summary>The actions of a customer whose classes, in <see cref="Dimensions.All"/>' order, are <paramref name="classes"/>.</summary>
    public string? Of(IReadOnlyList<string?> classes)
    {
        var texts = new List<string>();
        var churnStatus = classes[ChurnStatusIndex];
        for (var d = 0; d < classes.Count; d++)
        {
            if (classes[d] is not { } @class) continue;
            if (!Playbook.AppliesTo(Dimensions.All[d], @class, churnStatus)) continue;
            if (!_texts[d].TryGetValue(@class, out var text)) _texts[d][@class] = text = Match(Dimensions.All[d], @class);
            if (text is not null) texts.Add(text);
        }
        return texts.Count == 0 ? null : string.Join(" | ", texts);
    }

    private string? Match(string dimension, string @class)
    {
        string[] roles = Dimensions.IsList(dimension) ? @class.Split(DimensionDeclaration.ListSeparator) : [@class];
        var matched = _actions.Where(a => a.Dimension == dimension && roles.Contains(a.Class, StringComparer.Ordinal)).Select(a => a.Text).ToList();
        return matched.Count == 0 ? null : string.Join(" | ", matched);
    }
}
