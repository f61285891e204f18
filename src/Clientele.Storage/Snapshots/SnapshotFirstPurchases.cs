using Clientele.Storage.Summary;

namespace Clientele.Storage.Snapshots;

/// <summary>
/// The population's first purchases an analysis learned, stored with its snapshot in <c>snapshot_first_purchases</c>
/// (<see cref="FirstPurchaseDay"/>: per product line, region and day: 37,609 rows at a million customers): what a
/// live update reads for the columns relative to the whole base (each line's launch, the rank of a customer's first
/// purchase of a new line, its followers), rather than every customer's first purchases in the order log.
/// </summary>
public static class SnapshotFirstPurchases
{
    /// <summary>The table, declared with the snapshot's (<see cref="SnapshotSchema"/>).</summary>
    internal const string Table = """
        CREATE TABLE IF NOT EXISTS snapshot_first_purchases (
            as_of DATE NOT NULL, product_line VARCHAR, region VARCHAR, day DATE NOT NULL, completed BOOLEAN NOT NULL,
            customers BIGINT NOT NULL, first_amount DECIMAL(38, 9))
        """;

    /// <summary>Stores the rows of the analysis as of <paramref name="asOf"/>, replacing any of that date.</summary>
    public static void Store(Workspace workspace, DateOnly asOf, IReadOnlyList<FirstPurchaseDay> days)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(days);
        using var transaction = workspace.Db.BeginTransaction();
        using (var command = workspace.Command("DELETE FROM snapshot_first_purchases WHERE as_of = CAST($as_of AS DATE)", ("as_of", asOf.ToDateTime(TimeOnly.MinValue))))
            command.ExecuteNonQuery();
        using (var writer = workspace.Dialect.BulkWriter(workspace.Db, "snapshot_first_purchases",
                   ["as_of", "product_line", "region", "day", "completed", "customers", "first_amount"]))
        {
            foreach (var d in days)
                writer.Row().Date(asOf).Text(d.ProductLine).Text(d.Region).Date(d.Day).Boolean(d.Completed).Integer(d.Customers).Decimal(d.FirstAmount);
            writer.Complete();
        }
        transaction.Commit();
    }

    /// <summary>
    /// <paramref name="asOf"/> when the analysis of that date stored its first purchases, else null (one stored before they
    /// were, or with no order at all): a live update then reads everyone's first purchases from the order log.
    /// </summary>
    public static DateOnly? LearnedOn(Workspace workspace, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        using var command = workspace.Command("SELECT EXISTS (SELECT 1 FROM snapshot_first_purchases WHERE as_of = CAST($as_of AS DATE))",
            ("as_of", asOf.ToDateTime(TimeOnly.MinValue)));
        return command.ExecuteScalar() is true ? asOf : null;
    }
}
