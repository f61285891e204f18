using Clientele.Storage.Postgres;
using Npgsql;

namespace Clientele.Storage.Tests.Postgres;

/// <summary>Reading a PostgreSQL workspace's URL (no server needed).</summary>
public sealed class PostgresUrlTests
{
    [Theory]
    [InlineData("postgres://ana@db.example:5433/sales", true)]
    [InlineData("POSTGRESQL://ana@db.example/sales", true)]
    [InlineData("postgres:sales", false)]
    [InlineData("./postgres/sales.duckdb", false)]
    [InlineData("clientele.duckdb", false)]
    [InlineData(null, false)]
    public void A_location_is_a_URL_only_with_the_postgres_or_postgresql_scheme(string? location, bool isUrl) =>
        Assert.Equal(isUrl, PostgresUrl.IsUrl(location));

    [Fact]
    public void User_password_host_port_database_and_options_reach_the_connection_string_and_the_display_hides_the_password()
    {
        var url = PostgresUrl.Parse("postgresql://ana%40sales:s%3Acret@db.example:5433/clientele%20eu?sslmode=require&timeout=30");
        var built = new NpgsqlConnectionStringBuilder(url.ConnectionString);
        Assert.Equal(("ana@sales", "s:cret", "db.example", 5433, "clientele eu"), (built.Username, built.Password, built.Host, built.Port, built.Database));
        Assert.Equal((SslMode.Require, 30), (built.SslMode, built.Timeout));
        Assert.Equal("postgres://ana%40sales@db.example:5433/clientele%20eu", url.Display);
        Assert.DoesNotContain("cret", url.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void The_port_defaults_to_5432_and_the_user_to_the_client_default()
    {
        var url = PostgresUrl.Parse("postgres://localhost/sales");
        var built = new NpgsqlConnectionStringBuilder(url.ConnectionString);
        Assert.Equal((5432, null), (built.Port, built.Username));
        Assert.Equal("postgres://localhost:5432/sales", url.Display);
    }

    [Fact]
    public void Statements_have_no_time_limit_unless_the_URL_sets_one()
    {
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(PostgresUrl.Parse("postgres://localhost/sales").ConnectionString).CommandTimeout);
        Assert.Equal(90, new NpgsqlConnectionStringBuilder(PostgresUrl.Parse("postgres://localhost/sales?commandtimeout=90").ConnectionString).CommandTimeout);
    }

    [Theory]
    [InlineData("postgres://ana@db.example:5433", "names no database")]
    [InlineData("postgres://ana@db.example:5433/", "names no database")]
    [InlineData("postgres:///sales", "is not a PostgreSQL URL")]
    [InlineData("postgres://ana:secret@db.example/sales?colour=blue", "the option colour=blue is not one Npgsql knows")]
    public void A_URL_without_host_or_database_or_with_an_unknown_option_is_refused_without_its_password(string location, string expected)
    {
        var refused = Assert.Throws<WorkspaceException>(() => PostgresUrl.Parse(location));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolving_the_workspace_keeps_a_URL_as_given_and_makes_a_path_full()
    {
        Assert.Equal("postgres://ana@db/sales", Workspace.ResolvePath(null, " postgres://ana@db/sales ", "/home/ana"));
        Assert.Equal("postgresql://ana@db/sales", Workspace.ResolvePath("postgresql://ana@db/sales", "other.duckdb", "/home/ana"));
        Assert.Equal("/home/ana/clientele.duckdb", Workspace.ResolvePath(null, null, "/home/ana"));
    }
}
