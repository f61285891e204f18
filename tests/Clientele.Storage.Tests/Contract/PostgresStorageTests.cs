namespace Clientele.Storage.Tests.Contract;

/// <summary>
/// The storage contract on PostgreSQL: each workspace is a database of its own on the test run's server
/// (<see cref="SharedPostgres"/>), dropped when the test ends. Skipped, saying so, when PostgreSQL is not installed.
/// </summary>
public sealed class PostgresStorageTests(SharedPostgres postgres) : StorageContractTests
{
    protected override string NewLocation() => postgres.Server.NewDatabaseUrl();

    protected override void Remove(string location) => postgres.Server.DropDatabase(location);
}
