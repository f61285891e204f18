using System.Globalization;
using System.Text;

namespace Clientele.Storage.Analysis;

/// <summary>Counts of (true class, computed class) pairs: how well a classification recovers a known truth.</summary>
/// <param name="Name">What is compared.</param>
/// <param name="Counts">Customers per (truth, computed) pair.</param>
public sealed record ConfusionMatrix(string Name, IReadOnlyDictionary<(string Truth, string Computed), long> Counts)
{
    /// <summary>The true classes, in order of appearance in <paramref name="order"/> then alphabetically.</summary>
    public IReadOnlyList<string> TruthLabels(IReadOnlyList<string>? order = null) => Labels(Counts.Keys.Select(k => k.Truth), order);

    /// <summary>The computed classes.</summary>
    public IReadOnlyList<string> ComputedLabels(IReadOnlyList<string>? order = null) => Labels(Counts.Keys.Select(k => k.Computed), order);

    /// <summary>All pairs counted.</summary>
    public long Total => Counts.Values.Sum();

    /// <summary>The share of pairs whose computed class equals the true class.</summary>
    public double Accuracy => Total == 0 ? double.NaN : Counts.Where(p => p.Key.Truth == p.Key.Computed).Sum(p => p.Value) / (double)Total;

    /// <summary>Of the customers truly in <paramref name="truth"/>, the share computed as <paramref name="computed"/> (recall when they are equal).</summary>
    public double Recall(string truth, string? computed = null)
    {
        var all = Counts.Where(p => p.Key.Truth == truth).Sum(p => p.Value);
        return all == 0 ? double.NaN : Counts.GetValueOrDefault((truth, computed ?? truth)) / (double)all;
    }

    /// <summary>Of the customers computed as <paramref name="computed"/>, the share truly in it.</summary>
    public double Precision(string computed)
    {
        var all = Counts.Where(p => p.Key.Computed == computed).Sum(p => p.Value);
        return all == 0 ? double.NaN : Counts.GetValueOrDefault((computed, computed)) / (double)all;
    }

    /// <summary>Of the customers in any of <paramref name="truths"/>, the share computed as one of <paramref name="computed"/>.</summary>
    public double Share(IReadOnlyCollection<string> truths, IReadOnlyCollection<string> computed)
    {
        var all = Counts.Where(p => truths.Contains(p.Key.Truth)).Sum(p => p.Value);
        return all == 0 ? double.NaN : Counts.Where(p => truths.Contains(p.Key.Truth) && computed.Contains(p.Key.Computed)).Sum(p => p.Value) / (double)all;
    }

    /// <summary>A Markdown table: one row per true class, one column per computed class, with recall per row.</summary>
    public string ToMarkdown(IReadOnlyList<string>? order = null)
    {
        var culture = CultureInfo.InvariantCulture;
        var truths = TruthLabels(order);
        var computed = ComputedLabels(order);
        var text = new StringBuilder();
        text.AppendLine(culture, $"**{Name}** (rows: truth, columns: computed; accuracy {Accuracy:P1} of {Total:N0})");
        text.AppendLine();
        text.AppendLine("| truth \\ computed | " + string.Join(" | ", computed) + " | recall |");
        text.AppendLine("|---|" + string.Concat(computed.Select(_ => "---:|")) + "---:|");
        foreach (var t in truths)
        {
            var recall = computed.Contains(t) ? Recall(t).ToString("P1", culture) : "";
            text.AppendLine($"| {t} | " + string.Join(" | ", computed.Select(c => Counts.GetValueOrDefault((t, c)).ToString("N0", culture))) + $" | {recall} |");
        }
        return text.ToString();
    }

    private static List<string> Labels(IEnumerable<string> labels, IReadOnlyList<string>? order)
    {
        var distinct = labels.Distinct().ToList();
        return [.. distinct.OrderBy(l => order is null || !order.Contains(l) ? int.MaxValue : order.ToList().IndexOf(l)).ThenBy(l => l, StringComparer.Ordinal)];
    }
}
