using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Clientele.Web.Security;

/// <summary>
/// What the sign-in cookie does beyond the defaults: API calls get 401 and 403 (as ProblemDetails) instead of a
/// redirect to the sign-in page, and a cookie stops working at once when its user is removed, changes role, or has
/// had the password changed since signing in.
/// </summary>
internal static class CookieEvents
{
    public static CookieAuthenticationEvents Create() => new()
    {
        OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized, "Sign in first, or send an API key in the X-Api-Key header."),
        OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden, "Your role may not do this."),
        OnValidatePrincipal = async context =>
        {
            var directory = context.HttpContext.RequestServices.GetRequiredService<AccessDirectory>();
            var name = context.Principal?.Identity?.Name;
            var user = name is null ? null : directory.User(name);
            var issued = context.Properties.IssuedUtc;
            if (user is null || Policies.RoleOf(context.Principal!) != user.Role ||
                issued is not null && user.PasswordChangedAt > issued.Value.UtcDateTime.AddSeconds(1) ||
                user.MustChangePassword != context.Principal!.HasClaim(Policies.MustChangePasswordClaim, "true"))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
        },
    };

    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status, string detail)
    {
        if (!context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/openapi"))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        return context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = { Status = status, Title = status == 401 ? "Not signed in" : "Forbidden", Detail = detail },
        }).AsTask();
    }
}
