using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Json.Schema;

namespace DrugTrace.Application.Epcis;

/// <summary>
/// The official EPCIS 2.0 JSON schemas (embedded, from GS1), for documents DrugTrace reads
/// (capture) and writes (export, query): each problem says where in the document and what.
/// Built once; evaluation is thread-safe.
/// </summary>
public sealed class EpcisSchema
{
    private const string Prefix = "DrugTrace.Epcis.Schema.";
    private const string RootId = "https://gs1.github.io/EPCIS/JSON-Schema/EPCIS-JSON-Schema.json";

    // Leaves first: a schema's references are registered before it is built.
    private static readonly string[] Order =
    [
        "schemas/definitions-JSON-Schema.json", "schemas/bizStep-JSON-Schema.json", "schemas/disposition-JSON-Schema.json",
        "schemas/bizTransaction-type-JSON-Schema.json", "schemas/source-dest-type-JSON-Schema.json",
        "schemas/error-reason-JSON-Schema.json", "schemas/component-JSON-Schema.json",
        "schemas/measurement-type-JSON-Schema.json", "schemas/sensor-alert-type-JSON-Schema.json",
        "schemas/event-definitions-JSON-Schema.json", "schemas/ObjectEvent-JSON-Schema.json",
        "schemas/AggregationEvent-JSON-Schema.json", "schemas/TransactionEvent-JSON-Schema.json",
        "schemas/TransformationEvent-JSON-Schema.json", "schemas/AssociationEvent-JSON-Schema.json",
        "EPCIS-Event-JSON-Schema.json", "EPCIS-Document-JSON-Schema.json", "EPCIS-JSON-Schema-root.json",
    ];

    private const string EventCheckId = "https://drugtrace.example/schema/epcis-document-event.json";
    // An EPCISDocument with this many events or more is checked event by event in parallel.
    private const int ParallelFrom = 64;

    private const string Definitions = "https://gs1.github.io/EPCIS/JSON-Schema/schemas/event-definitions-JSON-Schema.json#/definitions/";

    private readonly JsonSchema _root;
    private readonly JsonSchema _event;
    private readonly JsonSchema _uri;
    private readonly JsonSchema _time;
    // A valid document (the usual case) is checked with the flag output, which collects nothing and
    // is many times faster on a large capture; only an invalid one is evaluated again for its details.
    private readonly EvaluationOptions _check = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
    private readonly EvaluationOptions _evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public EpcisSchema()
    {
        var build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var assembly = typeof(EpcisSchema).Assembly;
        JsonSchema? root = null;
        foreach (var name in Order)
        {
            var schema = JsonSchema.FromText(Read(assembly, Prefix + name), build);
            build.SchemaRegistry.Register(schema);
            if (schema.BaseUri == new Uri(RootId)) root = schema;
        }
        _root = root ?? throw new InvalidOperationException("The EPCIS root schema is not embedded.");
        // What the document schema asks of each item of epcisBody.eventList (and nothing else of the list).
        _event = JsonSchema.FromText($$"""
            { "$schema": "http://json-schema.org/draft-07/schema#", "$id": "{{EventCheckId}}",
              "allOf": [ { "$ref": "https://gs1.github.io/EPCIS/JSON-Schema/EPCIS-Event-JSON-Schema.json#/definitions/EPCIS-Document-Event" } ] }
            """, build);
        _uri = Definition(build, "uri");
        _time = Definition(build, "time");
        // The stand-ins must pass their own definitions, or every shape would be refused.
        using var standIns = JsonDocument.Parse($$"""["{{StandInUri}}0", "{{StandInTime}}"]""");
        if (!_uri.Evaluate(standIns.RootElement[0], _check).IsValid || !_time.Evaluate(standIns.RootElement[1], _check).IsValid)
            throw new InvalidOperationException("The EPCIS schema refuses the stand-in values of ObjectEvent shapes.");
    }

    private static JsonSchema Definition(BuildOptions build, string name) =>
        JsonSchema.FromText($$"""
            { "$schema": "http://json-schema.org/draft-07/schema#", "$id": "https://drugtrace.example/schema/epcis-{{name}}.json",
              "allOf": [ { "$ref": "{{Definitions}}{{name}}" } ] }
            """, build);

    /// <summary>What is wrong with a document (EPCISDocument or EPCISQueryDocument): empty when it is valid.</summary>
    public IReadOnlyList<string> Validate(JsonElement document)
    {
        if (!LargeCapture(document, out var events))
        {
            // The usual case, valid, costs only the flag evaluation; the details are gathered for an invalid one.
            if (_root.Evaluate(document, _check).IsValid) return [];
            return Problems(_root.Evaluate(document, _evaluation), "");
        }

        // A large EPCISDocument: its envelope with an empty event list, and each event on its own, in
        // parallel. The schema asks nothing of the list but its items, so the verdict is the same, and
        // each complaint is about the event that is wrong, not the other branches of every event's anyOf.
        using var envelope = JsonDocument.Parse(WithoutEvents(document));
        var bad = new bool[events.Length];
        var shapes = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var values = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        Parallel.For(0, events.Length, i => bad[i] = !IsValidEvent(events[i], shapes, values));
        var badIndexes = Enumerable.Range(0, events.Length).Where(i => bad[i]).ToList();
        if (badIndexes.Count == 0)
            return _root.Evaluate(envelope.RootElement, _check).IsValid ? [] : Problems(_root.Evaluate(envelope.RootElement, _evaluation), "");
        var problems = badIndexes.Take(3)
            .SelectMany(i => Problems(_event.Evaluate(events[i], _evaluation), $"/epcisBody/eventList/{i}"))
            .ToList();
        if (badIndexes.Count > 3) problems.Add($"{badIndexes.Count} events do not match the schema; the first are events {string.Join(", ", badIndexes.Take(10))}");
        return problems;
    }

