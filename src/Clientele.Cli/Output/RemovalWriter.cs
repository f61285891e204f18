using System.Globalization;
using Clientele.Storage.Removal;

namespace Clientele.Cli.Output;

/// <summary>Prints what an undo or an erasure removes, table by table, before and after it is done.</summary>
internal static class RemovalWriter
{
    public static void Rows(CliContext context, IReadOnlyList<TableRows> removed)
    {
        var width = removed.Count == 0 ? 0 : removed.Max(t => t.Table.Length);
        foreach (var table in removed)
            context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0} {1,12:N0}", table.Table.PadRight(width), table.Rows));
        if (removed.Count == 0) context.Out.WriteLine("  no rows");
    }

    public static void Undo(CliContext context, UndoPlan plan, bool done)
    {
        var import = plan.Import;
        context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "Import #{0}: {1} from {2}, {3:yyyy-MM-dd HH:mm} UTC. {4}",
            import.ImportId, import.Table, import.SourcePath, import.ImportedAt, done ? "Removed:" : "Undoing it removes:"));
        Rows(context, plan.Removed);
        if (plan.CustomersKept > 0)
            context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0} {1:N0} customers of this import that other imports still name, as bare ids (their other fields emptied).", done ? "Kept" : "Keeps", plan.CustomersKept));
        if (plan.LatestAnalysis is { } asOf)
            context.Out.WriteLine($"The latest analysis (as of {asOf:yyyy-MM-dd}) still includes these rows; run `clientele analyze` for one without them.");
    }

    public static void Erasure(CliContext context, ErasurePlan plan, bool done)
    {
        context.Out.WriteLine(done ? $"Erased customer '{plan.CustomerId}':" : $"Erasing customer '{plan.CustomerId}' removes:");
        Rows(context, plan.Removed);
        if (plan.Cleared > 0)
            context.Out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0} {1:N0} other customers' parent or referrer field that named it.", done ? "Emptied" : "Empties", plan.Cleared));
    }
}
