using System.Text.Json.Nodes;
using DrugTrace.Domain.Epcis;

namespace DrugTrace.Domain.Tests.Epcis;

public sealed class EventHashIdTests
{
    private static string Vectors => Path.Combine(AppContext.BaseDirectory, "TestData", "EventHash");

    public static TheoryData<string> Documents() =>
    [
        "epcisDocWithSingleEvent",
        "ReferenceEventHashAlgorithm3",
        "epcisDocWithShippingAndTransportingEvent",
        "epcisDocWithVariousEventTypes",
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_event_of_a_published_vector_document_hashes_as_the_reference_implementation_does(string name)
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(Vectors, name + ".jsonld")))!.AsObject();
        var expected = File.ReadAllLines(Path.Combine(Vectors, name + ".hashes")).Where(l => l.Length > 0).ToArray();
        var ns = EpcisNamespaces.From(document["@context"]);
        var events = document["epcisBody"]!["eventList"]!.AsArray().Select(e => e!.AsObject()).ToArray();

        Assert.Equal(expected.Length, events.Length);
        for (var i = 0; i < events.Length; i++)
            Assert.True(expected[i] == EventHashId.Compute(events[i], ns), $"event {i}: {EventHashId.PreHash(events[i], ns)}");
    }

    [Fact]
    public void The_hash_ignores_field_order_eventID_recordTime_and_the_written_form_of_keys_and_terms()
    {
        var urns = JsonNode.Parse("""
            {"type":"ObjectEvent","eventTime":"2022-02-16T20:33:31.116-06:00","eventTimeZoneOffset":"-06:00",
             "epcList":["urn:epc:id:sgtin:0614141.107346.2018","urn:epc:id:sgtin:0614141.107346.2017"],
             "action":"OBSERVE","bizStep":"urn:epcglobal:cbv:bizstep:shipping","disposition":"in_transit",
             "readPoint":{"id":"urn:epc:id:sgln:0614141.07346.1234"},"eventID":"ni:///x","recordTime":"2030-01-01T00:00:00Z"}
            """)!.AsObject();
        var links = JsonNode.Parse("""
            {"readPoint":{"id":"https://id.gs1.org/414/0614141073467/254/1234"},"type":"ObjectEvent",
             "disposition":"https://ref.gs1.org/cbv/Disp-in_transit","bizStep":"shipping","action":"OBSERVE",
             "epcList":["https://example.com/01/10614141073464/10/L1/21/2017?17=251231","https://id.gs1.org/01/10614141073464/21/2018"],
             "eventTimeZoneOffset":"-06:00","eventTime":"2022-02-17T02:33:31.116Z"}
            """)!.AsObject();
        Assert.Equal(EventHashId.Compute(urns), EventHashId.Compute(links));
    }

    [Fact]
    public void A_changed_field_changes_the_hash()
    {
        var a = JsonNode.Parse("""{"type":"ObjectEvent","eventTime":"2022-02-16T20:33:31.116Z","eventTimeZoneOffset":"+00:00","action":"OBSERVE","epcList":["https://id.gs1.org/01/10614141073464/21/1"]}""")!.AsObject();
        var b = JsonNode.Parse("""{"type":"ObjectEvent","eventTime":"2022-02-16T20:33:31.117Z","eventTimeZoneOffset":"+00:00","action":"OBSERVE","epcList":["https://id.gs1.org/01/10614141073464/21/1"]}""")!.AsObject();
        Assert.NotEqual(EventHashId.Compute(a), EventHashId.Compute(b));
        Assert.Matches("^ni:///sha-256;[0-9a-f]{64}\\?ver=CBV2.0$", EventHashId.Compute(a));
    }
}
