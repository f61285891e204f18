using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clientele.Storage.Access;

namespace Clientele.Web.Tests.Api;

/// <summary>
/// The OpenAPI document the server serves is the one checked in as docs/openapi.json. After changing the API, run
/// `CLIENTELE_UPDATE_OPENAPI=1 dotnet test --project tests/Clientele.Web.Tests --filter-class "*OpenApiDocumentTests*"`
/// to write the new document, and commit it with the change.
/// </summary>
public sealed class OpenApiDocumentTests : IClassFixture<OpenApiDocumentTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ClienteleFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ClienteleFactory _factory;

    public OpenApiDocumentTests(Server server) => _factory = server.Factory;

    [Fact]
    public async Task The_served_document_is_the_one_checked_in()
    {
        var served = await Served();
        var path = Path.Combine(RepositoryRoot(), "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable("CLIENTELE_UPDATE_OPENAPI") == "1")
            await File.WriteAllTextAsync(path, served, TestContext.Current.CancellationToken);
        Assert.True(File.Exists(path), $"{path} is missing: run this test with CLIENTELE_UPDATE_OPENAPI=1 to write it.");
        var checkedIn = (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).ReplaceLineEndings("\n");
        Assert.True(checkedIn == served,
            "docs/openapi.json differs from the document the server serves: run this test with CLIENTELE_UPDATE_OPENAPI=1 and commit the file.");
    }

    [Fact]
    public async Task Every_operation_has_a_summary_a_tag_and_an_error_answer()
    {
        var document = JsonNode.Parse(await Served())!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!)))
            .Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(operations);
        foreach (var (path, method, operation) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{method} {path} has no summary");
            Assert.NotNull(operation["tags"]);
            Assert.True(operation["responses"]!.AsObject().ContainsKey("401"), $"{method} {path} does not document 401");
        }
    }

    [Fact]
    public async Task The_document_needs_sign_in_like_everything_but_the_health_check()
    {
        var response = await _factory.Anonymous().GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<string> Served()
    {
        var text = await _factory.ClientWithKey(Role.Viewer).GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        return JsonNode.Parse(text)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Clientele.slnx"))) return directory.FullName;
        throw new InvalidOperationException("cannot find the repository (Clientele.slnx) above " + AppContext.BaseDirectory);
    }
}
