using System.Globalization;
using System.Text;
using Clientele.Classification;

namespace Clientele.Storage.Snapshots;

public static partial class SnapshotQuery
{
    /// <summary>The six buying roles (DOMAIN.md section 3) in their canonical order.</summary>
    public static readonly IReadOnlyList<string> BuyingRoleNames = ["payer", "user", "beneficiary", "decider", "promoter", "stimulator"];

    /// <summary>
    /// The buying centers of a snapshot's (default: the latest) organizations, by value (largest first, then id), from
    /// <paramref name="offset"/> on, at most <paramref name="top"/>; with <paramref name="missing"/> only those where
    /// nobody is known to hold that role.
    /// </summary>
    /// <exception cref="WorkspaceException">No snapshot; an unknown role (the message lists the six).</exception>
    public static BuyingCenterListing BuyingCenters(Workspace workspace, DateOnly? asOf = null, string? missing = null, int top = 50, int offset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var day = Resolve(workspace, asOf);
        var role = missing is null ? null : BuyingRole(missing);
        var where = new StringBuilder("c.as_of = CAST($as_of AS DATE) AND c.buying_center IS NOT NULL");
        if (role is not null)
        {
            where.Append(" AND NOT EXISTS (SELECT 1 FROM snapshot_buying_roles r " +
                "WHERE r.as_of = c.as_of AND r.customer_id = c.customer_id AND r.role = $role)");
        }
        (string, object?)[] parameters = role is null ? [("as_of", DayValue(day))] : [("as_of", DayValue(day)), ("role", role)];
        long total;
        using (var count = workspace.Command($"SELECT count(*) FROM snapshot_customers c WHERE {where}", parameters))
            total = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        var organizations = new List<(string Id, string? Name, string? Class, string? Reason, double? Value)>();
        var reasons = SnapshotReasons.Of(workspace, day);
        using (var command = workspace.Command(
                   $"SELECT c.customer_id, c.name, c.buying_center, c.value, {SnapshotReasons.Select(workspace, Dimensions.BuyingCenter, "c")} FROM snapshot_customers c WHERE {where} " +
                   $"ORDER BY c.value DESC NULLS LAST, {workspace.Dialect.OrdinalText("c.customer_id")} LIMIT $top OFFSET $offset",
                   [.. parameters, ("top", (long)top), ("offset", (long)offset)]))
        {
            using var reader = command.ExecuteReader();
            while (reader.Read()) organizations.Add((reader.GetString(0), Text(reader, 1), Text(reader, 2), reasons.Read(reader, 4, Dimensions.BuyingCenter), Number(reader, 3)));
        }
        var holders = RoleHolders(workspace, day, [.. organizations.Select(o => o.Id)]);
        var rows = organizations.Select(o => BuyingCenterOf(o.Id, o.Name, o.Class, o.Reason, o.Value, holders.GetValueOrDefault(o.Id) ?? [])).ToList();
        return new BuyingCenterListing(day, role, total, rows);
    }

