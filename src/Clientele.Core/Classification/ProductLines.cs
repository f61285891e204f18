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
    /// <summary>A customer of a line.</summary>
    public const string Customer = "customer";

    /// <summary>A prospect for a line.</summary>
    public const string Prospect = "prospect";

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
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var n = columns.Count;
        var lines = columns.ProductLines;
        var classes = new string?[lines.Count][];
        for (var l = 0; l < lines.Count; l++) classes[l] = new string?[n];
        var count = customers?.Count ?? n;
        for (var k = 0; k < count; k++)
        {
            var i = customers?[k] ?? k;
            var buys = columns.HasBought(i);
            for (var l = 0; l < lines.Count && !buys; l++) buys = columns.LineOrders[l][i] >= options.CustomerFromOrders;
            for (var l = 0; l < lines.Count; l++)
            {
                if (columns.LineOrders[l][i] >= options.CustomerFromOrders) classes[l][i] = Customer;
                else if (columns.LineInterest[l][i] >= options.ProspectFromInterest || (buys && options.CustomersOfOtherLinesAreProspects)) classes[l][i] = Prospect;
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
        return new ProductLineResult(columns, options, classes, customers) { Notes = notes };
    }

    /// <summary>
    /// The reason of a customer's class for one line, from the figures a snapshot stores with it (its orders of and interactions
    /// about the line), the lines it is a customer of and whether it has bought at all. The class follows from the same figures.
    /// </summary>
    /// <param name="line">The product line.</param>
    /// <param name="orders">The customer's completed orders of the line.</param>
    /// <param name="interest">The customer's interactions about the line (inquiry, quote, trial, ...).</param>
    /// <param name="bought">The lines the customer is a customer of, in the order of the lines.</param>
    /// <param name="hasBought">Whether the customer has bought from us at all (with or without a recorded line).</param>
    /// <param name="options">The options the classes were applied with.</param>
    public static string Reason(string line, int orders, int interest, IReadOnlyList<string> bought, bool hasBought, ProductLinesOptions options)
    {
        ArgumentNullException.ThrowIfNull(bought);
        ArgumentNullException.ThrowIfNull(options);
        if (orders >= options.CustomerFromOrders) return $"customer of {line}: {ValueText.Count(orders, "order", "orders")}";
        var buys = bought.Count > 0 ? "buys " + string.Join(", ", bought) : hasBought ? "buys from us (no line recorded)" : null;
        if (interest >= options.ProspectFromInterest)
            return $"prospect for {line}: {buys ?? "has not bought from us"}; asked about it {Times(interest)}{OrdersBelow(orders, options)}";
        if (buys is not null && options.CustomersOfOtherLinesAreProspects)
        {
            return orders == 0 && interest == 0
                ? $"prospect for {line}: {buys}; has not asked about it"
                : $"prospect for {line}: {buys}; {Asked(interest)}{OrdersBelow(orders, options)}";
        }
        if (buys is not null)
            return $"not a prospect for {line}: {buys} but showed no interest in it{(interest > 0 ? $" (asked {Times(interest)}, prospect from {Times(options.ProspectFromInterest)})" : "")}";
        return interest > 0 || orders > 0
            ? $"not a prospect for {line}: {Asked(interest)} (prospect from {Times(options.ProspectFromInterest)}){OrdersBelow(orders, options)}"
            : $"not a prospect for {line}: has bought nothing and showed no interest in it";
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
