using System.CommandLine;
using System.Net.Http.Json;
using Clientele.Storage;

namespace Clientele.Cli.Serving;

/// <summary>
/// The CLI's side of a workspace held by a running <c>clientele serve</c> (its <see cref="ServingRecord"/> is beside the
/// file): a read command line is run by the server (<see cref="LocalCommands"/>) and its output written here as if read
/// from the file; any other command line stops with exit code 1 and what to do instead (<see cref="ServedCommands.HowToWrite"/>).
/// </summary>
internal static class ServedWorkspace
{
    /// <summary>
    /// The exit code of the command line when the server ran it, or null when it runs in this process (no server holds the
    /// workspace, or it is help, or this is the server).
    /// </summary>
    /// <exception cref="WorkspaceException">The command changes the workspace, or the server does not answer.</exception>
    public static int? Route(ParseResult parsed, IReadOnlyList<string> args, Option<string?> workspaceOption, CliContext context)
    {
        var action = parsed.CommandResult.Command.Action;
        if (action is null || parsed.Action != action) return null; // help, a usage error
        if (context.Host is not null)
        {
            return ServedCommands.Reads(parsed) ? null
                : throw new WorkspaceException($"the server runs the CLI's read commands only, not `{ServedCommands.PathOf(parsed)}`.");
        }
        var path = CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption));
        // A PostgreSQL database is never held by one process, and has no note beside it.
        if (Workspace.IsDatabaseUrl(path) || ServingRecord.Read(path) is not { } serving) return null;
        if (!ServedCommands.Reads(parsed)) throw new WorkspaceException($"{path}: {ServedCommands.HowToWrite(parsed, serving)}");
        // A server from before tokens: opening the file says it is held, and how to reach the server.
        return serving.LocalToken is null ? null : Forward(context, args, path, serving);
    }

    private static int Forward(CliContext context, IReadOnlyList<string> args, string path, ServingRecord serving)
    {
        var request = new LocalCommands.Request(
            args, context.CurrentDirectory,
            LocalCommands.Variables.Select(name => (name, value: context.Environment(name))).Where(v => v.value is not null).ToDictionary(v => v.name, v => v.value!),
            context.CommandName, context.Out.Profile.Width, context.Out.Profile.Capabilities.Ansi, context.Out.Profile.Capabilities.Unicode);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(serving.LocalUrl), Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Add(LocalCommands.TokenHeader, serving.LocalToken);
        LocalCommands.Result? result;
        try
        {
            using var response = http.PostAsJsonAsync(LocalCommands.Path, request).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
            {
                throw new WorkspaceException($"{path} is held by `clientele serve` (process {serving.ProcessId}) at {serving.LocalUrl}, which refused to run this command " +
                    $"({(int)response.StatusCode}: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}); {serving.HowToStop}.");
            }
            result = response.Content.ReadFromJsonAsync<LocalCommands.Result>().GetAwaiter().GetResult();
        }
        catch (HttpRequestException e)
        {
            throw new WorkspaceException($"{path} is held by `clientele serve` (process {serving.ProcessId}), which does not answer at {serving.LocalUrl} ({e.Message}); " +
                $"try again, or {serving.HowToStop}.", e);
        }
        var output = context.Out.Profile.Out.Writer;
        output.Write(result!.Output);
        output.Flush();
        context.Error.Write(result.Error);
        return result.ExitCode;
    }
}