    /// <summary>One organization's buying center in a snapshot (default: the latest).</summary>
    /// <exception cref="WorkspaceException">No snapshot; the customer is not in it (404) or is a person.</exception>
    public static BuyingCenterRow BuyingCenter(Workspace workspace, string customerId, DateOnly? asOf = null)
    {
        var day = Resolve(workspace, asOf);
        var reasons = SnapshotReasons.Of(workspace, day);
        (string? Name, string? Kind, string? Class, double? Value, string? Reason)? row = null;
        // Read whole before another query runs: PostgreSQL runs one command at a time on a connection.
        using (var command = workspace.Command(
                   $"SELECT c.name, c.kind, c.buying_center, c.value, {SnapshotReasons.Select(workspace, Dimensions.BuyingCenter, "c")} FROM snapshot_customers c WHERE c.as_of = CAST($as_of AS DATE) AND c.customer_id = $id",
                   ("as_of", DayValue(day)), ("id", customerId)))
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
                row = (Text(reader, 0), Text(reader, 1), Text(reader, 2), Number(reader, 3), reader.IsDBNull(2) ? null : reasons.Read(reader, 4, Dimensions.BuyingCenter));
        }
        if (row is not { } found) throw NotInSnapshot(workspace, customerId, day);
        if (found.Class is null)
            throw new WorkspaceException($"customer '{customerId}' ({found.Kind ?? "kind unknown"}) has no buying center: buying roles are for organizations' purchases.");
        var holders = RoleHolders(workspace, day, [customerId]);
        return BuyingCenterOf(customerId, found.Name, found.Class, found.Reason, found.Value, holders.GetValueOrDefault(customerId) ?? []);
    }

    /// <summary>The buying role of that name (any case).</summary>
    /// <exception cref="WorkspaceException">Not one of the six; the message lists them.</exception>
    public static string BuyingRole(string name) =>
        BuyingRoleNames.FirstOrDefault(r => string.Equals(r, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new WorkspaceException($"unknown buying role '{name}': choose one of {string.Join(", ", BuyingRoleNames)}.");

    private static BuyingCenterRow BuyingCenterOf(string id, string? name, string? cls, string? reason, double? value, List<ContactRole> held)
    {
        var roles = BuyingRoleNames.Select(r => new BuyingRoleHolders(r, [.. held.Where(h => h.Role == r)])).ToList();
        return new BuyingCenterRow(id, name, cls, reason, value, roles, [.. roles.Where(r => r.Holders.Count == 0).Select(r => r.Role)]);
    }

    private static Dictionary<string, List<ContactRole>> RoleHolders(Workspace workspace, DateOnly day, string[] customerIds)
    {
        var holders = new Dictionary<string, List<ContactRole>>(StringComparer.Ordinal);
        if (customerIds.Length == 0) return holders;
        var text = workspace.Dialect.OrdinalText;
        using var command = workspace.Command(
            "SELECT customer_id, contact_id, contact_name, title, role, weight, inferred FROM snapshot_buying_roles " +
            "WHERE as_of = CAST($as_of AS DATE) AND customer_id IN (SELECT unnest($ids)) " +
            $"ORDER BY {text("customer_id")}, {text("role")}, weight DESC, {text("contact_id")}",
            ("as_of", DayValue(day)), ("ids", customerIds));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetString(0);
            if (!holders.TryGetValue(id, out var list)) holders[id] = list = [];
            list.Add(new ContactRole(reader.GetString(1), Text(reader, 2), Text(reader, 3), reader.GetString(4), reader.GetDouble(5), reader.GetBoolean(6)));
        }
        return holders;
    }

    /// <summary>What the analysis of a snapshot (default: the latest) learned and how it ran (see <see cref="Analysis.AnalysisContext"/>).</summary>
    /// <exception cref="WorkspaceException">No snapshot, or none as of that date; or its stored context is damaged.</exception>
    public static (DateOnly AsOf, Analysis.AnalysisContext Context) Context(Workspace workspace, DateOnly? asOf = null)
    {
        var day = Resolve(workspace, asOf);
        using var command = workspace.Command("SELECT report FROM snapshots WHERE as_of = CAST($as_of AS DATE)", ("as_of", DayValue(day)));
        return (day, Analysis.AnalysisContext.Parse(command.ExecuteScalar() as string ?? "", day));
    }
}

/// <summary>Who holds one buying role at an organization.</summary>
/// <param name="Role">payer, user, beneficiary, decider, promoter or stimulator.</param>
/// <param name="Holders">The contacts holding it, strongest first (empty: missing).</param>
public sealed record BuyingRoleHolders(string Role, IReadOnlyList<ContactRole> Holders);

/// <summary>An organization's buying center.</summary>
/// <param name="CustomerId">The organization.</param>
/// <param name="Name">Its name.</param>
/// <param name="Class">complete, no decider, incomplete or no contacts.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="Value">Its net value.</param>
/// <param name="Roles">The six roles in order, each with its holders.</param>
/// <param name="Missing">The roles nobody is known to hold.</param>
public sealed record BuyingCenterRow(string CustomerId, string? Name, string? Class, string? Reason, double? Value, IReadOnlyList<BuyingRoleHolders> Roles, IReadOnlyList<string> Missing);

/// <summary>A page of buying centers.</summary>
/// <param name="AsOf">The snapshot.</param>
/// <param name="Missing">The role filtered on, or null.</param>
/// <param name="Total">Organizations matching, in all.</param>
/// <param name="Organizations">This page.</param>
public sealed record BuyingCenterListing(DateOnly AsOf, string? Missing, long Total, IReadOnlyList<BuyingCenterRow> Organizations);
