using Clientele.Tables;

namespace Clientele.Storage.Live;

/// <summary>
/// The customers an import named: by a row it stored in any table with a customer column (the customer's own row, its
/// orders, interactions, contacts, referrals given or received, supply links). Read by the staleness warning and by the
/// live update that follows an import.
/// </summary>
public static class ImportedCustomers
{
    /// <summary>A query of the distinct customer ids named by rows whose <c>import_id</c> meets <paramref name="importCondition"/> (SQL over <c>import_id</c>).</summary>
    public static string Sql(string importCondition) => "SELECT DISTINCT customer_id FROM (" + Named(importCondition) + ") AS named";

    /// <summary>A query of each customer named by those rows and the latest import that named it (<c>customer_id</c>, <c>last_import</c>).</summary>
    public static string WithLatestImport(string importCondition) =>
        "SELECT customer_id, max(import_id) AS last_import FROM (" + Named(importCondition) + ") AS named GROUP BY customer_id";

    private static string Named(string importCondition) =>
        string.Join(" UNION ALL ", CanonicalTables.All.Where(t => !t.Internal)
            .SelectMany(t => (t == CanonicalTables.Customers ? ["customer_id"] : t.CustomerColumns).Select(c => (Table: t.Name, Column: c)))
            .Select(x => $"SELECT {x.Column} AS customer_id, import_id FROM {x.Table} WHERE {importCondition} AND {x.Column} IS NOT NULL"));

    /// <summary>The customers import <paramref name="importId"/> named.</summary>
    public static IReadOnlyList<string> Of(Workspace workspace, long importId)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        // Ordered outside the DISTINCT: PostgreSQL orders a DISTINCT only by what it selects, and the order is by code point (OrdinalText).
        return workspace.Texts($"SELECT customer_id FROM ({Sql("import_id = $import")}) AS ids ORDER BY {workspace.Dialect.OrdinalText("customer_id")}", ("import", importId));
    }
}
