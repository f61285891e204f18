using Spectre.Console.Testing;

namespace Clientele.Cli.Tests;

/// <summary>Runs the <c>clientele</c> command tree in-process with a test console and a workspace in a temporary folder.</summary>
public sealed class CliRun : IDisposable
{
    /// <param name="workspace">The workspace <c>CLIENTELE_WORKSPACE</c> names (a PostgreSQL URL); by default w.duckdb in the folder.</param>
    public CliRun(string? workspace = null)
    {
        Folder = Directory.CreateTempSubdirectory("clientele-cli-").FullName;
        Workspace = workspace ?? Path.Combine(Folder, "w.duckdb");
    }

    public string Folder { get; }

    public string Workspace { get; }

    public string File(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs the command line (with <c>--workspace</c> added) and returns exit code, standard output and standard error.</summary>
    public (int Code, string Out, string Error) Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 4000;
        var error = new StringWriter();
        var context = new CliContext(console, error, TimeProvider.System, name => name == "CLIENTELE_WORKSPACE" ? Workspace : null, Interactive: false);
        var code = CliApp.Run(args, context);
        return (code, console.Output, error.ToString());
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}
