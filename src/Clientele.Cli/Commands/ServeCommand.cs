using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Clientele.Cli.Serving;
using Clientele.Storage;
using Clientele.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Clientele.Cli.Commands;

/// <summary><c>clientele serve</c>: the REST API and the dashboard over the workspace, until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context, Option<string?> workspaceOption)
    {
        var urls = UrlsOption();
        var logLevel = new Option<LogLevel>("--log-level")
        {
            Description = "The least important log entries written to the console: trace, debug, information (the default), warning, error, critical or none. ASP.NET Core's own entries start at warning unless this is lower.",
            DefaultValueFactory = _ => LogLevel.Information,
        };
        var logFormat = new Option<string>("--log-format")
        {
            Description = "simple (one line per entry, the default) or json (one JSON object per line, for a log collector).",
            DefaultValueFactory = _ => "simple",
        };
        logFormat.AcceptOnlyFromAmong("simple", "json");
        var trustedProxies = new Option<string[]>("--trusted-proxy")
        {
            Description = "The address of a reverse proxy in front of the server (repeat for several): only its X-Forwarded-For and X-Forwarded-Proto are believed, so sign-in throttling and the log see the clients' addresses.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var secureCookies = new Option<bool>("--secure-cookies")
        {
            Description = "Mark the sign-in cookie Secure (sent over HTTPS only): use it when a TLS proxy is in front.",
        };
        var analyzeEvery = new Option<string?>("--analyze-every")
        {
            Description = "Check at this interval (e.g. 30m, 6h, 1d) whether data was imported after the latest analysis and, if so, analyze again in the background (as of the last order day, with the latest analysis' time unit and horizon). Reads go on meanwhile. Default: only when someone asks.",
        };
        var command = new Command("serve", "Serve the dashboard and the REST API (under /api) over the workspace, on loopback unless --urls says otherwise.")
        {
            urls, logLevel, logFormat, trustedProxies, secureCookies, analyzeEvery,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new ServeOptions(parsed.GetValue(urls)!)
            {
                LogLevel = parsed.GetValue(logLevel),
                LogFormat = parsed.GetValue(logFormat)!,
                TrustedProxies = ServerSettings.ParseProxies(parsed.GetValue(trustedProxies) ?? [], "--trusted-proxy"),
                SecureCookies = parsed.GetValue(secureCookies),
                AnalyzeEvery = ServerSettings.ParseInterval(parsed.GetValue(analyzeEvery), "--analyze-every"),
            };
            await Run(context, CliApp.WorkspacePath(context, parsed.GetValue(workspaceOption)), options, cancellationToken);
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

    /// <summary>Serves the workspace at <paramref name="path"/> at <paramref name="urls"/> with the default options until cancelled.</summary>
    public static Task Run(CliContext context, string path, string urls, CancellationToken cancellationToken) =>
        Run(context, path, new ServeOptions(urls), cancellationToken);

    /// <summary>Serves the workspace at <paramref name="path"/> until cancelled.</summary>
    /// <exception cref="WorkspaceException">An address cannot be listened at (its port is in use, or not allowed).</exception>
    public static async Task Run(CliContext context, string path, ServeOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The dashboard's files are found through the web project's static web assets manifest, named after it.
            ApplicationName = typeof(ClienteleServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.WebHost.UseUrls(options.Urls);
        ServerLog.Configure(builder.Logging, options.LogLevel, options.LogFormat == "json");
        var settings = new ServerSettings
        {
            WorkspacePath = path,
            AdminPassword = context.Environment(ServerSettings.AdminPasswordVariable),
            Announce = line => context.Out.WriteLine(line),
            TrustedProxies = options.TrustedProxies,
            SecureCookies = options.SecureCookies,
            AnalyzeEvery = options.AnalyzeEvery,
        };
        await using var app = ClienteleServer.Build(builder, settings);
        var token = ServingRecord.NewToken();
        LocalCommands.Map(app, token, context.Time);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException || e.InnerException is SocketException or AddressInUseException)
        {
            throw new WorkspaceException(CannotListen(options.Urls, e));
        }
        // A PostgreSQL database is never held by one process: commands connect to it themselves, and there is no file to note beside.
        var noted = !Workspace.IsDatabaseUrl(path);
        if (noted) new ServingRecord([.. app.Urls], Environment.ProcessId, token).Write(path);
        context.Out.WriteLine($"Serving {path} at {string.Join(", ", app.Urls)}. Press Ctrl+C to stop.");
        if (options.AnalyzeEvery is { } every)
            context.Out.WriteLine($"Every {ServerSettings.FormatInterval(every)}, analyzes again when data was imported after the latest analysis (the Data page lists these runs as started by '{Clientele.Web.Api.ScheduledAnalysis.StartedBy}').");
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
            if (noted) ServingRecord.Delete(path);
        }
        await app.StopAsync(CancellationToken.None);
        context.Out.WriteLine("Stopped.");
    }

    /// <summary>Why the server could not listen, and what to do about it.</summary>
    private static string CannotListen(string urls, Exception e)
    {
        var inUse = e is AddressInUseException || e.InnerException is AddressInUseException ||
                    e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse };
        var ports = string.Join(", ", urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => ListenUri(url)?.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? url));
        return inUse
            ? $"cannot listen at {urls}: port {ports} is in use by another program (another `clientele serve`?). Stop it, or choose another port with --urls, e.g. --urls http://127.0.0.1:5081."
            : $"cannot listen at {urls} (port {ports}): {e.Message} Choose another address or port with --urls, e.g. --urls http://127.0.0.1:5081.";
    }

    private static bool LoopbackOnly(IEnumerable<string> urls) => urls.All(url =>
        ListenUri(url) is { } uri && (uri.IsLoopback || IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address)));

    /// <summary>A listening address as a URI (Kestrel's wildcard hosts + and * read as 0.0.0.0), or null.</summary>
    private static Uri? ListenUri(string url) =>
        Uri.TryCreate(url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>How <c>clientele serve</c> was asked to run, beyond the workspace.</summary>
    /// <param name="Urls">Where to listen (<c>--urls</c>).</param>
    internal sealed record ServeOptions(string Urls)
    {
        /// <summary>The least important log entries written (<c>--log-level</c>).</summary>
        public LogLevel LogLevel { get; init; } = LogLevel.Information;

        /// <summary>simple or json (<c>--log-format</c>).</summary>
        public string LogFormat { get; init; } = "simple";

        /// <summary>The reverse proxies whose forwarded headers are believed (<c>--trusted-proxy</c>).</summary>
        public IReadOnlyList<IPAddress> TrustedProxies { get; init; } = [];

        /// <summary>Mark the sign-in cookie Secure (<c>--secure-cookies</c>).</summary>
        public bool SecureCookies { get; init; }

        /// <summary>The interval of the scheduled analysis (<c>--analyze-every</c>), or null.</summary>
        public TimeSpan? AnalyzeEvery { get; init; }
    }
}
