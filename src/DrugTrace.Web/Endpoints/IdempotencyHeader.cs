using DrugTrace.Application.Common.Idempotency;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DrugTrace.Web.Endpoints;

/// <summary>
/// The Idempotency-Key header of an endpoint: handed to the use cases of the request's scope
/// (<see cref="IIdempotencyContext"/>; the application layer keeps the answers) and documented in OpenAPI.
/// </summary>
internal static class IdempotencyHeader
{
    public const string Description =
        "Optional. A unique value (a UUID, say; 1-255 letters, digits or - _ . : ~ + / =) naming this one write. "
        + "A repeat with the same key and body gets the first answer and changes nothing; the same key with another body "
        + "is a 422; a repeat while the first still runs is a 409 with Retry-After. Keys are per calling party and kept 24 hours.";

    public static RouteHandlerBuilder AcceptsIdempotencyKey(this RouteHandlerBuilder endpoint) => endpoint
        .AddEndpointFilter(async (context, next) =>
        {
            // Read raw: an empty header or two of them are mistakes to answer, not "no key".
            var values = context.HttpContext.Request.Headers[IdempotencyKey.Header];
            context.HttpContext.RequestServices.GetRequiredService<IIdempotencyContext>()
                .Use(values.Count == 0 ? null : string.Join(',', values.Select(v => v ?? "")));
            return await next(context);
        })
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            (operation.Parameters ??= []).Add(new OpenApiParameter
            {
                Name = IdempotencyKey.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKey.MaxLength },
            });
            return Task.CompletedTask;
        });
}
