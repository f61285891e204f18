using Clientele.Classification;
using Clientele.Storage.Concerns;
using Clientele.Storage.Tests.Analysis;

namespace Clientele.Storage.Tests.Concerns;

/// <summary>The concerns of the demo company (5,000 parties, seed 42) against what the simulator planted.</summary>
public sealed class ConcernQueryTests(SimulatedCompany company) : IClassFixture<SimulatedCompany>
{
    /// <summary>The first concern the simulator plants in each segment (Simulation/Internal/Markets.cs), by structure map path.</summary>
    private static readonly Dictionary<string, string> Planted = new(StringComparer.Ordinal)
    {
        ["organizations/healthcare/hospitals"] = "hygiene-compliance",
        ["organizations/healthcare/clinics"] = "hygiene-compliance",
        ["organizations/healthcare/laboratories"] = "water-purity",
        ["organizations/healthcare/pharmacies"] = "shelf-availability",
        ["organizations/hospitality/hotels"] = "guest-experience",
        ["organizations/hospitality/restaurants"] = "water-taste",
        ["organizations/hospitality/catering"] = "uptime",
        ["organizations/education/schools"] = "safety",
        ["organizations/education/universities"] = "sustainability",
        ["organizations/retail/grocery"] = "shelf-availability",
        ["organizations/retail/electronics"] = "shelf-availability",
        ["organizations/retail/home-improvement"] = "shelf-availability",
        ["organizations/retail/department-stores"] = "shelf-availability",
        ["organizations/manufacturing/food-processing"] = "water-purity",
        ["organizations/manufacturing/beverages"] = "water-purity",
        ["organizations/manufacturing/pharmaceuticals"] = "documentation",
        ["organizations/services/it-services"] = "design",
        ["organizations/services/banking"] = "design",
        ["organizations/services/consulting"] = "design",
        ["organizations/public/municipalities"] = "safety",
        ["organizations/public/utilities"] = "water-purity",
        ["persons/families"] = "water-taste",
        ["persons/professionals"] = "design",
        ["persons/retirees"] = "ease-of-use",
        ["persons/students"] = "convenience",
        ["persons/traders"] = "shelf-availability",
    };

    [Fact]
    public void The_planted_top_concern_of_every_segment_is_among_its_top_three_needs()
    {
        var report = ConcernQuery.Of(company.Temp.Workspace!, top: 3);
        var recovered = 0;
        var missed = new List<string>();
        foreach (var (segment, concern) in Planted)
        {
            var group = Assert.Single(report.Groups, g => g.Class == segment);
            var needs = group.Concerns.Where(c => !c.General).Select(c => c.Concern).ToList();
            if (needs.Contains(concern)) recovered++;
            else missed.Add($"{segment}: {concern} not in {string.Join(", ", needs)}");
        }
        // docs/classification.md, "Concerns": 26 of 26 segments.
        Assert.True(recovered == Planted.Count, string.Join("; ", missed));
    }

    [Fact]
    public void Price_and_quality_are_ranked_apart_from_the_needs_and_lift_is_share_over_the_base_share()
    {
        var report = ConcernQuery.Of(company.Temp.Workspace!);
        Assert.Equal(5_000, report.Base.Customers);
        var price = Assert.Single(report.Base.Concerns, c => c.Concern == "price");
        Assert.True(price.General);
        foreach (var group in report.Groups)
        {
            var kinds = group.Concerns.Select(c => c.General).ToList();
            Assert.Equal(kinds.OrderBy(g => g), kinds);
            foreach (var figure in group.Concerns)
            {
                var reference = report.Base.Concerns.FirstOrDefault(c => c.Concern == figure.Concern);
                if (reference is not null) Assert.Equal(figure.Share / reference.Share, figure.Lift!.Value, 9);
                Assert.Equal((double)figure.Customers / group.Customers, figure.Share, 12);
            }
        }
    }

    [Fact]
    public void Lost_customers_show_their_concerns_next_to_active_ones_by_churn_status()
    {
        var report = ConcernQuery.Of(company.Temp.Workspace!, dimension: "churn-status");
        Assert.Equal(Dimensions.ChurnStatus, report.Dimension);
        Assert.Contains(report.Groups, g => g.Class == "active" && g.Concerns.Count > 0);
        var lost = Assert.Single(report.Groups, g => g.Class == "lost");
        Assert.NotEmpty(lost.Concerns);
        Assert.Equal(report.Groups.Where(g => g.Class is not null).Select(g => g.Class), report.Groups.Where(g => g.Class is not null).Select(g => g.Class)
            .OrderBy(c => DimensionClasses.Closed[Dimensions.ChurnStatus].ToList().IndexOf(c!)));
    }

    [Fact]
    public void A_segment_path_keeps_everything_under_it_as_one_group()
    {
        var report = ConcernQuery.Of(company.Temp.Workspace!, segment: "Organizations/Healthcare/");
        var group = Assert.Single(report.Groups);
        var all = ConcernQuery.Of(company.Temp.Workspace!);
        Assert.Equal(all.Groups.Where(g => g.Class!.StartsWith("organizations/healthcare/", StringComparison.Ordinal)).Sum(g => g.Customers), group.Customers);
    }

    [Theory]
    [InlineData("colour", null, null, 5, "unknown dimension 'colour'")]
    [InlineData(null, null, "nowhere/at-all", 5, "is in segment 'nowhere/at-all'")]
    [InlineData("ladder", null, "persons", 5, "not both")]
    [InlineData("ladder", "champion", null, 5, "unknown class 'champion' of ladder")]
    [InlineData(null, null, null, 0, "top must be 1 or more")]
    public void Bad_input_is_a_workspace_error_that_says_what_is_wrong(string? dimension, string? @class, string? segment, int top, string message)
    {
        var error = Assert.Throws<WorkspaceException>(() => ConcernQuery.Of(company.Temp.Workspace!, dimension, @class, segment, top));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
