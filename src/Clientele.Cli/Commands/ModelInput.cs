using Clientele.Clv;
using Clientele.Customers;

namespace Clientele.Cli.Commands;

/// <summary>
/// The columns a model is fitted on: from the workspace's summary or from a summary file (<see cref="Source"/>, which
/// places a row that breaks a model's rule at its file, line and column).
/// </summary>
internal sealed record ModelInput(double[] Frequency, double[] Recency, double[] Age, double[]? Weight, double[]? MonetaryValue, double[]? Periods)
{
    /// <summary>The summary file the columns were read from, or null for the workspace.</summary>
    public Storage.Import.SummaryColumns? Source { get; init; }

    public static ModelInput From(CustomerSummary summary)
    {
        var buyers = Enumerable.Range(0, summary.Count).Where(i => !double.IsNaN(summary.T[i])).ToArray();
        if (buyers.Length == 0)
            throw new Storage.WorkspaceException("no customer has bought by the as-of date, so there is nothing to fit a model on.");
        return new ModelInput(
            [.. buyers.Select(i => summary.Frequency[i])], [.. buyers.Select(i => summary.Recency[i])], [.. buyers.Select(i => summary.T[i])],
            null, [.. buyers.Select(i => summary.MonetaryValue[i])], null);
    }

    public static ModelInput From(Storage.Import.SummaryColumns file)
    {
        double[]? Get(string name) => file.Values.TryGetValue(name, out var values) ? values : null;
        var frequency = Get("frequency")!;
        return new ModelInput(frequency, Get("recency") ?? new double[frequency.Length], Get("T") ?? new double[frequency.Length],
            Get("weight"), Get("monetary_value"), Get("periods")) { Source = file };
    }

    public RepeatPurchases RepeatPurchases() => Clv.RepeatPurchases.Create(Frequency, Recency, Age, Weight);
}
