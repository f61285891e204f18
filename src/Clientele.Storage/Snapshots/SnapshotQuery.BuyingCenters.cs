using System.Globalization;
using System.Text;
using Clientele.Classification;
using DuckDB.NET.Data;

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
        long total;
        using (var count = workspace.Connection.CreateCommand())
        {
            count.CommandText = $"SELECT count(*) FROM snapshot_customers c WHERE {where}";
            count.Parameters.Add(DayParameter("as_of", day));
            if (role is not null) count.Parameters.Add(new DuckDBParameter("role", role));
            total = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        var organizations = new List<(string Id, string? Name, string? Class, string? Reason, double? Value)>();
        using (var command = workspace.Connection.CreateCommand())
        {
            command.CommandText =
                $"SELECT c.customer_id, c.name, c.buying_center, c.value, {SnapshotReasons.Select(Dimensions.BuyingCenter, "c")} FROM snapshot_customers c WHERE {where} " +
                "ORDER BY c.value DESC NULLS LAST, c.customer_id LIMIT $top OFFSET $offset";
            command.Parameters.Add(DayParameter("as_of", day));
            if (role is not null) command.Parameters.Add(new DuckDBParameter("role", role));
            command.Parameters.Add(new DuckDBParameter("top", (long)top));
            command.Parameters.Add(new DuckDBParameter("offset", (long)offset));
            using var reader = command.ExecuteReader();
            var reasons = SnapshotReasons.Of(workspace, day);
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
        using var command = workspace.Connection.CreateCommand();
        command.CommandText =
            $"SELECT c.name, c.kind, c.buying_center, c.value, {SnapshotReasons.Select(Dimensions.BuyingCenter, "c")} FROM snapshot_customers c WHERE c.as_of = CAST($as_of AS DATE) AND c.customer_id = $id";
        command.Parameters.Add(DayParameter("as_of", day));
        command.Parameters.Add(new DuckDBParameter("id", customerId));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) throw NotInSnapshot(workspace, customerId, day);
        if (reader.IsDBNull(2))
            throw new WorkspaceException($"customer '{customerId}' ({Text(reader, 1) ?? "kind unknown"}) has no buying center: buying roles are for organizations' purchases.");
        var holders = RoleHolders(workspace, day, [customerId]);
        return BuyingCenterOf(customerId, Text(reader, 0), Text(reader, 2), SnapshotReasons.Of(workspace, day).Read(reader, 4, Dimensions.BuyingCenter), Number(reader, 3),
            holders.GetValueOrDefault(customerId) ?? []);
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
        using var command = workspace.Connection.CreateCommand();
        command.CommandText =
            "SELECT customer_id, contact_id, contact_name, title, role, weight, inferred FROM snapshot_buying_roles " +
            "WHERE as_of = CAST($as_of AS DATE) AND list_contains($ids, customer_id) ORDER BY customer_id, role, weight DESC, contact_id";
        command.Parameters.Add(DayParameter("as_of", day));
        command.Parameters.Add(new DuckDBParameter("ids", customerIds));
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
