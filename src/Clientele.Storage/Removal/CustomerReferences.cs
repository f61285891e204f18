using Clientele.Tables;
using static Clientele.Storage.Schema.WorkspaceSchema;

namespace Clientele.Storage.Removal;

/// <summary>
/// Where the workspace names a customer: the canonical tables' customer columns (and their <c>customer_id</c>), the
/// contact tables through the contacts of the customer, and the snapshot tables. Both undo and erasure read this.
/// </summary>
internal static class CustomerReferences
{
    /// <summary>The columns of <paramref name="table"/> that hold a customer id, the customers table's own key left out.</summary>
    public static IReadOnlyList<string> Columns(CanonicalTable table)
    {
        var columns = table.CustomerColumns.ToList();
        if (table != CanonicalTables.Customers && table.Find("customer_id") is not null && !columns.Contains("customer_id"))
            columns.Add("customer_id");
        return columns;
    }

    /// <summary>Tables keyed by a contact without naming its customer: their rows go with the contact.</summary>
    public static bool FollowsContact(CanonicalTable table) =>
        table != CanonicalTables.Contacts && Columns(table).Count == 0 && table.Find("contact_id") is not null;

    /// <summary>The snapshot tables with a row per customer (the segment table holds only totals), and the live updates' class changes.</summary>
    public static readonly IReadOnlyList<string> SnapshotTables = ["snapshot_customers", "snapshot_product_lines", "snapshot_buying_roles", "class_changes"];

    /// <summary>A condition true where any of <paramref name="columns"/> equals <paramref name="value"/> (an SQL expression).</summary>
    public static string AnyEquals(IEnumerable<string> columns, string value) =>
        "(" + string.Join(" OR ", columns.Select(c => $"{Quote(c)} = {value}")) + ")";
}
