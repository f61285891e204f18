using Clientele.Clv;
using Clientele.Customers;

namespace Clientele.Cli.Commands;

/// <summary>The columns a model is fitted on: from the workspace's summary or from a summary file.</summary>
internal sealed record ModelInput(double[] Frequency, double[] Recency, double[] Age, double[]? Weight, double[]? MonetaryValue, double[]? Periods)
{
    public static ModelInput From(CustomerSummary summary)
    {
        var buyers = Enumerable.Range(0, summary.Count).Where(i => !double.IsNaN(summary.T[i])).ToArray();
        if (buyers.Length == 0)
            throw new Storage.WorkspaceException("no customer has bought by the as-of date, so there is nothing to fit a model on.");
        return new ModelInput(
            [.. buyers.Select(i => summary.Frequency[i])], [.. buyers.Select(i => summary.Recency[i])], [.. buyers.Select(i => summary.T[i])],
            null, [.. buyers.Select(i => summary.MonetaryValue[i])], null);
    }

    public static ModelInput From(IReadOnlyDictionary<string, double[]> columns)
    {
        double[]? Get(string name) => columns.TryGetValue(name, out var values) ? values : null;
        var frequency = Get("frequency")!;
        return new ModelInput(frequency, Get("recency") ?? new double[frequency.Length], Get("T") ?? new double[frequency.Length],
            Get("weight"), Get("monetary_value"), Get("periods"));
    }

    public RepeatPurchases RepeatPurchases() => Clv.RepeatPurchases.Create(Frequency, Recency, Age, Weight);
}
