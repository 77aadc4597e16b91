using System.Text.Json.Nodes;
using DrugTrace.Application.Common.Wire;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DrugTrace.Web.Infrastructure;

/// <summary>
/// Describes a <see cref="WireName{TEnum}"/> as what it is on the wire, a string out of a fixed
/// set of words, instead of the struct it is in code.
/// </summary>
public sealed class WireNameSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(WireName<>)) return Task.CompletedTask;
        var names = (System.Collections.IEnumerable)typeof(WireNames).GetMethod(nameof(WireNames.All))!
            .MakeGenericMethod(type.GetGenericArguments()).Invoke(null, null)!;
        schema.Type = JsonSchemaType.String;
        schema.Properties?.Clear();
        schema.Enum = [.. names.Cast<object>().Select(n => (JsonNode)JsonValue.Create(n.ToString())!)];
        return Task.CompletedTask;
    }
}
