namespace Clientele.Storage.Tests.Contract;

/// <summary>
/// The storage contract on PostgreSQL: each workspace is a database of its own on the test run's server
/// (<see cref="SharedPostgres"/>), dropped when the test ends. Skipped, saying so, when PostgreSQL is not installed.
/// </summary>
public sealed class PostgresStorageTests(SharedPostgres postgres) : StorageContractTests
{
    protected override string NewLocation() => postgres.Server.NewDatabaseUrl();

    protected override void Remove(string location) => postgres.Server.DropDatabase(location);

    [Fact]
    public void A_database_whose_collation_is_a_language_s_still_gives_customers_in_code_point_order()
    {
        var url = Location();
        using (var maintenance = new Npgsql.NpgsqlConnection(postgres.Server.ConnectionString()))
        {
            maintenance.Open();
            using var command = maintenance.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{new Uri(url).AbsolutePath.TrimStart('/')}\" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en' LOCALE 'C'";
            command.ExecuteNonQuery();
        }
        using var workspace = Workspace.Create(url);
        workspace.Execute("INSERT INTO customers (customer_id) VALUES ('b3'), ('A4'), ('a1'), ('B2'), ('_5'), ('é6')");
        // The database itself sorts as English does (punctuation first, then letters whatever their case), not by code point.
        using (var command = workspace.Command("SELECT string_agg(customer_id, ' ' ORDER BY customer_id) FROM customers"))
            Assert.Equal("_5 a1 A4 B2 b3 é6", command.ExecuteScalar());
        var summary = Clientele.Storage.Summary.CustomerSummaryQuery.Run(workspace, new DateOnly(2025, 1, 1));
        Assert.Equal(["A4", "B2", "_5", "a1", "b3", "é6"], summary.CustomerId);
        Assert.Equal(summary.CustomerId.Order(StringComparer.Ordinal), summary.CustomerId);
    }
}
