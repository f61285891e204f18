namespace Clientele.Storage.Tests;

/// <summary>
/// The public data sets in ../shared/data beside the repository (never copied into it). Tests that
/// need them call <see cref="Require"/>, which skips the test with a clear reason when the folder is absent.
/// </summary>
public static class SharedData
{
    /// <summary>The repository's root folder (the one holding Clientele.slnx), found upward from the test binaries.</summary>
    public static string Repository { get; } = FindRepository();

    /// <summary>The data folder, or null. <c>CLIENTELE_SHARED_DATA</c> overrides the search.</summary>
    public static string? Folder { get; } = Find();

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Clientele.slnx"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (Clientele.slnx) was not found above " + AppContext.BaseDirectory);
    }

    private static string? Find()
    {
        var overridden = Environment.GetEnvironmentVariable("CLIENTELE_SHARED_DATA");
        if (!string.IsNullOrEmpty(overridden)) return Directory.Exists(overridden) ? overridden : null;
        var data = Path.GetFullPath(Path.Combine(Repository, "..", "shared", "data"));
        return Directory.Exists(data) ? data : null;
    }

    /// <summary>The path of a file under the data folder; skips the calling test when the folder or file is absent.</summary>
    public static string Require(string relative)
    {
        if (Folder is null)
            Assert.Skip($"SKIPPED: ../shared/data is absent beside the repository, so {relative} cannot be read (set CLIENTELE_SHARED_DATA to its folder).");
        var path = Path.Combine(Folder!, relative);
        if (!File.Exists(path)) Assert.Skip($"SKIPPED: {path} is absent.");
        return path;
    }
}
