namespace Clientele.Cli;

/// <summary>
/// How the user runs Clientele, so hints show a command that works as typed: <c>clientele</c> for the installed tool
/// (the executable is what <c>clientele</c> on the PATH finds), <c>dotnet run --project src/Clientele.Cli --</c> from a
/// build inside the repository, <c>dotnet path/clientele.dll</c> when the dll was started by the dotnet host, and the
/// executable's path otherwise.
/// </summary>
public static class Invocation
{
    /// <summary>The command prefix that runs this build; <paramref name="processPath"/> is the running executable.</summary>
    /// <param name="processPath">The running executable (<see cref="Environment.ProcessPath"/>).</param>
    /// <param name="entryDll">The path of clientele.dll.</param>
    /// <param name="currentDirectory">Where the user is, for relative paths.</param>
    /// <param name="path">The PATH variable.</param>
    public static string Detect(string? processPath, string entryDll, string currentDirectory, string? path)
    {
        if (processPath is null) return "clientele";
        var full = Path.GetFullPath(processPath);
        if (OnPath(full, path)) return "clientele";
        var project = ProjectFolder(Path.GetDirectoryName(Path.GetFullPath(entryDll))!);
        if (project is not null) return $"dotnet run --project {Relative(currentDirectory, project)} --";
        if (Path.GetFileNameWithoutExtension(full) == "dotnet") return $"dotnet {Relative(currentDirectory, Path.GetFullPath(entryDll))}";
        return Relative(currentDirectory, full);
    }

    /// <summary>Whether a <c>clientele</c> on the PATH is this executable.</summary>
    private static bool OnPath(string executable, string? path) =>
        (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(folder =>
        {
            var candidate = Path.Combine(folder, "clientele");
            return File.Exists(candidate) && string.Equals(Resolve(candidate), Resolve(executable), StringComparison.Ordinal);
        });

    private static string Resolve(string file) => new FileInfo(file).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(file);

    /// <summary>The project folder of a build in <c>&lt;project&gt;/bin/&lt;configuration&gt;/&lt;framework&gt;</c>, or null.</summary>
    private static string? ProjectFolder(string buildFolder)
    {
        var project = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(buildFolder)));
        return project is not null && Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(buildFolder))) == "bin"
            && File.Exists(Path.Combine(project, "Clientele.Cli.csproj")) ? project : null;
    }

    /// <summary>A path below the current folder relative to it, any other in full.</summary>
    private static string Relative(string from, string to)
    {
        var relative = Path.GetRelativePath(from, to);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? to : relative;
    }
}
