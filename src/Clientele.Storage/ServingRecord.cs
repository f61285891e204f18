using System.Diagnostics;
using System.Text.Json;

namespace Clientele.Storage;

/// <summary>
/// The note <c>clientele serve</c> leaves beside the workspace it holds (<c>&lt;workspace&gt;.serving</c>, readable by its
/// owner only) so that another process, finding the workspace locked, can say where it is served and how to reach it.
/// It holds no secret: the server's address and process id.
/// </summary>
/// <param name="Urls">Where the server listens.</param>
/// <param name="ProcessId">The serving process.</param>
public sealed record ServingRecord(IReadOnlyList<string> Urls, int ProcessId)
{
    /// <summary>The note's path for a workspace.</summary>
    public static string PathFor(string workspacePath) => System.IO.Path.GetFullPath(workspacePath) + ".serving";

    /// <summary>Writes the note (mode 0600 where the system has modes).</summary>
    public void Write(string workspacePath)
    {
        var path = PathFor(workspacePath);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        JsonSerializer.Serialize(stream, this);
    }

    /// <summary>The note of a server still running, or null (no note, an unreadable one, or its process is gone).</summary>
    public static ServingRecord? Read(string workspacePath)
    {
        try
        {
            var record = JsonSerializer.Deserialize<ServingRecord>(File.ReadAllText(PathFor(workspacePath)));
            if (record is null) return null;
            using var process = Process.GetProcessById(record.ProcessId);
            return process.HasExited ? null : record;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Removes the note (when the server stops).</summary>
    public static void Delete(string workspacePath) => File.Delete(PathFor(workspacePath));

    /// <summary>What a command that cannot open the workspace because this server holds it should do instead.</summary>
    public string Advice()
    {
        var url = Urls.Count > 0 ? Urls[0] : "its address";
        return $"`clientele serve` (process {ProcessId}) holds it and serves it at {string.Join(", ", Urls)}. " +
            $"Read it there: the dashboard, or the REST API with an API key (e.g. GET {url}/api/customers; docs/api.md). " +
            $"To change it, use the dashboard's Data page (import, undo an import, analyze) or the API (POST {url}/api/imports, " +
            $"POST {url}/api/analyses, POST {url}/api/imports/N/undo, DELETE {url}/api/customers/ID, PUT {url}/api/customers/ID/overrides/DIMENSION); " +
            $"or stop the server (Ctrl+C where it runs, or kill {ProcessId}) and run this command again.";
    }
}
