namespace Clientele.Storage.Tests.Contract;

/// <summary>The storage contract on a DuckDB file in a temporary folder.</summary>
public sealed class DuckDbStorageTests : StorageContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clientele-test-").FullName;

    protected override string NewLocation() => Path.Combine(_folder, $"{Guid.NewGuid():N}.duckdb");

    protected override void Remove(string location)
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}
