using System.Diagnostics;
using System.Globalization;
using Clientele.Storage;

namespace Clientele.Web.Api;

/// <summary>
/// An uploaded file on its way into the workspace: copied, as it arrives, into a folder of its own under the system's
/// temporary folder, refused as soon as it passes <see cref="ImportsApi.MaxUploadBytes"/>, and deleted with its folder on
/// dispose, whatever happened (imported, refused, client gone). The folder's name carries the server's process id, so
/// folders left by a server that was killed are found and removed by <see cref="RemoveStale"/> when a server starts.
/// </summary>
public sealed class UploadFile : IDisposable
{
    /// <summary>What every upload folder's name starts with, before the process id.</summary>
    public const string FolderPrefix = "clientele-upload-";

    private UploadFile(string folder, string path) => (Folder, Path) = (folder, path);

    /// <summary>The folder holding the file (and, with skipBadRows, the rejects file).</summary>
    public string Folder { get; }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Copies <paramref name="content"/> into a new upload folder as <paramref name="name"/> (already a safe file name).</summary>
    /// <exception cref="WorkspaceException">The content is larger than <see cref="ImportsApi.MaxUploadBytes"/>; nothing is left behind.</exception>
    public static async Task<UploadFile> SaveAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory($"{FolderPrefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-").FullName;
        var upload = new UploadFile(folder, System.IO.Path.Combine(folder, name));
        try
        {
            await using var target = new FileStream(upload.Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > ImportsApi.MaxUploadBytes)
                    throw new WorkspaceException($"{name} is larger than {ImportsApi.MaxUploadBytes / 1024 / 1024} MB: import it with `clientele import`.");
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            return upload;
        }
        catch
        {
            upload.Dispose();
            throw;
        }
    }

    /// <summary>Removes the upload folders of servers that are no longer running (killed during an upload); returns how many.</summary>
    public static int RemoveStale()
    {
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), FolderPrefix + "*"))
        {
            var rest = System.IO.Path.GetFileName(folder)[FolderPrefix.Length..];
            var dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || Running(pid)) continue;
            try
            {
                Directory.Delete(folder, recursive: true);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another user's folder, or one being removed by someone else: not ours to clean.
            }
        }
        return removed;
    }

    private static bool Running(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Still open elsewhere: RemoveStale takes it at the next start.
        }
    }
}
