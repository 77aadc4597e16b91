using System.Text.Json;
using System.Text.Json.Serialization;
using DrugTrace.Application.Alerts;

namespace DrugTrace.Web.Alerts;

/// <summary>
/// An alert as the hub pushes it: serialised once for every listener it goes to, not once per connection
/// (at a thousand listeners that was most of a push's cost). On the wire it is the <see cref="AlertDto"/> itself.
/// </summary>
[JsonConverter(typeof(PushedAlertConverter))]
public sealed class PushedAlert
{
    private PushedAlert(AlertDto alert, byte[] json)
    {
        Alert = alert;
        Json = json;
    }

    public AlertDto Alert { get; }

    /// <summary>The alert as UTF-8 JSON, with the hub's payload options.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    public static PushedAlert From(AlertDto alert, JsonSerializerOptions options) =>
        new(alert, JsonSerializer.SerializeToUtf8Bytes(alert, options));

    private sealed class PushedAlertConverter : JsonConverter<PushedAlert>
    {
        public override PushedAlert Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var alert = JsonSerializer.Deserialize<AlertDto>(ref reader, options) ?? throw new JsonException("An alert was null.");
            return From(alert, options);
        }

        // Written by this app's own serialiser with the same options: no need to validate it again.
        public override void Write(Utf8JsonWriter writer, PushedAlert value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json.Span, skipInputValidation: true);
    }
}
