namespace Clientele.Web.Hosting;

/// <summary>
/// The headers every response carries, pages and <c>/api</c> alike. The content security policy allows exactly what the
/// dashboard loads: its own scripts (Blazor's, Radzen's, the bundled ECharts file and the chart module), the Blazor
/// circuit's WebSocket back to the same origin, its own styles and fonts, and inline styles, because Blazor and Radzen
/// set <c>style</c> attributes on elements (column widths, chart heights, popups' positions). No inline script, no
/// eval, no frame, no plug-in, no form posted elsewhere.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The Content-Security-Policy header's value.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The Referrer-Policy header's value: no address of the dashboard (customer ids) leaves the site.</summary>
    public const string ReferrerPolicy = "same-origin";

    /// <summary>Adds the headers to every response, just before it starts, so error pages and problem details get them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = ReferrerPolicy;
            headers.XFrameOptions = "DENY";
            headers.Remove("Server");
            return Task.CompletedTask;
        });
        return next(context);
    });
}
