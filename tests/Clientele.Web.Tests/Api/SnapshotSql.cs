using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clientele.Storage;
using Clientele.Web.Hosting;
using DuckDB.NET.Data;

namespace Clientele.Web.Tests.Api;

/// <summary>Independent SQL over the server's workspace, to check what the read endpoints answer; and ProblemDetails checks.</summary>
internal static class SnapshotSql
{
    /// <summary>The rows of a query (values as DuckDB gives them; NULL as null). Parameters: as_of = Latest, earlier = Earlier.</summary>
    public static List<object?[]> Rows(WorkspaceHost host, string sql) => host.Read(w =>
    {
        using var command = w.Connection.CreateCommand();
        command.CommandText = sql;
        if (sql.Contains("$as_of", StringComparison.Ordinal)) command.Parameters.Add(new DuckDBParameter("as_of", DemoCompany.Latest.ToDateTime(TimeOnly.MinValue)));
        if (sql.Contains("$earlier", StringComparison.Ordinal)) command.Parameters.Add(new DuckDBParameter("earlier", DemoCompany.Earlier.ToDateTime(TimeOnly.MinValue)));
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    });

    /// <summary>The first value of the first row.</summary>
    public static object? Scalar(WorkspaceHost host, string sql) => Rows(host, sql)[0][0];

    public static long Long(WorkspaceHost host, string sql) => Convert.ToInt64(Scalar(host, sql), CultureInfo.InvariantCulture);

    public static double Double(WorkspaceHost host, string sql) => Convert.ToDouble(Scalar(host, sql), CultureInfo.InvariantCulture);

    /// <summary>Asserts a ProblemDetails answer with that status whose detail contains <paramref name="detail"/>; returns the detail.</summary>
    public static async Task<string> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var text = problem.GetProperty("detail").GetString()!;
        Assert.Contains(detail, text, StringComparison.Ordinal);
        return text;
    }

    /// <summary>A read against an empty workspace: a 400 saying there is no analysis yet.</summary>
    public static async Task AssertNoAnalysis(string path)
    {
        using var empty = new ClienteleFactory(DemoCompany.Empty());
        var response = await empty.ClientWithKey(Storage.Access.Role.Viewer).GetAsync(path, TestContext.Current.CancellationToken);
        await AssertProblem(response, HttpStatusCode.BadRequest, "no analysis yet");
    }

    /// <summary>A request without credentials: 401.</summary>
    public static async Task AssertUnauthenticated(ClienteleFactory factory, string path)
    {
        var response = await factory.Anonymous().GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
