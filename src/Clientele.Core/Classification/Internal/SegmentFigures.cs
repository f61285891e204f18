using System.Globalization;

namespace Clientele.Classification.Internal;

/// <summary>The current figures of every node of the structure map: summed per leaf, then added up the tree.</summary>
internal sealed class SegmentFigures
{
    private const int Year = 365;

    private SegmentFigures(int nodes)
    {
        Parties = new int[nodes];
        Actual = new int[nodes];
        Active = new int[nodes];
        NewLastYear = new int[nodes];
        NewYearBefore = new int[nodes];
        Value = new double[nodes];
        ExpectedRevenue = new double[nodes];
        FutureNetValue = new double[nodes];
        RevenueLastYear = new double[nodes];
        CurrentYearlyRevenue = new double[nodes];
        NextYearMargin = new double[nodes];
        LastYearMargin = new double[nodes];
    }

    public int[] Parties { get; }

    public int[] Actual { get; }

    public int[] Active { get; }

    public int[] NewLastYear { get; }

    public int[] NewYearBefore { get; }

    public double[] Value { get; }

    public double[] ExpectedRevenue { get; }

    public double[] FutureNetValue { get; }

    public double[] RevenueLastYear { get; }

    public double[] CurrentYearlyRevenue { get; }

    public double[] NextYearMargin { get; }

    public double[] LastYearMargin { get; }

    /// <summary>Whether any customer has an expected revenue (a model gave scores) and the horizon is usable.</summary>
    public bool ModelBased { get; private set; }

    /// <summary>Sums the figures per leaf and up the tree; a customer is active where <paramref name="churnStatus"/> says "active".</summary>
    public static SegmentFigures Sum(CustomerColumns columns, CustomerScores scores, string?[] churnStatus,
        SegmentTree tree, int[] leafOf, List<string> notes)
    {
        var figures = new SegmentFigures(tree.Count);
        var s = columns.Summary;
        var asOf = columns.AsOf.DayNumber;
        var toYear = scores.HorizonDays > 0 ? Year / scores.HorizonDays : double.NaN;
        var modelled = 0;
        for (var i = 0; i < columns.Count; i++)
        {
            var leaf = leafOf[i];
            figures.Parties[leaf]++;
            var value = scores.Value(i);
            if (!double.IsNaN(value)) figures.Value[leaf] += value;
            if (!double.IsNaN(scores.FutureNetValue[i])) figures.FutureNetValue[leaf] += scores.FutureNetValue[i];
            if (!columns.HasBought(i))
            {
                continue;
            }

            figures.Actual[leaf]++;
            if (churnStatus[i] == ChurnStatus.Active) figures.Active[leaf]++;
            if (s.FirstPurchase[i] is { } first)
            {
                var age = asOf - first.DayNumber;
                if (age is >= 0 and < Year) figures.NewLastYear[leaf]++;
                else if (age is >= Year and < 2 * Year) figures.NewYearBefore[leaf]++;
            }

            var rate = !double.IsNaN(scores.MarginRate[i]) ? scores.MarginRate[i]
                : s.Revenue[i] > 0 && s.Margin[i] is { } margin ? margin / s.Revenue[i]
                : 1;
            figures.RevenueLastYear[leaf] += columns.RevenueLastYear[i];
            figures.LastYearMargin[leaf] += columns.RevenueLastYear[i] * rate;
            var expected = scores.ExpectedRevenue[i];
            if (!double.IsNaN(expected) && !double.IsNaN(toYear))
            {
                modelled++;
                figures.ExpectedRevenue[leaf] += expected;
                figures.NextYearMargin[leaf] += expected * toYear * rate;
            }
        }

        figures.ModelBased = modelled > 0;
        for (var node = tree.Count - 1; node > 0; node--)
        {
            figures.AddTo(tree.Parent[node], node);
        }

        for (var node = 0; node < tree.Count; node++)
        {
            figures.CurrentYearlyRevenue[node] = figures.ModelBased ? figures.ExpectedRevenue[node] * toYear : figures.RevenueLastYear[node];
        }

        notes.Add("active customers are those whose churn status is active.");
        var basis = scores.UsesMargin ? "margin" : "revenue (the data has no margins)";
        notes.Add(figures.ModelBased
            ? $"predicted value growth: the expected {basis} of the next 365 days (expected revenue over {Number(scores.HorizonDays)} days scaled to a year) against the last 365 days'; target values are compared with the expected revenue of the next 365 days."
            : "no model scores: predicted value growth is not shown, and target values are compared with the last 365 days' revenue.");
        return figures;
    }

    public StructureNode Node(int node, string path, SegmentTree tree) => new()
    {
        Path = path,
        Name = path[(path.LastIndexOf('/') + 1)..],
        Level = tree.Level(node),
        ParentPath = tree.Parent[node] >= 0 ? tree.Path[tree.Parent[node]] : null,
        Parties = Parties[node],
        ActualCustomers = Actual[node],
        ActiveCustomers = Active[node],
        Value = Value[node],
        ExpectedRevenue = ExpectedRevenue[node],
        FutureNetValue = FutureNetValue[node],
        RevenueLastYear = RevenueLastYear[node],
        CurrentYearlyRevenue = CurrentYearlyRevenue[node],
        NewCustomersLastYear = NewLastYear[node],
        NewCustomersYearBefore = NewYearBefore[node],
        Growth = NewYearBefore[node] > 0 ? (NewLastYear[node] - NewYearBefore[node]) / (double)NewYearBefore[node] : null,
        PredictedValueGrowth = ModelBased && LastYearMargin[node] > 0 ? (NextYearMargin[node] / LastYearMargin[node]) - 1 : null,
    };

    private void AddTo(int parent, int node)
    {
        Parties[parent] += Parties[node];
        Actual[parent] += Actual[node];
        Active[parent] += Active[node];
        NewLastYear[parent] += NewLastYear[node];
        NewYearBefore[parent] += NewYearBefore[node];
        Value[parent] += Value[node];
        ExpectedRevenue[parent] += ExpectedRevenue[node];
        FutureNetValue[parent] += FutureNetValue[node];
        RevenueLastYear[parent] += RevenueLastYear[node];
        NextYearMargin[parent] += NextYearMargin[node];
        LastYearMargin[parent] += LastYearMargin[node];
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
