using Clientele.Tables;

namespace Clientele.Simulation.Internal;

/// <summary>Writes the files that come from the plan as a whole: products, supply_links, referrals and targets.</summary>
internal static class PlanFiles
{
    public static void Write(CompanyPlan plan, string directory, IDictionary<string, long> rows,
        IProgress<SimulationProgress>? progress, CancellationToken cancellationToken)
    {
        (CanonicalTable Table, Action<CsvBuffer, Stream> Fill)[] files =
        [
            (CanonicalTables.Products, (buffer, _) => Products(plan, buffer)),
            (CanonicalTables.SupplyLinks, (buffer, stream) => SupplyLinks(plan, buffer, stream)),
            (CanonicalTables.Referrals, (buffer, stream) => Referrals(plan, buffer, stream)),
            (CanonicalTables.Targets, (buffer, _) => Targets(plan, buffer)),
        ];
        for (var f = 0; f < files.Length; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (table, fill) = files[f];
            using var stream = new FileStream(Path.Combine(directory, table.Name + ".csv"), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            var buffer = new CsvBuffer();
            buffer.Header(CompanySimulator.Columns(table));
            fill(buffer, stream);
            buffer.Drain(stream);
            rows[table.Name] = buffer.Rows;
            progress?.Report(new SimulationProgress("links", f + 1, files.Length));
        }
    }

    private static void Products(CompanyPlan plan, CsvBuffer buffer)
    {
        for (var p = 0; p < ProductCatalog.Products.Length; p++)
        {
            var product = ProductCatalog.Products[p];
            buffer.Ascii(product.Id);
            buffer.Text(product.Name);
            buffer.Ascii(ProductCatalog.Lines[product.Line].Name);
            buffer.Date(plan.Calendar.Date(plan.Catalog.ProductLaunchDay[p]));
            buffer.Fixed(product.Price, 2);
            buffer.EndRow();
        }
    }

    private static void SupplyLinks(CompanyPlan plan, CsvBuffer buffer, Stream stream)
    {
        for (var k = 0; k < plan.SupplySellers.Count; k++)
        {
            buffer.Id('C', plan.SupplySellers[k] + 1, 7);
            buffer.Id('C', plan.SupplyBuyers[k] + 1, 7);
            buffer.EndRow();
            Flush(buffer, stream);
        }
    }

    private static void Referrals(CompanyPlan plan, CsvBuffer buffer, Stream stream)
    {
        for (var i = 0; i < plan.Count; i++)
        {
            if (plan.ReferredBy[i] >= 0)
            {
                buffer.Id('C', plan.ReferredBy[i] + 1, 7);
                buffer.Id('C', i + 1, 7);
                buffer.Day(plan.Calendar, plan.AcquiredDay[i]);
                buffer.EndRow();
                Flush(buffer, stream);
            }
        }
    }

    /// <summary>
    /// Target groups for the structure map: the three largest domains (grow 15-50%), the smallest
    /// domain (a new group to build: double it), and two population groups; due a year after the end.
    /// Current value is the yearly revenue expected from the segment's active buyers.
    /// </summary>
    private static void Targets(CompanyPlan plan, CsvBuffer buffer)
    {
        var random = new SimulationRandom(plan.Seed, RandomStream.Relations, 5);
        var domainCount = new long[Markets.Domains.Length];
        var domainValue = new double[Markets.Domains.Length];
        var groupCount = new long[Markets.Groups.Length];
        var groupValue = new double[Markets.Groups.Length];
        for (var i = 0; i < plan.Count; i++)
        {
            if (!plan.Buys(i) || plan.IsLost(i) || plan.Type[i] == PartyType.Distributor)
            {
                continue;
            }

            var value = plan.PurchaseRate[i] * 52.0 * plan.MeanSpend[i];
            var (counts, values) = plan.IsOrganization(i) ? (domainCount, domainValue) : (groupCount, groupValue);
            counts[plan.Segment[i]]++;
            values[plan.Segment[i]] += value;
        }

        var due = plan.Options.End.AddYears(1);
        var byCount = Enumerable.Range(0, Markets.Domains.Length).OrderByDescending(d => domainCount[d]).ThenBy(d => d).ToArray();
        foreach (var d in byCount.Take(3))
        {
            var growth = random.Uniform(1.15, 1.5);
            Row($"{Markets.IndustryOf(d).Name}/{Markets.Domains[d].Name}", domainCount[d] * growth, domainValue[d] * growth);
        }

        var smallest = byCount[^1];
        Row($"{Markets.IndustryOf(smallest).Name}/{Markets.Domains[smallest].Name}", (domainCount[smallest] * 2) + 10, Math.Max(domainValue[smallest] * 2, 50_000));
        foreach (var g in new[] { 0, 3 })
        {
            var growth = random.Uniform(1.1, 1.4);
            Row(Markets.Groups[g].Name, groupCount[g] * growth, groupValue[g] * growth);
        }

        void Row(string path, double customers, double value)
        {
            buffer.Text(path);
            buffer.Integer((long)Math.Round(customers));
            buffer.Fixed(Math.Round(value / 100) * 100, 2);
            buffer.Date(due);
            buffer.EndRow();
        }
    }

    private static void Flush(CsvBuffer buffer, Stream stream)
    {
        if (buffer.Length > 1 << 20)
        {
            buffer.Drain(stream);
        }
    }
}
