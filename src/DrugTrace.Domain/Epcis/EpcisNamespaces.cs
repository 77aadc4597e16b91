using System.Text.Json.Nodes;

namespace DrugTrace.Domain.Epcis;

/// <summary>
/// The prefixes of a document's JSON-LD @context (those of the standard EPCIS 2.0 context plus
/// any the document declares inline), to expand CURIEs such as "cbvmda:lotNumber" into
/// {urn:epcglobal:cbv:mda:}lotNumber for the event hash.
/// </summary>
public sealed class EpcisNamespaces
{
    public const string StandardContext = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

    private static readonly Dictionary<string, string> Standard = new(StringComparer.Ordinal)
    {
        ["epcis"] = "https://ref.gs1.org/epcis/",
        ["cbv"] = "https://ref.gs1.org/cbv/",
        ["cbvmda"] = "urn:epcglobal:cbv:mda:",
        ["gs1"] = "https://gs1.org/voc/",
        ["rdfs"] = "http://www.w3.org/2000/01/rdf-schema#",
        ["owl"] = "http://www.w3.org/2002/07/owl#",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
        ["dcterms"] = "http://purl.org/dc/terms/",
    };

    private readonly Dictionary<string, string> _prefixes;

    private EpcisNamespaces(Dictionary<string, string> prefixes) => _prefixes = prefixes;

    public static EpcisNamespaces Default { get; } = new(new Dictionary<string, string>(Standard, StringComparer.Ordinal));

    /// <summary>Reads the inline prefix definitions of a document's or event's @context.</summary>
    public static EpcisNamespaces From(JsonNode? context, EpcisNamespaces? outer = null)
    {
        // No inline definitions (an event without its own @context): the outer prefixes as they are (never changed once made).
        if (context is null or JsonValue) return outer ?? Default;
        var prefixes = new Dictionary<string, string>((outer ?? Default)._prefixes, StringComparer.Ordinal);
        foreach (var entry in context is JsonArray array ? array.ToArray() : [context])
        {
            if (entry is JsonObject definitions)
            {
                foreach (var (prefix, value) in definitions)
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var iri) && !prefix.StartsWith('@'))
                        prefixes[prefix] = iri;
                }
            }
        }
        return new EpcisNamespaces(prefixes);
    }

    /// <summary>The namespace IRI of a prefix, or null.</summary>
    public string? Resolve(string prefix) => _prefixes.GetValueOrDefault(prefix);

    /// <summary>"ex:field" as "{https://ns.example.com/}field"; a name without a known prefix stays as it is.</summary>
    public string ExpandName(string name)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return name;
        return Resolve(name[..colon]) is { } ns ? "{" + ns + "}" + name[(colon + 1)..] : name;
    }
}
