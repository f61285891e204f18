using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Clientele.Web.Api;

/// <summary>The title, description and security schemes of the OpenAPI document (checked in as docs/openapi.json).</summary>
internal sealed class OpenApiDescription : IOpenApiDocumentTransformer
{
    /// <summary>
    /// Keeps the summary an endpoint was mapped with (<c>WithSummary</c>, written for API users) over the handler
    /// method's XML summary (written for the code's readers), which would otherwise replace it.
    /// </summary>
    public static Task EndpointSummary(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointSummaryMetadata>().LastOrDefault() is { } metadata)
            operation.Summary = metadata.Summary;
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Clientele API",
            Version = "v1",
            Description =
                "Who the customers are, what each is worth, and what to do about each group: the analyses of a Clientele workspace. " +
                "Every endpoint but GET /health needs a signed-in session (the dashboard's cookie; changes then also need the " +
                "X-CSRF-TOKEN header from GET /api/me) or an API key in the X-Api-Key header. Roles: viewer reads, analyst also " +
                "imports, analyzes and overrides, admin also manages users and keys. Errors are RFC 9457 problem details.",
        };
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
            Description = "A key made by an admin (Settings → API keys, or POST /api/keys), scoped to a role.",
        };
        document.Components.SecuritySchemes["cookie"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "clientele",
            Description = "The dashboard's sign-in cookie (POST /account/signin).",
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("cookie", document)] = [] },
        ];
        return Task.CompletedTask;
    }
}
