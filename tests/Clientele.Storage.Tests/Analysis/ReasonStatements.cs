using System.Globalization;
using System.Text.RegularExpressions;

namespace Clientele.Storage.Tests.Analysis;

/// <summary>
/// Reads the comparisons and sums a reason states back from its text and checks that each reads true as printed:
/// "3.65 below the median 3.80" (3.65 &lt; 3.80), "value 144 (past 136 + future 8)" (136 + 8 = 144),
/// "P(alive) 0.45 in [0.30, 0.60)", "full value 10 = own 8 + referrals 2 + influence 0". Numbers are those the reasons
/// print (thousands separators, '−' or '-' for minus); percentages ("top 20%"), durations ("365 days"), ordinals
/// ("90th") and dates are labels, not operands. A comparison's left operand is the last number before the comparator
/// in the same clause (clauses end at ';'), parenthetical asides removed; its right operand the first number after it.
/// </summary>
public static partial class ReasonStatements
{
    private const string Number = @"(?<![\w.,\-−/])[−-]?\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\d%\w])(?!-)(?! days?\b)(?!-day)";

    [GeneratedRegex(@"(" + Number + @")(?:[^\d;()]|\([^\d()]*\)){0,80}?\((?:[a-z ]+ )?(" + Number + @")((?: \+ (?:[a-z ]+ )?" + Number + @")+)\)")]
    private static partial Regex ParenthesisSum();

    [GeneratedRegex(@"(" + Number + @") = (?:[a-z ]+ )?(" + Number + @")((?: \+ (?:[a-z ]+ )?" + Number + @")+)")]
    private static partial Regex EqualsSum();

    [GeneratedRegex(@"(" + Number + @") in \[(" + Number + @"), (" + Number + @")\)")]
    private static partial Regex Interval();

    [GeneratedRegex(@"(\d[\d,]*(?:\.\d+)?) days ago = (\d[\d,]*(?:\.\d+)?) [≤>] \d[\d,]*(?:\.\d+)? gaps of (\d[\d,]*(?:\.\d+)?) days")]
    private static partial Regex GapRatio();

    [GeneratedRegex(Number)]
    private static partial Regex Numbers();

    [GeneratedRegex(@"\bat or above\b|\bnot above\b|\bnot below\b|\babove\b|\bbelow\b|≥|≤|(?<![\w(])<(?!\w)|(?<![\w(-])>(?!\w)")]
    private static partial Regex Comparators();

    [GeneratedRegex(@"\([^()]*\)")]
    private static partial Regex Aside();

    /// <summary>Every statement of <paramref name="reason"/> that reads false, in words; empty when all read true.</summary>
    public static IReadOnlyList<string> Violations(string reason)
    {
        var violations = new List<string>();
        foreach (Match m in ParenthesisSum().Matches(reason)) CheckSum(m, violations);
        foreach (Match m in EqualsSum().Matches(reason)) CheckSum(m, violations);
        foreach (Match m in Interval().Matches(reason))
        {
            var (x, lo, hi) = (Parse(m.Groups[1].Value), Parse(m.Groups[2].Value), Parse(m.Groups[3].Value));
            if (!(x >= lo && x < hi)) violations.Add($"'{m.Value}' is not in the interval");
        }
        foreach (Match m in GapRatio().Matches(reason))
        {
            // "15 days ago = 2.9 gaps of 5.2 days": the printed days over the printed gap round to the printed gaps.
            var (days, gaps, gap) = (Parse(m.Groups[1].Value), Parse(m.Groups[2].Value), Parse(m.Groups[3].Value));
            var decimals = m.Groups[2].Value.Contains('.', StringComparison.Ordinal) ? m.Groups[2].Value.Split('.')[1].Length : 0;
            if (gap > 0 && Math.Round(days / gap, decimals, MidpointRounding.AwayFromZero) != gaps && Math.Abs(days / gap - gaps) > 0.06m)
                violations.Add($"'{m.Value}': {days} / {gap} is not {gaps}");
        }
        var text = Interval().Replace(reason, "");
        text = text.Replace("P(alive)", "P_alive", StringComparison.Ordinal);
        for (var previous = ""; previous != text;)
        {
            previous = text;
            text = Aside().Replace(text, " ");
        }
        foreach (var clause in text.Split(';'))
        {
            foreach (Match c in Comparators().Matches(clause))
            {
                var before = Numbers().Matches(clause[..c.Index]);
                var after = Numbers().Match(clause, c.Index + c.Length);
                if (before.Count == 0 || !after.Success) continue;
                var left = Parse(before[^1].Value);
                var right = Parse(after.Value);
                var holds = c.Value switch
                {
                    "above" or ">" => left > right,
                    "below" or "<" => left < right,
                    "at or above" or "≥" or "not below" => left >= right,
                    "not above" or "≤" => left <= right,
                    _ => true,
                };
                if (!holds) violations.Add($"'{before[^1].Value} {c.Value} {after.Value}' reads false in \"{clause.Trim()}\"");
            }
        }
        return violations;
    }

    private static void CheckSum(Match m, List<string> violations)
    {
        var total = Parse(m.Groups[1].Value);
        var sum = Parse(m.Groups[2].Value);
        foreach (Match part in Numbers().Matches(m.Groups[3].Value)) sum += Parse(part.Value);
        if (total != sum) violations.Add($"'{m.Value}' does not add up ({sum.ToString(CultureInfo.InvariantCulture)})");
    }

    /// <summary>A number as the reasons print it.</summary>
    public static decimal Parse(string text) =>
        decimal.Parse(text.Replace("−", "-", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture);
}
