namespace Clientele.Web.Hosting;

/// <summary>
/// Logs every request that fails: a warning for 4xx, an error for 5xx, with the method, the path (never the query, which
/// may carry a return address or a search), the status, who asked (a user name, or <c>key:NAME</c> for an API key; never
/// the key) and the client's address (the forwarded one behind a trusted proxy).
/// </summary>
public static class RequestLog
{
    /// <summary>The log category of these entries.</summary>
    public const string Category = "Clientele.Requests";

    /// <summary>Adds the logging; place it before the exception handler so it sees the final status.</summary>
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            finally
            {
                var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode;
                if (status >= 400)
                {
                    var (method, path, user, address) = (context.Request.Method, ServerLog.Safe(context.Request.PathBase + context.Request.Path),
                        ServerLog.Safe(context.User.Identity?.Name) is { Length: > 0 } name ? name : "(not signed in)", context.Connection.RemoteIpAddress?.ToString());
                    if (status >= 500) logger.RequestBroke(method, path, status, user, address);
                    else logger.RequestFailed(method, path, status, user, address);
                }
            }
        });
    }
}
