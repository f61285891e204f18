using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clientele.Storage;

/// <summary>
/// The note <c>clientele serve</c> leaves beside the workspace it holds (<c>&lt;workspace&gt;.serving</c>, readable by its
/// owner only, removed when the server stops) so that another process, finding the workspace held, can reach it: the
/// server's address and process id, and a random token made for this run of the server. The token lets a <c>clientele</c>
/// read command of the same user on this machine have the server run it (see <c>docs/dashboard.md</c>); it opens nothing
/// else, and it dies with the server.
/// </summary>
/// <param name="Urls">Where the server listens.</param>
/// <param name="ProcessId">The serving process.</param>
/// <param name="LocalToken">The token a local <c>clientele</c> command presents to the server; null in a note of an older server.</param>
public sealed record ServingRecord(IReadOnlyList<string> Urls, int ProcessId, string? LocalToken = null)
{
    /// <summary>The note's path for a workspace.</summary>
    public static string PathFor(string workspacePath) => System.IO.Path.GetFullPath(workspacePath) + ".serving";

    /// <summary>A new random token (256 bits, hexadecimal).</summary>
    public static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Writes the note (mode 0600 where the system has modes; a note left by a killed server is replaced, never reused).</summary>
    public void Write(string workspacePath)
    {
        var path = PathFor(workspacePath);
        // The mode applies only to a file being created: a leftover with wider rights must not receive the token.
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
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

    /// <summary>
    /// The server's address as this machine reaches it: its first plain-HTTP address (else its first), with a wildcard host
    /// (0.0.0.0, [::], + or *) read as loopback.
    /// </summary>
    [JsonIgnore]
    public string LocalUrl
    {
        get
        {
            var url = Urls.FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? (Urls.Count > 0 ? Urls[0] : "http://127.0.0.1");
            return url.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://[::1]", StringComparison.Ordinal)
                .Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        }
    }

    /// <summary>How to stop the server, for a command that must run without it.</summary>
    [JsonIgnore]
    public string HowToStop => $"stop the server (Ctrl+C where it runs, or kill {ProcessId}) and run this command again";

    /// <summary>What a command that cannot open the workspace because this server holds it should do instead.</summary>
    public string Advice()
    {
        var url = LocalUrl;
        return $"`clientele serve` (process {ProcessId}) holds it and serves it at {string.Join(", ", Urls)}. " +
            $"Read it there: the dashboard, or the REST API with an API key (e.g. GET {url}/api/customers; docs/api.md). " +
            $"To change it, use the dashboard's Data page (import, undo an import, analyze) or the API (POST {url}/api/imports, " +
            $"POST {url}/api/analyses, POST {url}/api/imports/N/undo, DELETE {url}/api/customers/ID, PUT {url}/api/customers/ID/overrides/DIMENSION); " +
            $"or {HowToStop}.";
    }
}
