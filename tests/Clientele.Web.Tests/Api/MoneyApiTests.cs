using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clientele.Storage.Access;
using Clientele.Web.Api;

namespace Clientele.Web.Tests.Api;

/// <summary><c>/api/settings/money</c>, and the <c>currency</c> field of every answer with amounts.</summary>
public sealed class MoneyApiTests : IDisposable
{
    private readonly ClienteleFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_setting_the_answers_name_no_currency()
    {
        var money = await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<MoneyView>("/api/settings/money", Cancel);
        Assert.Equal(new MoneyView(null, "1,234.5", ",", "."), money);
        var overview = await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<JsonElement>("/api/overview", Cancel);
        Assert.Equal(JsonValueKind.Null, overview.GetProperty("currency").ValueKind);
    }

    [Fact]
    public async Task An_admin_names_the_currency_and_every_answer_with_amounts_carries_it()
    {
        var set = await _factory.ClientWithKey(Role.Admin).PutAsJsonAsync("/api/settings/money", new MoneyChange("eur", "1.234,5"), Cancel);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(new MoneyView("EUR", "1.234,5", ".", ","), await set.Content.ReadFromJsonAsync<MoneyView>(Cancel));

        var viewer = _factory.ClientWithKey(Role.Viewer);
        var profileOf = (await viewer.GetFromJsonAsync<JsonElement>("/api/customers?pageSize=1", Cancel)).GetProperty("rows")[0].GetProperty("id").GetString();
        foreach (var path in new[]
                 {
                     "/api/overview", "/api/segments/ladder", "/api/customers", $"/api/customers/{profileOf}", "/api/churn", "/api/structure",
                     "/api/value", "/api/referrals", "/api/buying-centers",
                 })
        {
            var answer = await viewer.GetFromJsonAsync<JsonElement>(path, Cancel);
            Assert.True(answer.TryGetProperty("currency", out var currency), $"{path} has no currency field");
            Assert.Equal("EUR", currency.GetString());
        }
    }

    [Theory]
    [InlineData("{\"currency\":\"EURO\"}", "\"EURO\" is not an ISO 4217 currency code")]
    [InlineData("{\"currency\":\"USD\",\"numberFormat\":\"1.234.5\"}", "\"1.234.5\" is not a number format")]
    public async Task A_bad_code_or_number_format_is_a_400_that_says_what_is_allowed(string body, string expected)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await _factory.ClientWithKey(Role.Admin).PutAsync("/api/settings/money", content, Cancel);
        await SnapshotSql.AssertProblem(response, HttpStatusCode.BadRequest, expected);
        Assert.Null((await _factory.ClientWithKey(Role.Viewer).GetFromJsonAsync<MoneyView>("/api/settings/money", Cancel))!.Currency);
    }

    [Fact]
    public async Task An_analyst_cannot_change_the_currency()
    {
        var response = await _factory.ClientWithKey(Role.Analyst).PutAsJsonAsync("/api/settings/money", new MoneyChange("USD", null), Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
