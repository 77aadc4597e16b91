using System.Text.Json;
using System.Text.Json.Nodes;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Epcis;

/// <summary>
/// A large document's ObjectEvents are checked once per shape (EPCs, times and eventID stood in)
/// plus each of those values on its own: the verdict must be the schema's own, event by event.
/// </summary>
public sealed class EpcisSchemaTests
{
    private const int Copies = 80;

    private static JsonObject Document(IEnumerable<JsonNode> events) => new()
    {
        ["@context"] = new JsonArray("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"),
        ["type"] = "EPCISDocument", ["schemaVersion"] = "2.0", ["creationDate"] = "2026-06-01T10:00:00.000Z",
        ["epcisBody"] = new JsonObject { ["eventList"] = new JsonArray([.. events]) },
    };

    private static IReadOnlyList<string> Check(JsonObject document) => EpcisKit.Schema.Validate(JsonDocument.Parse(document.ToJsonString()).RootElement);

    // The same event with other EPCs (distinct) and another time: the shape the event under test may share.
    private static JsonNode Sibling(JsonObject ev, int i)
    {
        var copy = Copy(ev);
        // An event with a field twice (one official example has one) cannot be edited as a JsonObject: its copies are siblings then.
        if (HasFieldTwice(ev)) return copy;
        if (copy["epcList"] is JsonArray epcs)
        {
            var n = epcs.Count;
            epcs.Clear();
            for (var k = 0; k < n; k++) epcs.Add($"https://id.gs1.org/01/09521234543213/21/SIB{i}x{k}");
        }
        if (copy.ContainsKey("eventTime")) copy["eventTime"] = $"2026-06-01T08:{i % 60:D2}:00.000Z";
        return copy;
    }

    // Copied from its text: a JsonObject with a field twice can be written, not read.
    private static JsonObject Copy(JsonObject ev) => JsonNode.Parse(ev.ToJsonString())!.AsObject();

    private static bool HasFieldTwice(JsonObject ev)
    {
        try
        {
            _ = ev.Count;
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>The verdict on <paramref name="ev"/> alone (the schema's) and among many of its siblings (by shape), which must agree.</summary>
    private static bool Valid(JsonObject ev, string what)
    {
        var alone = Check(Document([Copy(ev)]));
        var siblings = Enumerable.Range(0, Copies).Select(i => Sibling(ev, i)).ToList();
        siblings.Insert(Copies / 2, Copy(ev));
        var among = Check(Document(siblings));
        Assert.True((alone.Count == 0) == (among.Count == 0), $"{what}: alone {string.Join("; ", alone)} / among siblings {string.Join("; ", among)}");
        if (among.Count > 0 && Check(Document(Enumerable.Range(0, Copies).Select(i => Sibling(ev, i)))).Count == 0)
            Assert.Contains(among, p => p.Contains($"/epcisBody/eventList/{Copies / 2}", StringComparison.Ordinal));
        return alone.Count == 0;
    }

    private static IEnumerable<(string Name, JsonObject Event)> OfficialEvents() =>
        EpcisKit.Examples()
            .Select(f => (Name: Path.GetFileName(f), Document: JsonNode.Parse(File.ReadAllText(f))!))
            .Where(d => (string?)d.Document["type"] == "EPCISDocument")
            .SelectMany(d => d.Document["epcisBody"]!["eventList"]!.AsArray().Select((e, i) => ($"{d.Name} event {i}", e!.AsObject())));

    [Fact]
    public void Every_official_event_has_the_same_verdict_alone_and_among_events_of_its_shape()
    {
        var events = OfficialEvents().ToList();
        Assert.True(events.Count >= 40, $"only {events.Count} official events");
        foreach (var (name, ev) in events) Valid(ev, name);
    }

    [Fact]
    public void A_wrong_EPC_time_or_eventID_in_an_event_of_a_valid_shape_is_found_as_the_schema_finds_it()
    {
        var objectEvents = OfficialEvents().Where(e => !HasFieldTwice(e.Event) && (string?)e.Event["type"] == "ObjectEvent" && Valid(e.Event, e.Name)).ToList();
        Assert.NotEmpty(objectEvents);
        var (name, good) = objectEvents.First(e => e.Event["epcList"] is JsonArray { Count: > 0 });
        var broken = new List<(string What, Action<JsonObject> Break)>
        {
            ("an EPC that is a number", e => e["epcList"]![0] = 42),
            ("an EPC that is not a URI", e => e["epcList"]![0] = "not a uri"),
            ("an EPC twice", e => e["epcList"]!.AsArray().Add(e["epcList"]![0]!.GetValue<string>())),
            ("an eventTime that is no time", e => e["eventTime"] = "yesterday"),
            ("an eventTime that is a number", e => e["eventTime"] = 20260601),
            ("no eventTime", e => e.Remove("eventTime")),
            ("a recordTime that is no time", e => e["recordTime"] = "2026-13-45T99:00:00Z"),
            ("an eventID that is not a URI", e => e["eventID"] = "no uri at all"),
            ("an epcList that is a string", e => e["epcList"] = "https://id.gs1.org/01/09521234543213/21/X"),
        };
        foreach (var (what, breakIt) in broken)
        {
            var ev = good.DeepClone().AsObject();
            breakIt(ev);
            Assert.False(Valid(ev, $"{name} with {what}"), $"{what} should not match the schema");
        }
        // A valid change of the same values stays valid.
        var fine = good.DeepClone().AsObject();
        fine["eventID"] = "ni:///sha-256;00ff?ver=CBV2.0";
        fine["recordTime"] = "2026-06-01T08:00:00.123+02:00";
        Assert.True(Valid(fine, $"{name} with another eventID and recordTime"));
    }
}
