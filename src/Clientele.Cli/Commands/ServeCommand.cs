using System.CommandLine;
using System.Net;
using Clientele.Storage;
using Clientele.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele serve</c>: the REST API and the dashboard over the workspace, until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var urls = UrlsOption();
        var command = new Command("serve", "Serve the dashboard and the REST API (under /api) over the workspace, on loopback unless --urls says otherwise.") { urls };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await Run(context, CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)), parsed.GetValue(urls)!, cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>The <c>--urls</c> option, shared with <c>clientele demo --serve</c>.</summary>
    public static Option<string> UrlsOption() => new("--urls")
    {
        Description = $"Where to listen, e.g. http://127.0.0.1:5080 (the default: this machine only) or http://0.0.0.0:5080 (every address; put HTTPS in front). Separate several with ';'.",
        DefaultValueFactory = _ => ServerSettings.DefaultUrls,
    };

    /// <summary>Serves the workspace at <paramref name="path"/> until cancelled.</summary>
    public static async Task Run(CliContext context, string path, string urls, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The dashboard's files are found through the web project's static web assets manifest, named after it.
            ApplicationName = typeof(ClienteleServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        var settings = new ServerSettings
        {
            WorkspacePath = path,
            AdminPassword = context.Environment(ServerSettings.AdminPasswordVariable),
            Announce = line => context.Out.WriteLine(line),
        };
        await using var app = ClienteleServer.Build(builder, settings);
        await app.StartAsync(cancellationToken);
        new ServingRecord([.. app.Urls], Environment.ProcessId).Write(path);
        context.Out.WriteLine($"Serving {path} at {string.Join(", ", app.Urls)}. Press Ctrl+C to stop.");
        if (!LoopbackOnly(app.Urls))
            context.Error.WriteLine("warning: the server listens on more than this machine; put HTTPS (a reverse proxy) in front of it before others use it.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            ServingRecord.Delete(path);
        }
        await app.StopAsync(CancellationToken.None);
        context.Out.WriteLine("Stopped.");
    }

    private static bool LoopbackOnly(IEnumerable<string> urls) => urls.All(url =>
        Uri.TryCreate(url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) &&
        (uri.IsLoopback || IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address)));
}
