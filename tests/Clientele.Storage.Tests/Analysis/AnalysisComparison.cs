using System.Text.Json;
using Clientele.Classification;

namespace Clientele.Storage.Tests.Analysis;

/// <summary>
/// Compares two analyses of the same columns customer by customer: every dimension's class and reason, the figures beside
/// them (shares of wallet, P(close), values, depths, role holders, per line classes) and, over every customer, the methods,
/// notes and the structure map's nodes. Lists the first differences, so a failure names the customer and the dimension.
/// </summary>
internal static class AnalysisComparison
{
    /// <summary>The differences between <paramref name="expected"/> and <paramref name="actual"/> over every customer.</summary>
    public static List<string> Differences(AnalysisResult expected, AnalysisResult actual)
    {
        var all = Enumerable.Range(0, expected.Columns.Count).ToArray();
        var found = Differences(expected, actual, all);
        for (var d = 0; d < expected.Dimensions.Count; d++)
        {
            var (e, a) = (expected.Dimensions[d], actual.Dimensions[d]);
            if (e.Method != a.Method) found.Add($"{e.Dimension}: method \"{a.Method}\", expected \"{e.Method}\"");
            Sequence(found, $"{e.Dimension} notes", e.Notes, a.Notes);
        }
        Sequence(found, "notes", expected.Notes, actual.Notes);
        Sequence(found, "structure map nodes", expected.StructureMap.Nodes, actual.StructureMap.Nodes);
        Sequence(found, "product line notes", expected.ProductLines.Notes, actual.ProductLines.Notes);
        Sequence(found, "hierarchy notes", expected.Hierarchy.Notes, actual.Hierarchy.Notes);
        Sequence(found, "applied overrides", expected.AppliedOverrides, actual.AppliedOverrides);
        Sequence(found, "buying role holders' customers", expected.BuyingCenters.RoleHolders.CustomerIndex, actual.BuyingCenters.RoleHolders.CustomerIndex);
        Sequence(found, "buying role holders' contacts", expected.BuyingCenters.RoleHolders.ContactIndex, actual.BuyingCenters.RoleHolders.ContactIndex);
        Sequence(found, "buying role holders' roles", expected.BuyingCenters.RoleHolders.Role, actual.BuyingCenters.RoleHolders.Role);
        Sequence(found, "buying role holders' weights", expected.BuyingCenters.RoleHolders.Weight, actual.BuyingCenters.RoleHolders.Weight);
        Sequence(found, "buying role holders' inference", expected.BuyingCenters.RoleHolders.Inferred, actual.BuyingCenters.RoleHolders.Inferred);
        var report = JsonSerializer.Serialize(expected.Prospects.Report, ClassificationContext.Json);
        if (report != JsonSerializer.Serialize(actual.Prospects.Report, ClassificationContext.Json)) found.Add("prospect model report differs");
        return found;
    }

    /// <summary>The differences at the customers <paramref name="customers"/> only.</summary>
    public static List<string> Differences(AnalysisResult expected, AnalysisResult actual, IReadOnlyList<int> customers)
    {
        var found = new List<string>();
        if (expected.Dimensions.Count != actual.Dimensions.Count)
        {
            found.Add($"{actual.Dimensions.Count} dimensions, expected {expected.Dimensions.Count}");
            return found;
        }
        for (var d = 0; d < expected.Dimensions.Count; d++)
        {
            var (e, a) = (expected.Dimensions[d], actual.Dimensions[d]);
            if (e.Dimension != a.Dimension) found.Add($"dimension {d} is {a.Dimension}, expected {e.Dimension}");
            At(found, expected, $"{e.Dimension} class", e.Class, a.Class, customers);
            At(found, expected, $"{e.Dimension} reason", expected.Reasons(e.Dimension), actual.Reasons(a.Dimension), customers);
        }
        At(found, expected, "share of wallet", expected.Strategy.ShareOfWallet, actual.Strategy.ShareOfWallet, customers);
        At(found, expected, "share estimated", expected.Strategy.ShareEstimated, actual.Strategy.ShareEstimated, customers);
        At(found, expected, "P(close)", expected.Prospects.CloseProbability, actual.Prospects.CloseProbability, customers);
        At(found, expected, "supply depth", expected.SupplyChain.Depth, actual.SupplyChain.Depth, customers);
        At(found, expected, "own value", expected.Influence.OwnValue, actual.Influence.OwnValue, customers);
        At(found, expected, "referral value", expected.Influence.ReferralValue, actual.Influence.ReferralValue, customers);
        At(found, expected, "influence value", expected.Influence.InfluenceValue, actual.Influence.InfluenceValue, customers);
        At(found, expected, "full value", expected.Influence.FullValue, actual.Influence.FullValue, customers);
        At(found, expected, "top parent", expected.Hierarchy.TopParentIndex, actual.Hierarchy.TopParentIndex, customers);
        At(found, expected, "group value", expected.Hierarchy.GroupValue, actual.Hierarchy.GroupValue, customers);
        Sequence(found, "product lines", expected.ProductLines.Lines, actual.ProductLines.Lines);
        var wanted = customers.ToHashSet();
        for (var l = 0; l < Math.Min(expected.ProductLines.Lines.Count, actual.ProductLines.Lines.Count); l++)
        {
            At(found, expected, $"line {expected.ProductLines.Lines[l]} class", expected.ProductLines.Class[l], actual.ProductLines.Class[l], customers);
            At(found, expected, $"line {expected.ProductLines.Lines[l]} orders", expected.ProductLines.Orders[l], actual.ProductLines.Orders[l], customers);
            At(found, expected, $"line {expected.ProductLines.Lines[l]} interest", expected.ProductLines.Interest[l], actual.ProductLines.Interest[l], customers);
            var line = l;
            // The reasons as a reader renders them, at every customer (the others' are null on both sides).
            var reasons = (AnalysisResult r) => Enumerable.Range(0, r.Columns.Count).Select(i => wanted.Contains(i) ? r.ProductLines.Reason(line, i) : null).ToArray();
            At(found, expected, $"line {expected.ProductLines.Lines[l]} reason", reasons(expected), reasons(actual), customers);
        }
        return found;
    }

    private static void At<T>(List<string> found, AnalysisResult expected, string what, T[] e, T[] a, IReadOnlyList<int> customers)
    {
        if (e.Length != a.Length)
        {
            found.Add($"{what}: {a.Length} entries, expected {e.Length}");
            return;
        }
        foreach (var i in customers)
        {
            if (found.Count >= 20) return;
            if (!EqualityComparer<T>.Default.Equals(e[i], a[i]))
                found.Add($"{what} of {expected.Columns.CustomerId[i]}: \"{a[i]}\", expected \"{e[i]}\"");
        }
    }

    private static void Sequence<T>(List<string> found, string what, IReadOnlyList<T> e, IReadOnlyList<T> a)
    {
        if (e.Count != a.Count) found.Add($"{what}: {a.Count} entries, expected {e.Count}");
        for (var k = 0; k < Math.Min(e.Count, a.Count) && found.Count < 20; k++)
            if (!EqualityComparer<T>.Default.Equals(e[k], a[k])) found.Add($"{what} [{k}]: \"{a[k]}\", expected \"{e[k]}\"");
    }
}
