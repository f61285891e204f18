using System.Globalization;
using Clientele.Classification.Concerns;
using DuckDB.NET.Data;

namespace Clientele.Cli.Tests.Commands;

/// <summary>
/// What customers care about in one analysis, counted here from the raw <c>interactions</c> and <c>snapshot_customers</c>
/// rows (not by <c>ConcernQuery</c> nor its SQL): each interaction's concern by the default <see cref="ConcernRule"/>
/// (a pure function with tests of its own), then customers, interactions and shares per group counted in C#.
/// </summary>
internal sealed class ConcernsByHand
{
    private static readonly ConcernRule Rule = new(new ConcernOptions());

    private ConcernsByHand(Dictionary<string, (string? Segment, string? ChurnStatus)> members, Dictionary<string, Dictionary<string, long>> concerns)
    {
        Members = members;
        Concerns = concerns;
    }

    /// <summary>Customer → segment and churn status in the analysis.</summary>
    public Dictionary<string, (string? Segment, string? ChurnStatus)> Members { get; }

    /// <summary>Customer → concern → interactions naming it, up to the analysis date.</summary>
    public Dictionary<string, Dictionary<string, long>> Concerns { get; }

    public static bool IsGeneral(string concern) => Rule.IsGeneral(concern);

    /// <summary>Reads the analysis as of <paramref name="asOf"/> from the workspace file.</summary>
    public static ConcernsByHand Read(string workspace, DateOnly asOf)
    {
        using var connection = new DuckDBConnection($"Data Source={workspace};ACCESS_MODE=READ_ONLY");
        connection.Open();
        var members = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT customer_id, segment, churn_status FROM snapshot_customers WHERE as_of = DATE '{asOf:yyyy-MM-dd}'";
            using var reader = command.ExecuteReader();
            while (reader.Read()) members[reader.GetString(0)] = (Text(reader, 1), Text(reader, 2));
        }
        var concerns = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT customer_id, CAST(occurred_at AS DATE), kind, tag, text FROM interactions";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var customer = reader.GetString(0);
                if (!members.ContainsKey(customer) || DateOnly.FromDateTime(reader.GetDateTime(1)) > asOf) continue;
                if (Rule.ConcernOf(Text(reader, 2), Text(reader, 3), Text(reader, 4)) is not { } concern) continue;
                if (!concerns.TryGetValue(customer, out var per)) concerns[customer] = per = new Dictionary<string, long>(StringComparer.Ordinal);
                per[concern] = per.GetValueOrDefault(concern) + 1;
            }
        }
        return new ConcernsByHand(members, concerns);
    }

    /// <summary>The customers of a group (all of them without a selector).</summary>
    public List<string> Group(Func<(string? Segment, string? ChurnStatus), bool>? selector = null) =>
        [.. Members.Where(m => selector is null || selector(m.Value)).Select(m => m.Key)];

    /// <summary>Per concern raised in the group: customers raising it, interactions naming it and the share of the group.</summary>
    public Dictionary<string, (long Customers, long Interactions, double Share)> Figures(List<string> group)
    {
        var result = new Dictionary<string, (long Customers, long Interactions, double Share)>(StringComparer.Ordinal);
        foreach (var customer in group)
        {
            if (!Concerns.TryGetValue(customer, out var per)) continue;
            foreach (var (concern, interactions) in per)
            {
                var (c, i, _) = result.GetValueOrDefault(concern);
                result[concern] = (c + 1, i + interactions, 0);
            }
        }
        foreach (var concern in result.Keys.ToList())
            result[concern] = result[concern] with { Share = (double)result[concern].Customers / group.Count };
        return result;
    }

    /// <summary>The group's concerns of one kind, ranked as the report ranks them: customers, then interactions, then name.</summary>
    public static List<(string Concern, long Customers, long Interactions, double Share)> Ranked(
        Dictionary<string, (long Customers, long Interactions, double Share)> figures, bool general) =>
        [.. figures.Where(p => IsGeneral(p.Key) == general)
            .Select(p => (p.Key, p.Value.Customers, p.Value.Interactions, p.Value.Share))
            .OrderByDescending(f => f.Customers).ThenByDescending(f => f.Interactions).ThenBy(f => f.Key, StringComparer.Ordinal)];

    /// <summary>A change in percentage points as the report writes it ("+1.2 pp", "−0.4 pp", "0.0 pp").</summary>
    public static string Points(double share, double previous)
    {
        var shown = Math.Round((share - previous) * 100, 1);
        return (shown > 0 ? "+" : shown < 0 ? "−" : "") + Math.Abs(shown).ToString("N1", CultureInfo.InvariantCulture) + " pp";
    }

    private static string? Text(System.Data.Common.DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}
