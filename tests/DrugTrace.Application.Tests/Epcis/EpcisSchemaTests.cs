using System.Text.Json;
using System.Text.Json.Nodes;
using DrugTrace.Application.Epcis;

namespace DrugTrace.Application.Tests.Epcis;

/// <summary>
/// The embedded EPCIS 2.0 schemas: a small document is checked whole, a large one (64 events or more)
/// envelope first and event by event, ObjectEvents once per shape; each problem says where.
/// </summary>
public sealed class EpcisSchemaTests
{
    private static readonly EpcisSchema Schema = new();

    private static JsonObject Event(int i) => new()
    {
        ["type"] = "ObjectEvent",
        ["eventTime"] = $"2026-06-01T08:{i % 60:D2}:00.000Z",
        ["eventTimeZoneOffset"] = "+00:00",
        ["epcList"] = new JsonArray($"https://id.gs1.org/01/09521234543213/21/S{i}"),
        ["action"] = "OBSERVE",
        ["bizStep"] = "inspecting",
    };

    private static JsonObject Document(IEnumerable<JsonNode> events) => new()
    {
        ["@context"] = new JsonArray("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"),
        ["type"] = "EPCISDocument",
        ["schemaVersion"] = "2.0",
        ["creationDate"] = "2026-06-01T10:00:00.000Z",
        ["epcisBody"] = new JsonObject { ["eventList"] = new JsonArray([.. events]) },
    };

    private static JsonObject Many(int count, params (int Index, Action<JsonObject> Break)[] broken)
    {
        var events = Enumerable.Range(0, count).Select(Event).ToList();
        foreach (var (index, breakIt) in broken) breakIt(events[index]);
        return Document(events);
    }

    private static IReadOnlyList<string> Check(JsonNode document) => Check(Schema, document);

