using Clientele.Classification;
using Clientele.Customers;
using Clientele.Storage.Import;
using Clientele.Storage.Summary;

namespace Clientele.Storage.Tests.Summary;

/// <summary>
/// The customer columns of the public data sets imported as docs/importing.md's worked examples do it: the Maven CRM
/// (lines through products, the misspelt GTXPro) and the UCI wholesale clients (a wide spend table), and their analyses
/// read as an analyst must be able to sign (issue 10). Skipped, saying so, when ../shared/data is absent.
/// </summary>
public sealed class RealDataColumnsTests : IDisposable
{
    private readonly TempWorkspace _temp = new();

    private void Import(string table, string path, ImportOptions options) =>
        new Importer(_temp.Workspace!).Import(table, path, options, cancellationToken: TestContext.Current.CancellationToken);

    private static Dictionary<string, string> Pairs(params string[] pairs) => ImportOptionText.Pairs("--map", pairs);

    private CustomerColumns Columns(DateOnly asOf) =>
        CustomerColumnsQuery.Run(_temp.Workspace!, CustomerSummaryQuery.Run(_temp.Workspace!, asOf, TimeUnit.Day));

    private static int Orders(CustomerColumns c, string line, int i) => c.LineOrders[c.ProductLines.ToList().IndexOf(line)][i];

    private static int Interest(CustomerColumns c, string line, int i) => c.LineInterest[c.ProductLines.ToList().IndexOf(line)][i];

    [Fact]
    public void Maven_orders_and_open_deals_take_their_lines_from_the_products_and_GTXPro_is_named_as_unknown()
    {
        ImportMaven();
        var c = Columns(new DateOnly(2017, 12, 31));
        Assert.Equal(["GTK", "GTX", "MG"], c.ProductLines);
        var acme = Array.IndexOf(c.CustomerId, "Acme Corporation");
        // 34 won deals: 18 GTX, 9 MG, and 7 of "GTXPro", which products.csv spells "GTX Pro".
        Assert.Equal((18, 9, 0), (Orders(c, "GTX", acme), Orders(c, "MG", acme), Orders(c, "GTK", acme)));
        Assert.Equal(34, c.Summary.Orders[acme]);
        Assert.Equal((4, 5), (Interest(c, "GTX", acme), Interest(c, "MG", acme)));
        Assert.Equal([("GTXPro", 729)], c.UnknownProducts);
        var sizes = c.SizeAttribute.Where(a => a is not null).Distinct().ToList();
        Assert.Equal(["employees"], sizes);
        Assert.Equal(85, c.Size.Count(s => s > 0));
    }

