using System.Net;
using System.Security.Cryptography;
using System.Text;
using Clientele.Storage;
using Clientele.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clientele.Cli.Serving;

/// <summary>
/// The server's side of reading a served workspace from the CLI: <c>POST /local/commands</c> runs a read command line
/// (<see cref="ServedCommands.Reads"/>) of a <c>clientele</c> process on this machine, with that process's folder, console
/// width and workspace variables, on a connection to the workspace the server holds, and answers with what the command
/// wrote and its exit code: the same renderer, so the same output as reading the file. Only a caller on loopback that
/// presents this run's token (from the owner-only <see cref="ServingRecord"/>) is answered; it is no part of the REST API.
/// </summary>
internal static class LocalCommands
{
    /// <summary>The endpoint's path.</summary>
    public const string Path = "/local/commands";

    /// <summary>The header carrying the token.</summary>
    public const string TokenHeader = "X-Clientele-Local-Token";

    /// <summary>The caller's environment variables a read command may use; no other is sent.</summary>
    public static readonly IReadOnlyList<string> Variables = [Workspace.EnvironmentVariable, "CLIENTELE_DEBUG"];

    /// <summary>A command line to run.</summary>
    /// <param name="Args">The arguments, as the caller got them.</param>
    /// <param name="CurrentDirectory">The caller's folder, for relative paths (<c>--workspace</c>, <c>--out</c>).</param>
    /// <param name="Environment">The caller's values of <see cref="Variables"/>.</param>
    /// <param name="CommandName">How the caller's user runs Clientele, for hints.</param>
    /// <param name="Width">The caller's console width, in columns.</param>
    /// <param name="Ansi">Whether the caller's console takes ANSI sequences.</param>
    /// <param name="Unicode">Whether the caller's console draws Unicode (table borders).</param>
    internal sealed record Request(
        IReadOnlyList<string> Args, string CurrentDirectory, IReadOnlyDictionary<string, string> Environment, string CommandName, int Width, bool Ansi, bool Unicode);

    /// <summary>What the command wrote and its exit code.</summary>
    internal sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Maps the endpoint, answering callers that present <paramref name="token"/>.</summary>
    public static void Map(IEndpointRouteBuilder app, string token, TimeProvider time) =>
        app.MapPost(Path, (Request request, HttpContext http, WorkspaceHost host) => Run(request, http, host, token, time))
            .AllowAnonymous().ExcludeFromDescription();

    private static IResult Run(Request request, HttpContext http, WorkspaceHost host, string token, TimeProvider time)
    {
        if (http.Connection.RemoteIpAddress is not { } address || !IPAddress.IsLoopback(address))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "the CLI's commands are run for this machine only.");
        var presented = http.Request.Headers[TokenHeader].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(token)))
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: "the token is not this server's: read it from the workspace's .serving note.");
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = request.Ansi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = request.Ansi ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = Math.Clamp(request.Width, 20, 1 << 16);
        console.Profile.Capabilities.Unicode = request.Unicode;
        var context = new CliContext(console, error, time, name => Variables.Contains(name) ? request.Environment.GetValueOrDefault(name) : null, Interactive: false)
        {
            CommandName = request.CommandName,
            CurrentDirectory = request.CurrentDirectory,
            Host = host,
        };
        var code = CliApp.Run([.. request.Args], context);
        return TypedResults.Ok(new Result(code, output.ToString(), error.ToString()));
    }
}
