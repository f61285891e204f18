using Clientele.Storage;

namespace Clientele.Storage.Tests;

/// <summary>A workspace in a fresh temporary folder, deleted with it; files for import are written beside it.</summary>
public sealed class TempWorkspace : IDisposable
{
    public TempWorkspace(bool create = true)
    {
        Folder = Directory.CreateTempSubdirectory("clientele-test-").FullName;
        Path = System.IO.Path.Combine(Folder, "test.duckdb");
        if (create) Workspace = Workspace.Create(Path);
    }

    public string Folder { get; }

    public string Path { get; }

    public Workspace? Workspace { get; private set; }

    public Workspace Open() => Workspace ??= Workspace.Open(Path);

    /// <summary>Writes a file beside the workspace and returns its path.</summary>
    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes raw bytes beside the workspace and returns the path.</summary>
    public string Bytes(string name, byte[] content)
    {
        var path = System.IO.Path.Combine(Folder, name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public void Close()
    {
        Workspace?.Dispose();
        Workspace = null;
    }

    public void Dispose()
    {
        Close();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}
