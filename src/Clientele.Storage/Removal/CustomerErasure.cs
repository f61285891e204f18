using System.Security.Cryptography;
using System.Text;
using Clientele.Tables;
using static Clientele.Storage.Schema.WorkspaceSchema;

namespace Clientele.Storage.Removal;

/// <summary>
/// Erasing a person or an organization on request: every row naming the customer goes, in one transaction — the
/// customer, its orders and interactions, referrals on both sides, its contacts and their buying roles, supply links on
/// both sides, overrides, the simulator's truth, and its rows in every analysis (customers, product lines, buying
/// roles). Other customers' parent or referrer fields that name it are emptied. Totals that already include it (an
/// analysis's segment sums, a fitted model) stay as they were; the next analysis no longer sees it. The erasure is
/// recorded in <c>erasures</c> with when, by whom and a salted hash of the id (HMAC-SHA256 with the workspace's random
/// salt), never what was erased.
/// </summary>
public static class CustomerErasure
{
    private const string Contacts = "clientele_erase_contacts";

    /// <summary>What erasing the customer would remove, without changing anything.</summary>
    /// <exception cref="NotFoundException">No row of the workspace names the customer.</exception>
    public static ErasurePlan Plan(Workspace workspace, string customerId) => Run(workspace, customerId, null, default, apply: false, null);

    /// <summary>Erases the customer, whole or not at all, and records that an erasure was done; returns what it removed.</summary>
    /// <remarks>The progress callback is told each table's name before its rows are removed.</remarks>
    /// <exception cref="NotFoundException">No row of the workspace names the customer.</exception>
    public static ErasurePlan Apply(Workspace workspace, string customerId, string? erasedBy, DateTime erasedAt, Action<string>? progress = null) =>
        Run(workspace, customerId, erasedBy, erasedAt, apply: true, progress);

    private static ErasurePlan Run(Workspace workspace, string customerId, string? erasedBy, DateTime erasedAt, bool apply, Action<string>? progress)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var sql = new RemovalSql(workspace, [("id", customerId)]);
        using var transaction = workspace.Db.BeginTransaction();
        sql.TempTable(Contacts, "SELECT contact_id FROM contacts WHERE customer_id = $id");
        // Each analysis that holds the customer counts one customer fewer (read before its rows go).
        if (apply) sql.Execute("UPDATE snapshots SET customers = customers - 1 WHERE as_of IN (SELECT as_of FROM snapshot_customers WHERE customer_id = $id)");
        var removed = sql.Remove(Conditions(), apply, progress);
        if (removed.Count == 0)
            throw new NotFoundException($"unknown customer '{customerId}': no table of the workspace names it (ids are matched exactly).");
        long cleared = 0;
        foreach (var column in CanonicalTables.Customers.CustomerColumns)
        {
            var where = $"{Quote(column)} = $id";
            cleared += apply ? sql.Execute($"UPDATE customers SET {Quote(column)} = NULL WHERE {where}") : sql.Count("customers", where);
        }
        if (apply)
        {
            using (var command = workspace.Command("INSERT INTO erasures VALUES ($at, $by, $hash)", ("at", erasedAt), ("by", erasedBy), ("hash", Hash(workspace, customerId))))
                command.ExecuteNonQuery();
            sql.Execute($"DROP TABLE {Contacts}");
            // The customer's purchase days went with its orders (kept apart from the tables listed: they are counted from the orders).
            Summary.CustomerDays.Erase(workspace, customerId);
            // The customer's rows left the stored analyses: every server's listing of them is read again (Web/Api/ListingIndex).
            ChangeStamp.SnapshotRows.Write(workspace);
            transaction.Commit();
        }
        else
        {
            transaction.Rollback();
        }
        return new ErasurePlan(customerId, removed, cleared);
    }

    /// <summary>The salted hash recorded for an erased id; the same id gives the same hash in the same workspace only.</summary>
    public static string Hash(Workspace workspace, string customerId)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var salt = workspace.Meta(RemovalSchema.SaltKey);
        if (salt is null)
        {
            salt = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
            workspace.SetMeta(RemovalSchema.SaltKey, salt);
        }
        return Convert.ToHexString(HMACSHA256.HashData(Convert.FromHexString(salt), Encoding.UTF8.GetBytes(customerId))).ToLowerInvariant();
    }

    private static IEnumerable<(string Table, string Where)> Conditions()
    {
        // Rows that follow a contact go first, while the contacts are still there to say whose they are (the list is also kept apart).
        foreach (var table in CanonicalTables.All.Where(CustomerReferences.FollowsContact))
            yield return (table.Name, $"contact_id IN (SELECT contact_id FROM {Contacts})");
        foreach (var table in CanonicalTables.All)
        {
            if (table == CanonicalTables.Customers) yield return (table.Name, "customer_id = $id");
            else if (CustomerReferences.Columns(table) is { Count: > 0 } columns) yield return (table.Name, CustomerReferences.AnyEquals(columns, "$id"));
        }
        foreach (var table in CustomerReferences.SnapshotTables)
            yield return (table, "customer_id = $id");
    }
}
