
namespace Clientele.Storage.Analysis;

/// <summary>
/// Compares a snapshot with what the seeded simulator planted (truth_customers, truth_contacts): confusion
/// matrices for the ladder, churn status, churn reasons, advocates, buying roles and supply-chain position.
/// Only meaningful on a demo company (`clientele demo`), whose truth tables the demo loads.
/// </summary>
public static class TruthRecovery
{
    /// <summary>The ladder's order, for tables.</summary>
    public static readonly IReadOnlyList<string> LadderOrder = ["no-relationship", "prospect", "buyer", "customer", "supporter", "advocate"];

    /// <summary>Every comparison for the snapshot of <paramref name="asOf"/>.</summary>
    public static IReadOnlyList<ConfusionMatrix> Compare(Workspace workspace, DateOnly asOf)
    {
        if (workspace.Scalar<long>("SELECT count(*) FROM truth_customers") == 0)
            throw new WorkspaceException("the workspace has no simulator truth (truth_customers is empty): only a demo company (`clientele demo`) can be compared with its truth.");
        return
        [
            Matrix(workspace, asOf, "relationship ladder",
                "SELECT t.ladder, coalesce(s.ladder, 'n/a') FROM snapshot_customers s JOIN truth_customers t USING (customer_id) WHERE s.as_of = $as_of AND t.ladder IS NOT NULL"),
            Matrix(workspace, asOf, "churn status of parties that have bought (truth: still buying at the end or not)",
                "SELECT CASE WHEN t.is_active THEN 'active' ELSE 'lost' END, coalesce(s.churn_status, 'n/a') FROM snapshot_customers s JOIN truth_customers t USING (customer_id) WHERE s.as_of = $as_of AND s.orders > 0 AND t.is_active IS NOT NULL"),
            Matrix(workspace, asOf, "churn reason of lost customers computed as lapsed or lost",
                "SELECT t.lost_reason, coalesce(s.churn_reason, 'n/a') FROM snapshot_customers s JOIN truth_customers t USING (customer_id) WHERE s.as_of = $as_of AND NOT t.is_active AND t.lost_reason IS NOT NULL AND s.churn_status IN ('lapsed', 'lost')"),
            Matrix(workspace, asOf, "advocates",
                "SELECT CASE WHEN t.is_advocate THEN 'advocate' ELSE 'not advocate' END, CASE WHEN s.ladder = 'advocate' THEN 'advocate' ELSE 'not advocate' END FROM snapshot_customers s JOIN truth_customers t USING (customer_id) WHERE s.as_of = $as_of"),
            Matrix(workspace, asOf, "supply-chain position",
                "SELECT coalesce(t.supply_position, 'none'), coalesce(s.supply_chain, 'none') FROM snapshot_customers s JOIN truth_customers t USING (customer_id) WHERE s.as_of = $as_of"),
            .. BuyingRoles(workspace, asOf),
        ];
    }

    /// <summary>Per buying role: each (contact, role) pair planted or computed, as held / not held.</summary>
    private static IEnumerable<ConfusionMatrix> BuyingRoles(Workspace workspace, DateOnly asOf)
    {
        yield return Matrix(workspace, asOf, "buying roles of contacts (each contact × role: planted or not, computed or not; computed = recorded or inferred from the title)",
            """
            WITH contacts_seen AS (SELECT c.contact_id, c.customer_id FROM contacts c JOIN snapshot_customers s ON s.customer_id = c.customer_id AND s.as_of = $as_of),
            pairs AS (SELECT contact_id, r.role FROM contacts_seen CROSS JOIN (SELECT unnest(['payer','user','beneficiary','decider','promoter','stimulator']) AS role) r),
            planted AS (SELECT DISTINCT contact_id, role FROM truth_contacts),
            computed AS (SELECT DISTINCT contact_id, role FROM snapshot_buying_roles WHERE as_of = $as_of)
            SELECT CASE WHEN pl.contact_id IS NULL THEN 'not held' ELSE 'held' END,
                   CASE WHEN co.contact_id IS NULL THEN 'not held' ELSE 'held' END
            FROM pairs p
            LEFT JOIN planted pl ON pl.contact_id = p.contact_id AND pl.role = p.role
            LEFT JOIN computed co ON co.contact_id = p.contact_id AND co.role = p.role
            """);
        yield return Matrix(workspace, asOf, "buying roles: recorded only (the CRM's buying_roles, before inference)",
            """
            WITH contacts_seen AS (SELECT c.contact_id FROM contacts c JOIN snapshot_customers s ON s.customer_id = c.customer_id AND s.as_of = $as_of),
            pairs AS (SELECT contact_id, r.role FROM contacts_seen CROSS JOIN (SELECT unnest(['payer','user','beneficiary','decider','promoter','stimulator']) AS role) r),
            planted AS (SELECT DISTINCT contact_id, role FROM truth_contacts),
            recorded AS (SELECT DISTINCT contact_id, role FROM buying_roles)
            SELECT CASE WHEN pl.contact_id IS NULL THEN 'not held' ELSE 'held' END,
                   CASE WHEN re.contact_id IS NULL THEN 'not held' ELSE 'held' END
            FROM pairs p
            LEFT JOIN planted pl ON pl.contact_id = p.contact_id AND pl.role = p.role
            LEFT JOIN recorded re ON re.contact_id = p.contact_id AND re.role = p.role
            """);
        yield return Matrix(workspace, asOf, "organizations with a decider (planted vs computed)",
            """
            WITH orgs AS (SELECT customer_id FROM snapshot_customers WHERE as_of = $as_of AND kind = 'organization'),
            planted AS (SELECT DISTINCT c.customer_id FROM truth_contacts t JOIN contacts c USING (contact_id) WHERE t.role = 'decider'),
            computed AS (SELECT DISTINCT customer_id FROM snapshot_buying_roles WHERE as_of = $as_of AND role = 'decider')
            SELECT CASE WHEN pl.customer_id IS NULL THEN 'no decider' ELSE 'decider' END, CASE WHEN co.customer_id IS NULL THEN 'no decider' ELSE 'decider' END
            FROM orgs o LEFT JOIN planted pl USING (customer_id) LEFT JOIN computed co USING (customer_id)
            """);
    }

    private static ConfusionMatrix Matrix(Workspace workspace, DateOnly asOf, string name, string sql)
    {
        using var command = workspace.Command($"SELECT truth, computed, count(*) FROM ({sql}) AS pairs(truth, computed) GROUP BY 1, 2",
            ("as_of", asOf.ToDateTime(TimeOnly.MinValue)));
        var counts = new Dictionary<(string, string), long>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) counts[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        return new ConfusionMatrix(name, counts);
    }
}
