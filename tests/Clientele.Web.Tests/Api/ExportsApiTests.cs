using System.Net;
using System.Net.Http.Json;
using Clientele.Storage.Access;
using Clientele.Web.Api;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace Clientele.Web.Tests.Api;

public sealed class ExportsApiTests(ExportsApiTests.Server server) : IClassFixture<ExportsApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly HttpClient _viewer = server.Factory.ClientWithKey(Role.Viewer);

    /// <summary>The ids of every page of GET /api/customers with the same query, in order.</summary>
    private async Task<List<string>> Listed(string query)
    {
        var ids = new List<string>();
        for (var page = 1; ; page++)
        {
            var answer = await _viewer.GetFromJsonAsync<CustomerPage>($"/api/customers?{query}&page={page}&pageSize=500", ClienteleFactory.Json, TestContext.Current.CancellationToken);
            ids.AddRange(answer!.Rows.Select(r => r.Id));
            if (ids.Count >= answer.Total) return ids;
        }
    }

    /// <summary>Downloads the file and reads its customer ids, in file order, with DuckDB (an independent reader of both formats).</summary>
    private async Task<(List<string> Ids, string? FileName, string? MediaType)> Downloaded(string query, string extension)
    {
        var response = await _viewer.GetAsync($"/api/exports/customers?{query}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = Path.Combine(Path.GetDirectoryName(server.Factory.WorkspacePath)!, $"download-{Guid.NewGuid():N}{extension}");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = extension == ".csv"
            ? $"SELECT customer_id FROM read_csv('{file}', header = true, all_varchar = true)"
            : $"SELECT customer_id FROM read_parquet('{file}')";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return (ids, response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("where=churn_status=at-risk")]
    [InlineData("where=ladder=customer,supporter&where=value_tier=large&sort=clv%20asc")]
    [InlineData("search=00001")]
    public async Task The_csv_holds_exactly_the_customers_the_listing_gives_in_its_order(string query)
    {
        var expected = await Listed(query);
        Assert.NotEmpty(expected);
        var (ids, fileName, mediaType) = await Downloaded(query, ".csv");
        Assert.Equal(expected, ids);
        Assert.Equal($"customers-{DemoCompany.Latest:yyyy-MM-dd}.csv", fileName);
        Assert.Equal("text/csv", mediaType);
    }

    [Fact]
    public async Task The_parquet_file_holds_the_same_customers_as_the_listing()
    {
        const string query = "where=value_class=MVC,MGC";
        var expected = await Listed(query);
        var (ids, fileName, _) = await Downloaded(query + "&format=parquet", ".parquet");
        Assert.Equal(expected, ids);
        Assert.EndsWith(".parquet", fileName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".csv")]
    [InlineData(".parquet")]
    public async Task The_moved_down_download_holds_exactly_who_moved_down_most_valuable_first(string extension)
    {
        var movement = await _viewer.GetFromJsonAsync<TransitionsReport>("/api/transitions?dimension=ladder&limit=1000", ClienteleFactory.Json, TestContext.Current.CancellationToken);
        Assert.True(movement!.MovedDownCount is > 0 and <= 1000, $"{movement.MovedDownCount} moved down");
        var from = movement.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = movement.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (ids, _, _) = await Downloaded($"movedDown=ladder&from={from}&asOf={to}&format={extension[1..]}", extension);
        Assert.Equal(movement.MovedDown.Select(m => m.CustomerId), ids);
    }

    [Theory]
    [InlineData("format=xlsx", "format 'xlsx' is not one Clientele writes; ask for csv or parquet.")]
    [InlineData("where=ladder=royalty", "royalty")]
    [InlineData("movedDown=ladder", "movedDown and from go together")]
    [InlineData("movedDown=segment&from=2025-06-30", "segment has no order of its classes")]
    public async Task A_bad_format_or_filter_is_a_400_saying_what_is_expected(string query, string expected)
    {
        var response = await _viewer.GetAsync($"/api/exports/customers?{query}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(TestContext.Current.CancellationToken);
        Assert.Contains(expected, problem!.Detail, StringComparison.Ordinal);
    }
}