    [Fact]
    public void The_Maven_analysis_makes_accounts_customers_of_the_lines_they_buy_and_tells_no_top_account_to_abandon()
    {
        ImportMaven();
        var asOf = new DateOnly(2017, 12, 31);
        var run = global::Clientele.Storage.Analysis.AnalysisRunner.Run(_temp.Workspace!, new global::Clientele.Storage.Analysis.AnalysisRequest { AsOf = asOf }, cancellationToken: TestContext.Current.CancellationToken);
        var r = run.Result;
        var acme = Array.IndexOf(r.Columns.CustomerId, "Acme Corporation");
        string? Line(string line) => r.ProductLines.Class[r.ProductLines.Lines.ToList().IndexOf(line)][acme];
        Assert.Equal(("customer", "customer", "prospect"), (Line("GTX"), Line("MG"), Line("GTK")));
        var strategy = r.Dimension(Dimensions.Strategy).Class;
        var valueClass = r.Dimension(Dimensions.ValueClass).Class;
        var tier = r.Dimension(Dimensions.ValueTier).Class;
        for (var i = 0; i < r.Columns.Count; i++)
            if (tier[i] == "VIP" || valueClass[i] == "MVC") Assert.NotEqual("acquire-or-abandon", strategy[i]);
        // Wallets are estimated from accounts of the same sector (and employee band), so most shares are known to be estimates.
        Assert.True(r.Strategy.ShareEstimated.Count(e => e) >= 70, $"{r.Strategy.ShareEstimated.Count(e => e)} estimated shares");
        Assert.Contains(r.Notes, n => n.Contains("GTXPro (729 orders)", StringComparison.Ordinal));
        var (count, violations) = Analysis.StoredReasons.Check(_temp.Workspace!, asOf);
        Assert.True(count > 1_000 && violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void The_UCI_analysis_classifies_value_and_lines_and_says_there_is_no_repeat_history_for_churn()
    {
        ImportUci();
        var asOf = new DateOnly(2011, 12, 31);
        var options = new ClassificationOptions { StructureMap = new StructureMapOptions { OrganizationLevels = ["industry", "region"] } };
        var run = global::Clientele.Storage.Analysis.AnalysisRunner.Run(_temp.Workspace!, new global::Clientele.Storage.Analysis.AnalysisRequest { AsOf = asOf, Options = options }, cancellationToken: TestContext.Current.CancellationToken);
        var r = run.Result;
        Assert.All(r.Dimension(Dimensions.ChurnStatus).Class, c => Assert.Null(c));
        Assert.All(r.Reasons(Dimensions.ChurnStatus), reason => Assert.StartsWith("n/a: no repeat history to model churn", reason));
        var valueClass = r.Dimension(Dimensions.ValueClass).Class;
        Assert.Equal(88, valueClass.Count(c => c == "MVC"));
        Assert.DoesNotContain("MGC", valueClass);
        Assert.Contains(r.Notes, n => n.StartsWith("no MGC: no customer is active by the churn status", StringComparison.Ordinal));
        Assert.Equal(440, r.Dimension(Dimensions.ValueTier).Class.Count(c => c is not null));
        // Every client's wallet is estimated from clients of the same channel and region: no share is unknown, none is guessed low.
        Assert.Equal(440, r.Strategy.ShareEstimated.Count(e => e));
        Assert.DoesNotContain(StrategyMatrix.ShareUnknown, r.Dimension(Dimensions.Strategy).Class);
        // Without a model the volume is the year's spend, not the rules' nil prediction for one-time buyers: the matrix has
        // both volumes, and every MVC is kept or developed.
        var strategy = r.Dimension(Dimensions.Strategy).Class;
        Assert.Contains("keep", strategy);
        Assert.Contains("acquire-or-abandon", strategy);
        Assert.All(Enumerable.Range(0, strategy.Length).Where(i => valueClass[i] == "MVC"), i => Assert.Contains(strategy[i], (string[])["keep", "develop"]));
        // The class is shown qualified wherever a customer is read: the share behind it is an estimate.
        var profile = global::Clientele.Storage.Snapshots.SnapshotQuery.Profile(_temp.Workspace!, "W2", asOf);
        var shown = profile.Classes.Single(c => c.Dimension == Dimensions.Strategy);
        Assert.Equal($"{shown.Class} (estimated share)", shown.Label);
        var segments = r.Dimension(Dimensions.Segment).Class.Distinct().Order().ToList();
        Assert.Equal(["organizations/horeca/lisbon", "organizations/horeca/oporto", "organizations/horeca/other",
            "organizations/retail/lisbon", "organizations/retail/oporto", "organizations/retail/other"], segments);
        Assert.All(r.ProductLines.Class, line => Assert.All(line, c => Assert.Equal("customer", c)));
        var (count, violations) = Analysis.StoredReasons.Check(_temp.Workspace!, asOf);
        Assert.True(count > 3_000 && violations.Count == 0, string.Join("\n", violations));
    }

    private void ImportMaven()
    {
        var accounts = SharedData.Require("maven-crm-sales-opportunities/accounts.csv");
        var folder = Path.GetDirectoryName(accounts)!;
        Import("customers", accounts, new ImportOptions
        {
            Map = Pairs("customer_id=account", "industry=sector", "parent_id=subsidiary_of", "country=office_location"),
            Defaults = Pairs("kind=organization"),
        });
        Import("products", Path.Combine(folder, "products.csv"), new ImportOptions { Map = Pairs("product_id=product", "product_line=series", "price=sales_price") });
        var pipeline = Path.Combine(folder, "sales_pipeline.csv");
        Import("orders", pipeline, new ImportOptions
        {
            Where = [RowFilter.Parse("deal_stage=Won")],
            Map = Pairs("order_id=opportunity_id", "customer_id=account", "ordered_at=close_date", "amount=close_value", "product_id=product"),
        });
        Import("interactions", pipeline, new ImportOptions
        {
            Where = [RowFilter.Parse("deal_stage=Prospecting,Engaging")],
            Map = Pairs("interaction_id=opportunity_id", "customer_id=account", "occurred_at=engage_date", "tag=deal_stage", "product_id=product"),
            Defaults = Pairs("kind=opportunity", "occurred_at=2017-12-31"),
            SkipBadRows = true,
            RejectsPath = Path.Combine(_temp.Folder, "open.rejects.csv"),
        });
    }

    [Fact]
    public void Uci_clients_bought_each_line_once_over_the_year_2011()
    {
        string[] lines = ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"];
        ImportUci();
        var c = Columns(new DateOnly(2011, 12, 31));
        Assert.Equal(440, c.Count);
        Assert.Equal((298, 142), (c.Industry.Count(i => i == "Horeca"), c.Industry.Count(i => i == "Retail")));
        Assert.Equal((77, 47, 316), (c.Region.Count(r => r == "Lisbon"), c.Region.Count(r => r == "Oporto"), c.Region.Count(r => r == "Other")));
        Assert.All(c.Channel, channel => Assert.Null(channel));
        Assert.Equal(lines.Order(StringComparer.Ordinal), c.ProductLines.Order(StringComparer.Ordinal));
        Assert.All(c.LineOrders, line => Assert.All(line, orders => Assert.Equal(1, orders)));
        Assert.All(c.KeptPurchaseDays, days => Assert.Equal(1, days));
        Assert.All(c.PeriodStart, start => Assert.Equal(new DateOnly(2011, 1, 1), start));
        var w2 = Array.IndexOf(c.CustomerId, "W2");
        Assert.Equal(12669 + 9656 + 7561 + 214 + 2674 + 1338, c.Summary.Revenue[w2]);
    }

    private void ImportUci()
    {
        var file = SharedData.Require("uci-wholesale-customers/wholesale_customers_data.csv");
        Import("customers", file, new ImportOptions
        {
            GenerateIds = "W",
            Defaults = Pairs("kind=organization"),
            Map = Pairs("industry=Channel"),
            Recode = ImportOptionText.Recodes(["industry=1:Horeca,2:Retail", "region=1:Lisbon,2:Oporto,3:Other"]),
        });
        string[] lines = ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"];
        Import("orders", file, new ImportOptions { GenerateIds = "W", LinesFromColumns = lines, Period = SpendPeriod.Parse("2011") });
    }

    public void Dispose() => _temp.Dispose();
}
