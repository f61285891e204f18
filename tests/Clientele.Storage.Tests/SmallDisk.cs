using System.Diagnostics;

namespace Clientele.Storage.Tests;

/// <summary>
/// A small tmpfs mounted in a fresh temporary folder, to be filled to its last byte (<see cref="Fill"/>): a full disk, for
/// real. Mounting needs root and the right to mount; without them the calling test is skipped, and says so. Unmounted and
/// removed with the object.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private readonly string _folder;

    public SmallDisk(int megabytes)
    {
        _folder = Directory.CreateTempSubdirectory("clientele-disk-").FullName;
        Path = System.IO.Path.Combine(_folder, "disk");
        Directory.CreateDirectory(Path);
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", Path);
        if (code == 0) return;
        Directory.Delete(_folder, recursive: true);
        Assert.Skip($"SKIPPED: cannot mount a small tmpfs to fill (it needs root and the right to mount): {error.Trim()}");
    }

    /// <summary>The mounted folder.</summary>
    public string Path { get; }

    /// <summary>The file <see cref="Fill"/> writes.</summary>
    public string Filler => System.IO.Path.Combine(Path, "filler");

    /// <summary>Fills the disk to its last 512 bytes with <see cref="Filler"/>.</summary>
    public void Fill()
    {
        using var file = new FileStream(Filler, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        for (var chunk = 1 << 20; chunk >= 512; chunk /= 2)
        {
            var bytes = new byte[chunk];
            while (true)
            {
                try
                {
                    file.Write(bytes);
                }
                catch (IOException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Makes room again.</summary>
    public void Empty() => File.Delete(Filler);

    /// <summary>The files in the disk other than <see cref="Filler"/> and <paramref name="expected"/>: what a command left behind.</summary>
    public IReadOnlyList<string> Others(params string[] expected) =>
        [.. Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).OfType<string>().Where(name => name != "filler" && !expected.Contains(name))];

    private static (int Code, string Error) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    public void Dispose()
    {
        Run("umount", "--lazy", Path);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
