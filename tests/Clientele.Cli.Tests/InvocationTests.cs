namespace Clientele.Cli.Tests;

/// <summary>Hints show the command as the user runs it: the installed tool, a build in the repository, or the dotnet host.</summary>
public sealed class InvocationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clientele-invocation-").FullName;

    private string Touch(params string[] parts)
    {
        var path = Path.Combine([_folder, .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        return path;
    }

    [Fact]
    public void The_installed_tool_found_on_the_path_is_called_clientele()
    {
        var tool = Touch("tools", "clientele");
        var dll = Touch("tools", ".store", "clientele.cli", "1.0.0", "clientele.dll");
        Assert.Equal("clientele", Invocation.Detect(tool, dll, _folder, $"/usr/bin{Path.PathSeparator}{Path.Combine(_folder, "tools")}"));
    }

    [Fact]
    public void A_build_inside_the_repository_is_run_with_dotnet_run_and_the_project_folder_relative_to_where_the_user_is()
    {
        Touch("src", "Clientele.Cli", "Clientele.Cli.csproj");
        var host = Touch("src", "Clientele.Cli", "bin", "Debug", "net10.0", "clientele");
        var dll = Touch("src", "Clientele.Cli", "bin", "Debug", "net10.0", "clientele.dll");
        Assert.Equal("dotnet run --project src/Clientele.Cli --", Invocation.Detect(host, dll, _folder, "/usr/bin"));
        Assert.Equal("dotnet run --project src/Clientele.Cli --", Invocation.Detect("/usr/share/dotnet/dotnet", dll, _folder, "/usr/bin"));
        Assert.Equal($"dotnet run --project {Path.Combine(_folder, "src", "Clientele.Cli")} --", Invocation.Detect(host, dll, Path.Combine(_folder, "elsewhere"), "/usr/bin"));
    }

    [Fact]
    public void A_dll_started_by_the_dotnet_host_elsewhere_is_named_with_its_path()
    {
        var dll = Touch("app", "clientele.dll");
        Assert.Equal("dotnet app/clientele.dll", Invocation.Detect("/usr/share/dotnet/dotnet", dll, _folder, "/usr/bin"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
