using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DrugTrace.Web.Infrastructure;

/// <summary>
/// The OpenAPI document's title, introduction and its one security scheme: the party's key in
/// the <c>X-Api-Key</c> header, required by every /api/v1 operation, so that the API reference
/// (Scalar) offers a field for it and generated clients send it.
/// </summary>
public sealed class ApiKeyDocument : IOpenApiDocumentTransformer
{
    public const string Scheme = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "DrugTrace API",
            Version = "v1",
            Description = """
                Pharmaceutical supply-chain traceability: register products and lots, commission serialised packs,
                and scan them to verify, receive, ship, dispense and decommission. Every handoff is an event in the
                pack's own SHA-256 hash chain; suspicious scans are answered with alerts.

                Every request carries its party's key in the `X-Api-Key` header (the demo keys are in the README;
                a regulator onboards real parties with `POST /api/v1/parties`). Errors are ProblemDetails with a
                plain message.
                """,
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "Your party's API key (demo keys: see the README).",
        };
        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] };
        foreach (var (path, item) in document.Paths)
        {
            if (!(path.StartsWith("/api/v1", StringComparison.Ordinal) || path.StartsWith("/epcis/", StringComparison.Ordinal)
                  || path.StartsWith("/vrs/", StringComparison.Ordinal)) || item.Operations is null) continue;
            foreach (var operation in item.Operations.Values)
                (operation.Security ??= []).Add(requirement);
        }
        return Task.CompletedTask;
    }
}
