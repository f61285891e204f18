using Clientele.Simulation.Internal;
using Clientele.Tables;

namespace Clientele.Simulation;

/// <summary>
/// The seeded demo company: a believable customer base with its orders, interactions, contacts,
/// buying roles, referrals, supply chain and targets, plus the ground truth of everything planted
/// (docs/simulator.md). Deterministic for its options; streams rows to disk, so a million parties
/// (about twenty million orders) fit in a few hundred megabytes.
/// </summary>
public static class CompanySimulator
{
    /// <summary>
    /// Simulates the company and writes <c>&lt;directory&gt;/&lt;table&gt;.csv</c> for every table it
    /// fills (every canonical table but overrides): UTF-8 without BOM, <c>\n</c> line ends, a header
    /// of canonical column names, RFC 4180 quoting, invariant numbers, dates <c>yyyy-MM-dd</c> and
    /// times <c>yyyy-MM-ddTHH:mm:ss</c>. Creates the directory; overwrites files of the same names.
    /// </summary>
    /// <param name="options">What to simulate.</param>
    /// <param name="directory">Where to write the files.</param>
    /// <param name="progress">Receives the stages <c>customers</c>, <c>orders</c> and <c>links</c> (see <see cref="SimulationProgress"/>).</param>
    /// <param name="cancellationToken">Stops the simulation; files already begun are left incomplete.</param>
    /// <returns>The files, in the order of <see cref="CanonicalTables.All"/> (the order to import them in).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its documented range.</exception>
    public static SimulationResult WriteFiles(SimulationOptions options, string directory,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var full = Path.GetFullPath(directory);
        Directory.CreateDirectory(full);

        var plan = Plan(options, progress, cancellationToken);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        PartyFiles.Write(plan, full, rows, progress, cancellationToken);
        PlanFiles.Write(plan, full, rows, progress, cancellationToken);

        var files = CanonicalTables.All
            .Where(table => rows.ContainsKey(table.Name))
            .Select(table => new SimulatedFile(table.Name, Path.Combine(full, table.Name + ".csv"), rows[table.Name]))
            .ToList();
        return new SimulationResult(full, files, options);
    }

    /// <summary>
    /// The columns written for a table: the catalogue's columns of the first schema, in its order, but buying_roles.deal_id.
    /// Columns added by later schemas (orders.period_start, interactions.product_id) are not simulated: the rows are
    /// written field by field, so the header must not grow with the catalogue.
    /// </summary>
    internal static IEnumerable<string> Columns(CanonicalTable table) =>
        table.Columns.Where(c => c.AddedInSchema == 1).Select(c => c.Name)
            .Where(name => !(table.Name == CanonicalTables.BuyingRoleTable.Name && name == "deal_id"));

    /// <summary>Plants every party and relation; nothing is written yet.</summary>
    internal static CompanyPlan Plan(SimulationOptions options, IProgress<SimulationProgress>? progress, CancellationToken cancellationToken)
    {
        var plan = new CompanyPlan(options);
        progress?.Report(new SimulationProgress("customers", 0, plan.Count));
        PartyPlanner.Arrive(plan);
        const int chunk = 4_096;
        Parallel.For(0, (plan.Count + chunk - 1) / chunk, new ParallelOptions { CancellationToken = cancellationToken }, c =>
        {
            for (int i = c * chunk, end = Math.Min(plan.Count, i + chunk); i < end; i++)
            {
                PartyPlanner.Draw(plan, i);
            }
        });
        PartyPlanner.EnsureProminent(plan);
        cancellationToken.ThrowIfCancellationRequested();
        AccountRelations.Plant(plan);
        ReferralNetwork.Plant(plan);
        InfluencePlanter.Plant(plan);
        var next = 1L;
        for (var i = 0; i < plan.Count; i++)
        {
            plan.FirstContact[i] = next;
            next += plan.ContactCount[i];
        }

        progress?.Report(new SimulationProgress("customers", plan.Count, plan.Count));
        return plan;
    }
}