    private static IReadOnlyList<string> Check(EpcisSchema schema, JsonNode document) => schema.Validate(JsonDocument.Parse(document.ToJsonString()).RootElement);

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(200)]
    public void A_valid_document_has_no_problem_small_or_large(int events) => Assert.Empty(Check(Many(events)));

    [Theory]
    [InlineData(1)]
    [InlineData(80)]
    public void A_document_without_its_schema_version_is_refused_at_the_root(int events)
    {
        var document = Many(events);
        document.Remove("schemaVersion");
        var problems = Check(document);
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.StartsWith("at /", p));
        // A small document is judged whole, so its complaints include the anyOf branches of its events; a large one's name the envelope only.
        if (events >= 64) Assert.Contains(problems, p => p.Contains("schemaVersion", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("an EPC that is not a URI")]
    [InlineData("an EPC that is a number")]
    [InlineData("an EPC twice")]
    [InlineData("an eventTime that is no time")]
    [InlineData("an eventTime that is a number")]
    [InlineData("a recordTime that is no time")]
    [InlineData("an eventID that is not a URI")]
    [InlineData("no action")]
    public void A_bad_event_among_many_is_found_at_its_index_as_it_is_alone(string what)
    {
        Action<JsonObject> breakIt = what switch
        {
            "an EPC that is not a URI" => e => e["epcList"]![0] = "not a uri",
            "an EPC that is a number" => e => e["epcList"]![0] = 42,
            "an EPC twice" => e => e["epcList"]!.AsArray().Add(e["epcList"]![0]!.GetValue<string>()),
            "an eventTime that is no time" => e => e["eventTime"] = "yesterday",
            "an eventTime that is a number" => e => e["eventTime"] = 20260601,
            "a recordTime that is no time" => e => e["recordTime"] = "2026-13-45T99:00:00Z",
            "an eventID that is not a URI" => e => e["eventID"] = "no uri at all",
            _ => e => e.Remove("action"),
        };
        Assert.NotEmpty(Check(Many(1, (0, breakIt))));

        var problems = Check(Many(100, (40, breakIt)));

        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.StartsWith("at /epcisBody/eventList/40", p));
    }

    [Fact]
    public void Valid_values_of_another_form_stay_valid_among_many()
    {
        var problems = Check(Many(100, (7, e =>
        {
            e["eventID"] = "ni:///sha-256;00ff?ver=CBV2.0";
            e["recordTime"] = "2026-06-01T08:00:00.123+02:00";
        })));
        Assert.Empty(problems);
    }

    [Fact]
    public void The_same_EPC_in_two_events_is_allowed()
    {
        Assert.Empty(Check(Many(70, (5, e => e["epcList"]![0] = "https://id.gs1.org/01/09521234543213/21/S6"))));
    }

    [Fact]
    public void A_bad_event_of_another_type_is_found_too()
    {
        var problems = Check(Many(70, (3, e => e["type"] = "NoSuchEvent")));
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.StartsWith("at /epcisBody/eventList/3", p));
    }

    [Fact]
    public void An_event_whose_type_is_not_a_text_is_a_problem_small_or_large()
    {
        Assert.NotEmpty(Check(Many(5, (3, e => e["type"] = 5))));
        // Once thrown from the large documents' parallel check (ValueEquals on a number) instead of being refused.
        var problems = Check(Many(70, (3, e => e["type"] = 5)));
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.StartsWith("at /epcisBody/eventList/3", p));
    }

    [Fact]
    public void More_than_three_bad_events_are_counted_and_the_first_ten_named()
    {
        var broken = Enumerable.Range(0, 12).Select(i => (i * 5 + 1, (Action<JsonObject>)(e => e["eventTime"] = "never"))).ToArray();

        var problems = Check(Many(90, broken));

        Assert.Equal("12 events do not match the schema; the first are events 1, 6, 11, 16, 21, 26, 31, 36, 41, 46", problems[^1]);
        Assert.All(problems.SkipLast(1), p => Assert.Matches("^at /epcisBody/eventList/(1|6|11)[/:]", p));
        Assert.Contains(problems, p => p.StartsWith("at /epcisBody/eventList/11", StringComparison.Ordinal));
    }

    [Fact]
    public void Three_bad_events_are_each_described_without_a_count()
    {
        var broken = new[] { 2, 50, 60 }.Select(i => (i, (Action<JsonObject>)(e => e["eventTime"] = "never"))).ToArray();
        var problems = Check(Many(90, broken));
        Assert.DoesNotContain(problems, p => p.Contains("events do not match", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("at /epcisBody/eventList/60", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("at /epcisBody/eventList/2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_large_document_whose_envelope_is_wrong_is_refused_once_for_it()
    {
        var document = Many(80);
        document["creationDate"] = "not a date";
        var problems = Check(document);
        Assert.NotEmpty(problems);
        Assert.DoesNotContain(problems, p => p.Contains("eventList/", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("creationDate", StringComparison.Ordinal));
    }

    [Fact]
    public void At_most_ten_problems_are_given_the_deepest_first()
    {
        var problems = Check(JsonNode.Parse("""{"type":"EPCISDocument","epcisBody":{"eventList":[{"type":"ObjectEvent"}]}}""")!);
        Assert.InRange(problems.Count, 1, 10);
        var depths = problems.Select(p => p.Count(c => c == '/')).ToList();
        Assert.Equal(depths.OrderByDescending(d => d), depths);
    }

    [Fact]
    public void Something_that_is_not_a_document_is_refused()
    {
        Assert.NotEmpty(Check(JsonNode.Parse("[1, 2]")!));
        Assert.NotEmpty(Check(JsonNode.Parse("""{"type":"EPCISDocument","epcisBody":{"eventList":"none"}}""")!));
    }
    [Fact]
    public void A_small_document_whose_only_fault_is_a_format_is_refused_at_that_field()
    {
        // Every value is a string, so only format validation ("date-time", "uri") finds the fault. A schema of its
        // own: what its constructor sets up is then run by this test, not only by whichever test built the shared one.
        var problems = Check(new EpcisSchema(), Many(1, (0, e => e["eventTime"] = "yesterday")));

        // The format itself is named: other branches of the event's anyOf complain of eventTime too (an enum), whether or not formats are checked.
        Assert.Contains(problems, p => p.StartsWith("at /epcisBody/eventList/0/eventTime", StringComparison.Ordinal) && p.Contains("\"date-time\"", StringComparison.Ordinal));
        Assert.DoesNotContain("the document does not match the EPCIS 2.0 JSON schema", problems);
    }

    [Fact]
    public void A_bare_event_with_its_context_is_judged_by_the_root_as_an_event()
    {
        var bare = Event(0);
        bare["@context"] = new JsonArray("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld");
        // A schema of its own, so that this test runs the constructor's choice of the root schema.
        var schema = new EpcisSchema();

        Assert.Empty(Check(schema, bare));
        bare.Remove("action");
        Assert.NotEmpty(Check(schema, bare));
    }

    // The value cache of a large capture keys times and URIs apart: a text valid as one is not valid as the other.
    private static Action<JsonObject> TimeAfterEpc(Func<string, string> time) => e =>
    {
        var epc = e["epcList"]![0]!.GetValue<string>();
        e.Remove("eventTime");
        e["eventTime"] = time(epc); // now after epcList, so the EPC is checked (and cached) first
    };

    [Fact]
    public void An_eventTime_that_is_its_own_EPC_is_refused_among_many()
    {
        var problems = Check(Many(70, (12, TimeAfterEpc(epc => epc))));
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.StartsWith("at /epcisBody/eventList/12", p));
    }

    [Fact]
    public void An_eventTime_that_is_the_cache_key_of_its_EPC_is_refused_among_many()
    {
        var problems = Check(Many(70, (12, TimeAfterEpc(epc => "u:" + epc))));
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.StartsWith("at /epcisBody/eventList/12", p));
    }

    [Fact]
    public void An_EPC_spelled_like_the_cache_key_of_a_bad_time_is_still_a_valid_URI()
    {
        // Event 0's eventTime is no time; the others' EPC, "t:" and that text, is a valid URI.
        var broken = new List<(int, Action<JsonObject>)> { (0, e => e["eventTime"] = "//drugtrace.example/never") };
        broken.AddRange(Enumerable.Range(1, 69).Select(i => (i, (Action<JsonObject>)(e => e["epcList"]!.AsArray().Add("t://drugtrace.example/never")))));

        var problems = Check(Many(70, [.. broken]));

        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.StartsWith("at /epcisBody/eventList/0/", p));
    }

    [Theory]
    [InlineData("a number")]
    [InlineData("an event without a type")]
    [InlineData("an epcList that is a text")]
    public void A_malformed_item_among_many_is_a_problem_not_an_exception(string what)
    {
        var events = Enumerable.Range(0, 70).Select(i => (JsonNode)Event(i)).ToList();
        switch (what)
        {
            case "a number": events[3] = JsonValue.Create(42); break;
            case "an event without a type": events[3].AsObject().Remove("type"); break;
            default: events[3]["epcList"] = "https://id.gs1.org/01/09521234543213/21/S3"; break;
        }

        var problems = Check(Document(events));

        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.StartsWith("at /epcisBody/eventList/3", p));
    }

    [Fact]
    public void Many_shipments_with_source_and_destination_lists_are_valid()
    {
        var events = Enumerable.Range(0, 70).Select(i =>
        {
            var e = Event(i);
            e["bizStep"] = "shipping";
            e["sourceList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["source"] = "https://id.gs1.org/414/9521234000006" });
            e["destinationList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["destination"] = "https://id.gs1.org/414/9521234000013" });
            return (JsonNode)e;
        });

        Assert.Empty(Check(Document(events)));
    }
}
