using System.Text.Json;
using System.Text.Json.Serialization;
using System.Globalization;
using Clientele.Storage.Snapshots;
using Clientele.Web.Api;
using Clientele.Web.Components;
using Clientele.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Radzen;

namespace Clientele.Web.Hosting;

/// <summary>Puts the server together: the workspace, sign-in, the API under /api, the dashboard, and the health check.</summary>
public static class ClienteleServer
{
    /// <summary>The authentication scheme that picks the API key handler when a key is sent, else the sign-in cookie.</summary>
    public const string Scheme = "Clientele";

    /// <summary>The header a cookie-authenticated script sends its anti-forgery token in, for changes through /api.</summary>
    public const string CsrfHeader = "X-CSRF-TOKEN";

    /// <summary>Builds the server from a host builder (configuration, addresses and environment already set).</summary>
    public static WebApplication Build(WebApplicationBuilder builder, ServerSettings? settings = null)
    {
        settings ??= ServerSettings.From(builder.Configuration);
        // Serve the static web assets (the dashboard's scripts and styles, Radzen's) from the build output in every
        // environment, not only in Development: a `dotnet build` output run as Production would otherwise serve them empty.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new WorkspaceHost(settings.WorkspacePath));
        // The dashboard's money format, read once per page visit (a circuit): a change shows when a page is opened again.
        services.AddScoped(provider => provider.GetRequiredService<WorkspaceHost>().Money);
        services.AddSingleton<AccessDirectory>();
        services.AddSingleton<Accounts>();
        services.AddSingleton<SignInThrottle>();
        // The keys that sign sessions live in the workspace, so every server of it accepts them (WorkspaceKeyRepository).
        services.AddDataProtection().SetApplicationName("clientele");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new WorkspaceKeyRepository(provider.GetRequiredService<WorkspaceHost>(), provider.GetRequiredService<TimeProvider>())));
        services.AddClienteleApi();

        // Roles and other enums travel by name ("analyst"), as the documentation and the forms spell them.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiProblems>();
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer<OpenApiDescription>();
            options.AddOperationTransformer(OpenApiDescription.EndpointSummary);
        });
        // The anti-forgery cookie stays SameAsRequest (Secure on HTTPS, as a trusted proxy's X-Forwarded-Proto tells):
        // forced Secure, ASP.NET would refuse every plain-HTTP page with an error instead of serving it.
        services.AddAntiforgery(options => options.HeaderName = CsrfHeader);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Only the configured proxies are believed (not even loopback, ASP.NET's default): anyone else could forge an address.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.TrustedProxies) options.KnownProxies.Add(proxy);
        });

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or sign-in cookie", options =>
                options.ForwardDefaultSelector = context => ApiKeyAuthentication.Presented(context.Request) is null
                    ? CookieAuthenticationDefaults.AuthenticationScheme
                    : ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, options =>
            {
                options.Cookie.Name = "clientele";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = settings.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                options.LoginPath = AccountEndpoints.SignInPage;
                options.AccessDeniedPath = "/denied";
                options.ReturnUrlParameter = "returnUrl";
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.Events = CookieEvents.Create();
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Viewer, policy => policy.RequireRole(Policies.Viewer))
            .AddPolicy(Policies.Analyst, policy => policy.RequireRole(Policies.Analyst))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Policies.Admin));
        services.AddCascadingAuthenticationState();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();

        var app = builder.Build();
        // ASP.NET believes any sender when no proxy is listed, so the middleware is used only when some are.
        if (settings.TrustedProxies.Count > 0) app.UseForwardedHeaders();
        app.UseRequestLog();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapGet("/health", (WorkspaceHost workspace) => TypedResults.Ok(new Health("ok", workspace.Read(w => SnapshotQuery.Latest(w))?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))))
            .AllowAnonymous().WithTags("Health").WithSummary("Is the server up? The only endpoint that needs no sign-in.");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapAccount();
        app.MapClienteleApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        try
        {
            app.Services.GetRequiredService<Accounts>().EnsureAdminAsync(settings).GetAwaiter().GetResult();
        }
        catch
        {
            ((IDisposable)app).Dispose(); // releases the workspace
            throw;
        }
        if (UploadFile.RemoveStale() is > 0 and var stale)
            app.Logger.StaleUploadsRemoved(stale, Path.GetTempPath());
        return app;
    }

    /// <summary>The answer of <c>GET /health</c>.</summary>
    /// <param name="Status">"ok" while the server answers and its workspace is readable.</param>
    /// <param name="LatestAnalysis">The as-of date of the latest analysis (yyyy-MM-dd), or null before the first.</param>
    public sealed record Health(string Status, string? LatestAnalysis);
}
