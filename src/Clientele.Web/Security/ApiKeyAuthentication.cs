using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Clientele.Web.Security;

/// <summary>Authenticates a request by the API key in its <c>X-Api-Key</c> header (or <c>Authorization: Bearer clk_...</c>).</summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessDirectory directory)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header a machine sends its key in.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>The key a request carries, or null.</summary>
    public static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(Header, out var values) && !string.IsNullOrWhiteSpace(values.ToString())) return values.ToString();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer clk_", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null;
    }

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Presented(Request) is not { } presented) return Task.FromResult(AuthenticateResult.NoResult());
        var key = directory.Key(presented);
        if (key is null) return Task.FromResult(AuthenticateResult.Fail("the API key is not valid (unknown, revoked or mistyped)"));
        var principal = Policies.Principal($"key:{key.Name}", key.Role, "api-key", SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status401Unauthorized, "Not signed in", "The API key is not valid: it is unknown, revoked or mistyped.");

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status403Forbidden, "Forbidden", "This API key's role may not do this.");

    private Task Problem(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