    // ObjectEvents that differ only in their EPCs, times and eventID (a large capture is mostly one
    // or two shapes: many packs commissioned, then shipped) are checked against the schema once per
    // shape, and each of those values on its own against its definition. Exact for this schema: in
    // an ObjectEvent it asks of epcList only that it is an array of unique URIs (event-definitions
    // epcList, and the anyOf branch's items "id", also a URI), of eventTime and recordTime only
    // "time", of eventID only "uri", and no other keyword reads those values. The shape stands
    // each value in by a valid one (distinct EPCs, so uniqueItems and the count are kept), so the
    // event is valid exactly when its shape is, every value is, and its EPCs are unique.
    private const string StandInUri = "urn:drugtrace:stand-in:";
    private const string StandInTime = "2000-01-01T00:00:00Z";

    private bool IsValidEvent(JsonElement ev, ConcurrentDictionary<string, bool> shapes, ConcurrentDictionary<string, bool> values)
    {
        if (!TryShape(ev, out var shape, out var taken, out var unique)) return _event.Evaluate(ev, _check).IsValid;
        if (!unique) return false;
        if (!shapes.TryGetValue(shape, out var shapeValid))
        {
            using var standIn = JsonDocument.Parse(shape);
            shapes[shape] = shapeValid = _event.Evaluate(standIn.RootElement, _check).IsValid;
        }
        if (!shapeValid) return false;
        foreach (var (isTime, value) in taken)
        {
            var schema = isTime ? _time : _uri;
            // A value that is not a string fails "type": "string"; strings repeat (times, EPCs shipped after commissioning).
            if (value.ValueKind != JsonValueKind.String)
            {
                if (!schema.Evaluate(value, _check).IsValid) return false;
                continue;
            }
            var key = (isTime ? "t:" : "u:") + value.GetString();
            if (!values.TryGetValue(key, out var valid)) values[key] = valid = schema.Evaluate(value, _check).IsValid;
            if (!valid) return false;
        }
        return true;
    }

    /// <summary>
    /// An ObjectEvent's shape (the event with its EPCs, times and eventID stood in), the values taken
    /// out (true: a time), and whether its EPCs are unique; false for any other event.
    /// </summary>
    private static bool TryShape(JsonElement ev, out string shape, out List<(bool IsTime, JsonElement Value)> taken, out bool unique)
    {
        shape = "";
        taken = [];
        unique = true;
        if (ev.ValueKind != JsonValueKind.Object || !ev.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String || !type.ValueEquals("ObjectEvent")) return false;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in ev.EnumerateObject())
            {
                if (property.NameEquals("epcList") && property.Value.ValueKind == JsonValueKind.Array)
                {
                    writer.WriteStartArray(property.Name);
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    var n = 0;
                    foreach (var epc in property.Value.EnumerateArray())
                    {
                        writer.WriteStringValue(StandInUri + n++.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        taken.Add((false, epc));
                        // uniqueItems: only strings can pass the URI check, so only equal strings matter.
                        if (epc.ValueKind == JsonValueKind.String && !seen.Add(epc.GetString()!)) unique = false;
                    }
                    writer.WriteEndArray();
                }
                else if (property.NameEquals("eventTime") || property.NameEquals("recordTime"))
                {
                    writer.WriteString(property.Name, StandInTime);
                    taken.Add((true, property.Value));
                }
                else if (property.NameEquals("eventID"))
                {
                    writer.WriteString(property.Name, StandInUri + "event");
                    taken.Add((false, property.Value));
                }
                else property.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        shape = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return true;
    }

    private static List<string> Problems(EvaluationResults results, string prefix)
    {
        var problems = new List<string>();
        foreach (var detail in (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }))
        {
            var where = prefix + detail.InstanceLocation;
            if (where.Length == 0) where = "/";
            foreach (var (_, message) in detail.Errors!)
            {
                var text = $"at {where}: {message}";
                if (!problems.Contains(text)) problems.Add(text);
            }
        }
        if (problems.Count == 0) problems.Add(prefix.Length == 0 ? "the document does not match the EPCIS 2.0 JSON schema" : $"at {prefix}: the event does not match the EPCIS 2.0 JSON schema");
        // The deepest places first: they name the field that is wrong, not the anyOf that failed.
        return [.. problems.OrderByDescending(p => p.Count(c => c == '/')).Take(10)];
    }

    /// <summary>An EPCISDocument with at least <see cref="ParallelFrom"/> events, and those events.</summary>
    private static bool LargeCapture(JsonElement document, out JsonElement[] events)
    {
        events = [];
        if (document.ValueKind != JsonValueKind.Object
            || !document.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "EPCISDocument"
            || !document.TryGetProperty("epcisBody", out var body) || body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("eventList", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() < ParallelFrom)
            return false;
        events = [.. list.EnumerateArray()];
        return true;
    }

    /// <summary>The document with <c>epcisBody.eventList</c> empty.</summary>
    private static byte[] WithoutEvents(JsonElement document)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in document.EnumerateObject())
            {
                if (property.NameEquals("epcisBody"))
                {
                    writer.WritePropertyName(property.Name);
                    writer.WriteStartObject();
                    foreach (var inBody in property.Value.EnumerateObject())
                    {
                        if (inBody.NameEquals("eventList")) continue;
                        inBody.WriteTo(writer);
                    }
                    writer.WriteStartArray("eventList");
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
                else property.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded schema {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
