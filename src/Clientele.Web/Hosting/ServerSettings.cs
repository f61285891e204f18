using System.Globalization;
using System.Net;
using Clientele.Storage;

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

    /// <summary>
    /// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed; from anyone else those
    /// headers are ignored. Empty (the default): the connection's address is the client's.
    /// </summary>
    public IReadOnlyList<IPAddress> TrustedProxies { get; init; } = [];

    /// <summary>Mark the sign-in cookie Secure, so a browser sends it over HTTPS only (behind a TLS proxy).</summary>
    public bool SecureCookies { get; init; }

    /// <summary>
    /// How often the server checks whether data was imported after the latest analysis and, if so, analyzes again in the
    /// background (<see cref="Api.ScheduledAnalysis"/>); null (the default): only when someone asks.
    /// </summary>
    public TimeSpan? AnalyzeEvery { get; init; }

    /// <summary>An interval as <see cref="ParseInterval"/> reads it, in its largest whole unit: 1d, 6h, 90m, 45s.</summary>
    public static string FormatInterval(TimeSpan interval) => interval switch
    {
        { TotalDays: var d } when d >= 1 && d == Math.Floor(d) => string.Create(CultureInfo.InvariantCulture, $"{d:0}d"),
        { TotalHours: var h } when h >= 1 && h == Math.Floor(h) => string.Create(CultureInfo.InvariantCulture, $"{h:0}h"),
        { TotalMinutes: var m } when m >= 1 && m == Math.Floor(m) => string.Create(CultureInfo.InvariantCulture, $"{m:0}m"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{interval.TotalSeconds:0}s"),
    };

    /// <summary>
    /// An interval written as a whole number and a unit: <c>90s</c>, <c>30m</c>, <c>6h</c>, <c>1d</c>; null for null or empty.
    /// </summary>
    /// <exception cref="WorkspaceException">It is not such an interval, or not between a second and 30 days; <paramref name="source"/> names where it came from.</exception>
    public static TimeSpan? ParseInterval(string? text, string source)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        var unit = trimmed[^1];
        TimeSpan? interval = long.TryParse(trimmed[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 30 * 86_400
            ? unit switch { 's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), 'd' => TimeSpan.FromDays(n), _ => null }
            : null;
        return interval is { } i && i <= TimeSpan.FromDays(30)
            ? i
            : throw new WorkspaceException($"{source} '{text}' is not an interval between 1s and 30d: write a whole number and a unit (s, m, h or d), e.g. 30m, 6h or 1d.");
    }

    /// <summary>The addresses of <paramref name="proxies"/> (each may hold several, separated by commas or semicolons).</summary>
    /// <exception cref="WorkspaceException">One is not an IP address; <paramref name="source"/> names where it came from.</exception>
    public static IReadOnlyList<IPAddress> ParseProxies(IEnumerable<string?> proxies, string source) =>
    [
        .. proxies.SelectMany(p => (p ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(p => IPAddress.TryParse(p, out var address)
                ? address
                : throw new WorkspaceException($"{source} '{p}' is not an IP address (e.g. 127.0.0.1 or ::1); name the proxy by its address, not its host name.")),
    ];

    /// <summary>
    /// The settings of a server started on its own: <c>--workspace</c> (or <c>workspace</c> in configuration), else
    /// <c>CLIENTELE_WORKSPACE</c>, else ./clientele.duckdb; <c>trustedProxies</c> (addresses separated by commas) and
    /// <c>secureCookies</c> (true or false); <c>analyzeEvery</c> (an interval, <see cref="ParseInterval"/>).
    /// </summary>
    public static ServerSettings From(IConfiguration configuration) => new()
    {
        WorkspacePath = Storage.Workspace.ResolvePath(configuration["workspace"], Environment.GetEnvironmentVariable(Storage.Workspace.EnvironmentVariable)),
        AdminPassword = configuration[AdminPasswordVariable],
        TrustedProxies = ParseProxies([configuration["trustedProxies"]], "the setting trustedProxies"),
        SecureCookies = bool.TryParse(configuration["secureCookies"], out var secure) && secure,
        AnalyzeEvery = ParseInterval(configuration["analyzeEvery"], "the setting analyzeEvery"),
    };
}
