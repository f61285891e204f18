namespace Clientele.Web.Hosting;

/// <summary>How <c>clientele serve</c> was asked to run.</summary>
public sealed record ServerSettings
{
    /// <summary>The environment variable that gives the first admin's password instead of a generated one-time password.</summary>
    public const string AdminPasswordVariable = "CLIENTELE_ADMIN_PASSWORD";

    /// <summary>The address served when none is given: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>The workspace file (full path). Created when it does not exist.</summary>
    public required string WorkspacePath { get; init; }

    /// <summary>The first admin's password when the workspace has no user yet; null makes a one-time password.</summary>
    public string? AdminPassword { get; init; }

    /// <summary>Where the first admin's password is told (the console of <c>clientele serve</c>).</summary>
    public Action<string> Announce { get; init; } = Console.WriteLine;

    /// <summary>The settings of a server started on its own: <c>--workspace</c> (or <c>workspace</c> in configuration), else <c>CLIENTELE_WORKSPACE</c>, else ./clientele.duckdb.</summary>
    public static ServerSettings From(IConfiguration configuration) => new()
    {
        WorkspacePath = Storage.Workspace.ResolvePath(configuration["workspace"], Environment.GetEnvironmentVariable(Storage.Workspace.EnvironmentVariable)),
        AdminPassword = configuration[AdminPasswordVariable],
    };
}
