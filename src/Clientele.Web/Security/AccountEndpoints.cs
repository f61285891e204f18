using System.Security.Claims;
using Clientele.Storage;
using Clientele.Storage.Access;
using Clientele.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Clientele.Web.Security;

/// <summary>
/// The sign-in, sign-out and change-password forms' endpoints. They take form posts, so ASP.NET Core checks their
/// anti-forgery token (the pages render it); on failure they send the browser back to the page with a message.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>The sign-in page's address.</summary>
    public const string SignInPage = "/signin";

    /// <summary>The change-password page's address.</summary>
    public const string PasswordPage = "/account/password";

    /// <summary>Maps the endpoints under /account.</summary>
    public static void MapAccount(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/signin", SignIn).AllowAnonymous();
        account.MapPost("/signout", (Func<HttpContext, Task<IResult>>)SignOut).RequireAuthorization();
        account.MapPost("/password", ChangePassword).RequireAuthorization();
    }

    /// <summary>The log category of sign-ins, their failures and throttling.</summary>
    public const string LogCategory = "Clientele.SignIn";

    private static async Task<IResult> SignIn(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
        HttpContext context, Accounts accounts, SignInThrottle throttle, ILoggerFactory logs)
    {
        var log = logs.CreateLogger(LogCategory);
        userName = userName?.Trim() ?? "";
        var address = context.Connection.RemoteIpAddress?.ToString();
        if (throttle.RetryAfter(userName, address) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            log.SignInThrottled(ServerLog.Safe(userName), address, seconds);
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Back("throttled", returnUrl, userName, Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes)));
        }
        var user = userName.Length == 0 || string.IsNullOrEmpty(password) ? null : accounts.Verify(userName, password);
        if (user is null)
        {
            throttle.Failed(userName, address);
            log.SignInFailed(ServerLog.Safe(userName), address);
            return Back("invalid", returnUrl, userName);
        }
        throttle.Succeeded(userName, address);
        log.SignedIn(user.UserName, user.Role.Name(), address);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            Policies.Principal(user.UserName, user.Role, "password", CookieAuthenticationDefaults.AuthenticationScheme, user.MustChangePassword));
        return TypedResults.LocalRedirect(user.MustChangePassword ? PasswordPage : LocalUrl(returnUrl));
    }

    private static async Task<IResult> SignOut(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect(SignInPage);
    }

    private static async Task<IResult> ChangePassword(
        [FromForm] string? currentPassword, [FromForm] string? newPassword, [FromForm] string? confirmPassword,
        HttpContext context, Accounts accounts, AccessDirectory directory)
    {
        var name = context.User.Identity?.Name ?? "";
        if (context.User.FindFirstValue(Policies.MethodClaim) != "password") return TypedResults.Forbid();
        if (accounts.Verify(name, currentPassword ?? "") is null) return PasswordBack("the current password is not right.");
        if (newPassword != confirmPassword) return PasswordBack("the two new passwords differ.");
        if (newPassword == currentPassword) return PasswordBack("choose a password other than the current one.");
        try
        {
            await accounts.SetPasswordAsync(name, newPassword ?? "", oneTime: false);
        }
        catch (WorkspaceException e)
        {
            return PasswordBack(e.Message);
        }
        var user = directory.User(name)!;
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            Policies.Principal(user.UserName, user.Role, "password", CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.LocalRedirect("/?password=changed");
    }

    private static IResult Back(string error, string? returnUrl, string userName, int? minutes = null) =>
        TypedResults.LocalRedirect(
            $"{SignInPage}?error={error}&user={Uri.EscapeDataString(userName)}&returnUrl={Uri.EscapeDataString(LocalUrl(returnUrl))}" +
            (minutes is null ? "" : $"&minutes={minutes}"));

    private static IResult PasswordBack(string message) =>
        TypedResults.LocalRedirect($"{PasswordPage}?error={Uri.EscapeDataString(message)}");

    /// <summary>The longest return address followed; a longer one leads to the overview.</summary>
    public const int MaxReturnUrlLength = 2048;

    /// <summary>
    /// The return address when it is a path of this site, else the overview. Any control character, space or backslash
    /// sends to the overview: browsers drop tabs and line breaks, so <c>/%09/evil.example</c> would become
    /// <c>//evil.example</c>, another site.
    /// </summary>
    public static string LocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.Length <= MaxReturnUrlLength && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) &&
        !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')
            ? url
            : "/";
}
