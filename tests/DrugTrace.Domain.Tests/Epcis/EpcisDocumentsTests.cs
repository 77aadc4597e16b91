using System.Text.Json.Nodes;
using DrugTrace.Domain.Epcis;

namespace DrugTrace.Domain.Tests.Epcis;

public class EpcisDocumentsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 15, 4, 5, 678, TimeSpan.FromHours(1));

    private static JsonObject[] Events() => [new JsonObject { ["type"] = "ObjectEvent", ["n"] = 1 }, new JsonObject { ["type"] = "ObjectEvent", ["n"] = 2 }];

    [Fact]
    public void A_document_is_an_epcis_2_0_document_holding_the_events_in_order()
    {
        var document = EpcisDocuments.Document(Events(), Now);
        var expected = JsonNode.Parse("""
            {
              "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
              "type": "EPCISDocument",
              "schemaVersion": "2.0",
              "creationDate": "2026-12-02T14:04:05.678Z",
              "epcisBody": { "eventList": [ { "type": "ObjectEvent", "n": 1 }, { "type": "ObjectEvent", "n": 2 } ] }
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, document), document.ToJsonString());
    }

    [Fact]
    public void A_query_document_names_its_query_and_holds_the_events_in_its_results_body()
    {
        var document = EpcisDocuments.QueryDocument(Events(), Now);
        var expected = JsonNode.Parse("""
            {
              "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
              "type": "EPCISQueryDocument",
              "schemaVersion": "2.0",
              "creationDate": "2026-12-02T14:04:05.678Z",
              "epcisBody": { "queryResults": { "queryName": "SimpleEventQuery",
                "resultsBody": { "eventList": [ { "type": "ObjectEvent", "n": 1 }, { "type": "ObjectEvent", "n": 2 } ] } } }
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, document), document.ToJsonString());
        var named = EpcisDocuments.QueryDocument([], Now, "recalls");
        Assert.Equal("recalls", named["epcisBody"]!["queryResults"]!["queryName"]!.GetValue<string>());
        Assert.Empty(named["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray());
    }

    [Fact]
    public void Each_document_gets_its_own_context_array()
    {
        var first = EpcisDocuments.Context();
        first.Add("changed");
        Assert.Single(EpcisDocuments.Context());
        Assert.Equal("2.0", EpcisDocuments.CbvVersion);
    }
}
