using System.Text.Json;
using System.Text.Json.Serialization;

namespace DrugTrace.Application.Common.Wire;

/// <summary>Writes and reads a <see cref="WireName{TEnum}"/> as its word.</summary>
public sealed class WireNameJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(WireName<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class Converter<TEnum> : JsonConverter<WireName<TEnum>> where TEnum : struct, Enum
    {
        public override WireName<TEnum> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && WireNames.TryParse<TEnum>(reader.GetString(), out var name)
                ? name
                : throw new JsonException($"Expected one of: {string.Join(", ", WireNames.All<TEnum>().Select(n => n.Name))}.");

        public override void Write(Utf8JsonWriter writer, WireName<TEnum> value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Name);
    }
}
