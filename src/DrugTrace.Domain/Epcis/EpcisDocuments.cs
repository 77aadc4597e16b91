using System.Text.Json.Nodes;

namespace DrugTrace.Domain.Epcis;

/// <summary>The EPCIS 2.0 JSON-LD document envelopes DrugTrace writes.</summary>
public static class EpcisDocuments
{
    public const string SchemaVersion = "2.0";
    public const string CbvVersion = "2.0";

    public static JsonArray Context() => [EpcisNamespaces.StandardContext];

    /// <summary>An EPCISDocument holding <paramref name="events"/>.</summary>
    public static JsonObject Document(IEnumerable<JsonObject> events, DateTimeOffset now) => new()
    {
        ["@context"] = Context(),
        ["type"] = "EPCISDocument",
        ["schemaVersion"] = SchemaVersion,
        ["creationDate"] = PackEpcisEvents.Time(now),
        ["epcisBody"] = new JsonObject { ["eventList"] = new JsonArray([.. events]) },
    };

    /// <summary>An EPCISQueryDocument: the answer to a query (<paramref name="queryName"/> is the name of the query asked).</summary>
    public static JsonObject QueryDocument(IEnumerable<JsonObject> events, DateTimeOffset now, string queryName = "SimpleEventQuery") => new()
    {
        ["@context"] = Context(),
        ["type"] = "EPCISQueryDocument",
        ["schemaVersion"] = SchemaVersion,
        ["creationDate"] = PackEpcisEvents.Time(now),
        ["epcisBody"] = new JsonObject
        {
            ["queryResults"] = new JsonObject
            {
                ["queryName"] = queryName,
                ["resultsBody"] = new JsonObject { ["eventList"] = new JsonArray([.. events]) },
            },
        },
    };
}
