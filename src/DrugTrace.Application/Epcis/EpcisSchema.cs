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

    private readonly JsonSchema _root;
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
    }

    /// <summary>What is wrong with a document (EPCISDocument or EPCISQueryDocument): empty when it is valid.</summary>
    public IReadOnlyList<string> Validate(JsonElement document)
    {
        var results = _root.Evaluate(document, _evaluation);
        if (results.IsValid) return [];
        var problems = new List<string>();
        foreach (var detail in (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }))
        {
            var where = detail.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/";
            foreach (var (_, message) in detail.Errors!)
            {
                var text = $"at {where}: {message}";
                if (!problems.Contains(text)) problems.Add(text);
            }
        }
        if (problems.Count == 0) problems.Add("the document does not match the EPCIS 2.0 JSON schema");
        // The deepest places first: they name the field that is wrong, not the anyOf that failed.
        return [.. problems.OrderByDescending(p => p.Count(c => c == '/')).Take(10)];
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded schema {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
