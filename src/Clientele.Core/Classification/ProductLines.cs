using Clientele.Classification.Internal;

namespace Clientele.Classification;

/// <summary>
/// Classes per product line (DOMAIN.md, article 003: an actual customer of one line is a prospect for every other line).
/// For each line: "customer" with at least <see cref="ProductLinesOptions.CustomerFromOrders"/> completed orders of it;
/// otherwise "prospect" when the party is an actual customer of another line (or has bought without a recorded line) or
/// asked about this line (<see cref="CustomerColumns.LineInterest"/>); otherwise null.
/// </summary>
public static class ProductLines
{
    /// <summary>Classifies every customer of <paramref name="columns"/> for every line of <see cref="CustomerColumns.ProductLines"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="ProductLinesOptions.Validate"/>).</exception>
    public static ProductLineResult Classify(CustomerColumns columns, ProductLinesOptions options) => Apply(columns, options);

    /// <summary>
    /// Classifies the customers <paramref name="customers"/> (indices into <paramref name="columns"/>; null for all) for every line.
    /// Nothing is learned from the base: a customer's classes follow from its own orders and interest per line alone.
    /// The others' entries stay null.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="ProductLinesOptions.Validate"/>).</exception>
    public static ProductLineResult Apply(CustomerColumns columns, ProductLinesOptions options, IReadOnlyList<int>? customers = null)
    {
        options.Validate();
        var n = columns.Count;
        var lines = columns.ProductLines;
        var classes = new string?[lines.Count][];
        var reasons = new string?[lines.Count][];
        var none = new string[lines.Count];
        for (var l = 0; l < lines.Count; l++)
        {
            classes[l] = new string?[n];
            reasons[l] = new string?[n];
            none[l] = $"not a prospect for {lines[l]}: has bought nothing and showed no interest in it";
        }
        // Reasons of prospects who did not ask are the same for every customer buying the same lines: kept once.
        var shared = new Dictionary<(int Line, string Buys), string>();
        var bought = new List<string>(lines.Count);

        var count = customers?.Count ?? n;
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            bought.Clear();
            for (var l = 0; l < lines.Count; l++)
                if (columns.LineOrders[l][i] >= options.CustomerFromOrders) bought.Add(lines[l]);
            var buys = bought.Count > 0 ? "buys " + string.Join(", ", bought) : columns.HasBought(i) ? "buys from us (no line recorded)" : null;
            for (var l = 0; l < lines.Count; l++)
            {
                var orders = columns.LineOrders[l][i];
                var interest = columns.LineInterest[l][i];
                if (orders >= options.CustomerFromOrders)
                {
                    classes[l][i] = "customer";
                    reasons[l][i] = $"customer of {lines[l]}: {ValueText.Count(orders, "order", "orders")}";
                    continue;
                }
                var asked = interest >= options.ProspectFromInterest;
                var crossSell = buys is not null && options.CustomersOfOtherLinesAreProspects;
                if (asked)
                {
                    classes[l][i] = "prospect";
                    reasons[l][i] = $"prospect for {lines[l]}: {buys ?? "has not bought from us"}; asked about it {Times(interest)}{OrdersBelow(orders, options)}";
                }
                else if (crossSell)
                {
                    classes[l][i] = "prospect";
                    if (orders == 0 && interest == 0)
                    {
                        if (!shared.TryGetValue((l, buys!), out var text))
                            shared[(l, buys!)] = text = $"prospect for {lines[l]}: {buys}; has not asked about it";
                        reasons[l][i] = text;
                    }
                    else reasons[l][i] = $"prospect for {lines[l]}: {buys}; {Asked(interest)}{OrdersBelow(orders, options)}";
                }
                else if (buys is not null)
                    reasons[l][i] = $"not a prospect for {lines[l]}: {buys} but showed no interest in it{(interest > 0 ? $" (asked {Times(interest)}, prospect from {Times(options.ProspectFromInterest)})" : "")}";
                else
                    reasons[l][i] = interest > 0 || orders > 0
                        ? $"not a prospect for {lines[l]}: {Asked(interest)} (prospect from {Times(options.ProspectFromInterest)}){OrdersBelow(orders, options)}"
                        : none[l];
            }
        }

        var notes = new List<string>();
        if (lines.Count == 0) notes.Add("the data has no product lines: no per line classes");
        if (columns.UnknownProducts.Count > 0)
        {
            var orders = columns.UnknownProducts.Sum(p => p.Orders);
            var named = string.Join(", ", columns.UnknownProducts.Take(5).Select(p => $"{p.ProductId} ({ValueText.Count(p.Orders, "order", "orders")})"));
            notes.Add($"{ValueText.Count(orders, "order names a product id", "orders name product ids")} the products table lacks: {named}{(columns.UnknownProducts.Count > 5 ? ", ..." : "")}; their line is unknown unless the order gives one (import those products, or fix the ids)");
        }
        return new ProductLineResult(n, lines, classes, reasons, columns.LineInterest) { Notes = notes };
    }

    private static string Asked(int interest) => interest == 0 ? "has not asked about it" : $"asked about it {Times(interest)}";

    /// <summary>"once", "twice", "3 times".</summary>
    private static string Times(int count) => count switch
    {
        1 => "once",
        2 => "twice",
        _ => $"{ValueText.Count(count, "time", "times")}",
    };

    private static string OrdersBelow(int orders, ProductLinesOptions options) =>
        orders > 0 ? $"; {ValueText.Count(orders, "order", "orders")} of it, a customer from {ValueText.Count(options.CustomerFromOrders, "order", "orders")}" : "";
}
