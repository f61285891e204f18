using Clientele.Storage.Import;

namespace Clientele.Storage.Tests.Import;

/// <summary>Product ids that the products table lacks are counted and named by the import that stores them, and by a later products import.</summary>
public sealed class ProductReferencesTests : IDisposable
{
    private readonly TempWorkspace _temp = new();

    private ImportResult Import(string table, string csv, ImportOptions? options = null) =>
        new Importer(_temp.Workspace!).Import(table, _temp.File(table + Guid.NewGuid().ToString("N") + ".csv", csv), options ?? new ImportOptions(),
            cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public void Orders_naming_products_the_catalogue_lacks_are_counted_and_named_most_frequent_first()
    {
        Import("products", "product_id,product_line\nGTX Pro,GTX\nMG Special,MG\n");
        var result = Import("orders", """
            customer_id,ordered_at,amount,product_id
            A,2024-01-01,10,GTXPro
            B,2024-01-02,10,GTXPro
            C,2024-01-03,10,MG Special
            D,2024-01-04,10,Bogus
            E,2024-01-05,10,
            """ + "\n");
        Assert.Equal(
            ["3 orders name product ids the products table lacks: GTXPro (2), Bogus (1). Their product line is unknown unless the file gives one; import products with those ids, or fix the ids."],
            result.Notes);
    }

    [Fact]
    public void Only_the_rows_the_import_added_are_checked_and_a_complete_catalogue_says_nothing()
    {
        Import("products", "product_id,product_line\nP1,filters\n");
        Assert.Empty(Import("orders", "customer_id,ordered_at,amount,product_id\nA,2024-01-01,10,P1\n").Notes);
        Assert.Single(Import("orders", "customer_id,ordered_at,amount,product_id\nA,2024-01-02,10,P9\n").Notes);
        Assert.Empty(Import("orders", "customer_id,ordered_at,amount,product_id\nA,2024-01-03,10,P1\n").Notes);
    }

    [Fact]
    public void Beyond_five_ids_the_rest_are_counted()
    {
        Import("products", "product_id\nP0\n");
        var rows = string.Concat(Enumerable.Range(1, 7).Select(i => $"A,2024-01-0{i},1,P{i}\n"));
        var note = Assert.Single(Import("orders", "customer_id,ordered_at,amount,product_id\n" + rows).Notes);
        Assert.StartsWith("7 orders name product ids the products table lacks: P1 (1), P2 (1), P3 (1), P4 (1), P5 (1) and 2 more.", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_catalogue_orders_with_a_product_but_no_line_are_pointed_to_a_products_import()
    {
        var result = Import("orders", "customer_id,ordered_at,amount,product_id,product_line\nA,2024-01-01,10,P1,\nA,2024-01-02,10,P2,filters\n");
        Assert.Equal(["1 order names a product id but no product line, and the products table is empty: import products (product_id, product_line) to give them their lines."],
            result.Notes);
    }

    [Fact]
    public void Interactions_naming_unknown_products_are_counted_too()
    {
        Import("products", "product_id,product_line\nP1,filters\n");
        var result = Import("interactions", "customer_id,occurred_at,kind,product_id\nA,2024-01-01,opportunity,P1\nB,2024-01-01,opportunity,GTXPro\n");
        Assert.Equal(["1 interaction names a product id the products table lacks: GTXPro (1). Their product line is unknown unless the file gives one; import products with those ids, or fix the ids."],
            result.Notes);
    }

    [Fact]
    public void A_products_import_after_the_orders_says_which_ids_stored_rows_still_lack()
    {
        Import("orders", "customer_id,ordered_at,amount,product_id\nA,2024-01-01,10,P1\nA,2024-01-02,10,GTXPro\nB,2024-01-02,10,GTXPro\n");
        Import("interactions", "customer_id,occurred_at,kind,product_id\nA,2024-01-01,opportunity,P1\n");
        var result = Import("products", "product_id,product_line\nP1,filters\n");
        Assert.Equal(["2 stored orders name product ids the products table still lacks: GTXPro (2). Their product line is unknown unless the order gives one; import products with those ids, or fix the ids."],
            result.Notes);
        Assert.Empty(Import("products", "product_id,product_line\nGTXPro,GTX\n").Notes);
    }

    public void Dispose() => _temp.Dispose();
}
