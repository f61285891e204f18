namespace Clientele.Web.Hosting;

/// <summary>
/// The server's log: ASP.NET Core's console logger, one line per entry (or one JSON object per line), UTC time stamps.
/// Clientele's own entries start at the chosen level; ASP.NET Core's at warning unless a lower level than information
/// is chosen (its information entries are one per request). Nothing logged carries a password, an API key or a cookie.
/// </summary>
public static partial class ServerLog
{
    /// <summary>The longest text from a request (a path, a user name) written into an entry.</summary>
    public const int MaxTextLength = 200;

    /// <summary>Replaces the host's log providers with the console logger at <paramref name="level"/>.</summary>
    public static void Configure(ILoggingBuilder logging, LogLevel level, bool json)
    {
        logging.ClearProviders();
        if (json)
            logging.AddJsonConsole(options => (options.UseUtcTimestamp, options.TimestampFormat) = (true, "yyyy-MM-ddTHH:mm:ss.fffZ"));
        else
            logging.AddSimpleConsole(options => (options.SingleLine, options.UseUtcTimestamp, options.TimestampFormat) = (true, true, "yyyy-MM-dd HH:mm:ss "));
        logging.SetMinimumLevel(level);
        var framework = level == LogLevel.Information ? LogLevel.Warning : level;
        logging.AddFilter("Microsoft", framework);
        logging.AddFilter("System", framework);
        // It warns at each new key that the key is stored unencrypted: by design, in the workspace (WorkspaceKeyRepository, docs/dashboard.md).
        logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", level > LogLevel.Warning ? level : LogLevel.Error);
    }

    /// <summary>Text a client sent, made safe for one log line: control characters become '?', cut at <see cref="MaxTextLength"/>.</summary>
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var cut = text.Length > MaxTextLength ? text[..MaxTextLength] + "..." : text;
        return string.Create(cut.Length, cut, (span, source) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = char.IsControl(source[i]) ? '?' : source[i];
        });
    }

    [LoggerMessage(1, LogLevel.Warning, "{Method} {Path} failed with {Status} for {User} from {Address}")]
    internal static partial void RequestFailed(this ILogger logger, string method, string path, int status, string user, string? address);

    [LoggerMessage(2, LogLevel.Error, "{Method} {Path} failed with {Status} for {User} from {Address}")]
    internal static partial void RequestBroke(this ILogger logger, string method, string path, int status, string user, string? address);

    [LoggerMessage(10, LogLevel.Information, "{User} ({Role}) signed in from {Address}")]
    internal static partial void SignedIn(this ILogger logger, string user, string role, string? address);

    [LoggerMessage(11, LogLevel.Warning, "Sign-in as {User} from {Address} failed: unknown user or wrong password")]
    internal static partial void SignInFailed(this ILogger logger, string user, string? address);

    [LoggerMessage(12, LogLevel.Warning, "Sign-in as {User} from {Address} refused: throttled for {Seconds} s after repeated failures")]
    internal static partial void SignInThrottled(this ILogger logger, string user, string? address, int seconds);

    [LoggerMessage(20, LogLevel.Information, "{User} imported {File} into {Table}: {Read} rows read, {Added} added, {Updated} updated, {Rejected} rejected (import {ImportId})")]
    internal static partial void Imported(this ILogger logger, string user, string file, string table, long read, long added, long updated, long rejected, int? importId);

    [LoggerMessage(21, LogLevel.Warning, "{User} could not import {File}: {Reason}")]
    internal static partial void ImportRefused(this ILogger logger, string user, string file, string reason);

    [LoggerMessage(22, LogLevel.Warning, "Removed {Count} upload folder(s) left in {Folder} by a server that stopped during an upload")]
    internal static partial void StaleUploadsRemoved(this ILogger logger, int count, string folder);

    [LoggerMessage(30, LogLevel.Information, "Analysis run {RunId} started by {User}")]
    internal static partial void AnalysisStarted(this ILogger logger, string runId, string? user);

    [LoggerMessage(31, LogLevel.Information, "Analysis run {RunId} by {User} stored the analysis as of {AsOf} for {Customers} customers in {Seconds} s")]
    internal static partial void AnalysisStored(this ILogger logger, string runId, string? user, string asOf, long customers, double seconds);

    [LoggerMessage(32, LogLevel.Warning, "Analysis run {RunId} by {User} failed: {Reason}")]
    internal static partial void AnalysisRefused(this ILogger logger, string runId, string? user, string reason);

    [LoggerMessage(33, LogLevel.Error, "Analysis run {RunId} by {User} failed unexpectedly")]
    internal static partial void AnalysisBroke(this ILogger logger, Exception exception, string runId, string? user);

    [LoggerMessage(34, LogLevel.Information, "Scheduled analysis: {Reason}; started run {RunId}")]
    internal static partial void ScheduledAnalysisStarted(this ILogger logger, string reason, string runId);

    [LoggerMessage(35, LogLevel.Error, "Scheduled analysis: could not check whether the analysis is out of date; trying again in {Interval}")]
    internal static partial void ScheduledAnalysisCheckFailed(this ILogger logger, Exception exception, TimeSpan interval);
}
