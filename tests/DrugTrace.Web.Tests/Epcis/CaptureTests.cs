using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DrugTrace.Domain.Epcis;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Epcis;

[Collection(ApiCollection.Name)]
public sealed class CaptureTests(DrugTraceFactory factory)
{
    public static HttpContent Body(string json, string type = "application/ld+json") =>
        new StringContent(json, Encoding.UTF8, type);

    public static async Task<JsonElement> CaptureAsync(HttpClient client, JsonNode document, string behaviour = "proceed")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/epcis/capture") { Content = Body(document.ToJsonString()) };
        request.Headers.Add("GS1-Capture-Error-Behaviour", behaviour);
        request.Headers.Add("GS1-EPCIS-Version", "2.0");
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/epcis/capture/", location);
        // Wait for the job on its own signal (running = false), with a generous deadline.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>(location);
            if (!job.GetProperty("running").GetBoolean()) return job;
            Assert.True(DateTime.UtcNow < deadline, "the capture job did not finish: " + job.GetRawText());
            await Task.Delay(50);
        }
    }

    public static string[] Reasons(JsonElement job) =>
        [.. job.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("reason").GetString()!)];

    [Fact]
    public async Task An_exported_history_captured_into_a_fresh_store_by_the_same_parties_exports_with_the_same_event_IDs()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);
        var (gtin, _, _, serial, _) = await Api.PackAtPharmacyAsync(manufacturer, pharmacy, dispensed: true);
        var original = await EpcisKit.ExportAsync(manufacturer, gtin, serial);
        var ids = EpcisKit.Events(original).Select(e => (string)e["eventID"]!).ToArray();

        using var fresh = new DrugTraceFactory();
        var freshManufacturer = fresh.ClientFor(Demo.ManufacturerKey);
        (await freshManufacturer.PostAsJsonAsync("/api/v1/products", new { gtin, name = "Test tablets " + gtin })).EnsureSuccessStatusCode();

        // Each party captures its own events; the others' are refused with the reason.
        var first = await CaptureAsync(freshManufacturer, original);
        Assert.Equal(2, first.GetProperty("applied").GetInt32());
        Assert.All(Reasons(first), r => Assert.Contains("each party captures its own events", r));
        var second = await CaptureAsync(fresh.ClientFor(Demo.PharmacyKey), original);
        Assert.Equal(2, second.GetProperty("applied").GetInt32());

        var copy = await EpcisKit.ExportAsync(freshManufacturer, gtin, serial);
        EpcisKit.AssertValid(copy);
        Assert.Equal(ids, EpcisKit.Events(copy).Select(e => (string)e["eventID"]!));

        // A replay changes nothing: every event is already recorded.
        var replay = await CaptureAsync(freshManufacturer, original);
        Assert.Equal(2, replay.GetProperty("applied").GetInt32());
        Assert.Equal(ids, EpcisKit.Events(await EpcisKit.ExportAsync(freshManufacturer, gtin, serial)).Select(e => (string)e["eventID"]!));
    }

    [Fact]
    public async Task Every_official_example_is_read_and_each_event_is_applied_or_refused_with_a_reason()
    {
        var regulator = factory.ClientFor(Demo.RegulatorKey);
        var files = 0;
        foreach (var file in EpcisKit.Examples())
        {
            var document = JsonNode.Parse(File.ReadAllText(file))!;
            if ((string?)document["type"] != "EPCISDocument")
            {
                var refused = await regulator.PostAsync("/epcis/capture", Body(document.ToJsonString()));
                await Api.ProblemAsync(refused, HttpStatusCode.BadRequest);
                continue;
            }
            var job = await CaptureAsync(regulator, document);
            var events = job.GetProperty("events").GetInt32();
            Assert.True(events > 0, file);
            // None of the examples' parties or packs are DrugTrace's: every event is refused, each with its reason.
            Assert.Equal(0, job.GetProperty("applied").GetInt32());
            var errors = job.GetProperty("errors").EnumerateArray().ToArray();
            Assert.True(Enumerable.Range(0, events).SequenceEqual(errors.Select(e => e.GetProperty("event").GetInt32()).Order()),
                Path.GetFileName(file) + ": " + job.GetRawText());
            Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("reason").GetString())));
            Assert.DoesNotContain(errors, e => e.GetProperty("reason").GetString()!.Contains("internal error", StringComparison.Ordinal));
            files++;
        }
        Assert.True(files >= 40, $"{files} documents");
    }

    [Fact]
    public async Task With_rollback_one_event_that_cannot_be_applied_keeps_the_whole_document_out()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);
        var ship = new JsonObject
        {
            ["type"] = "ObjectEvent", ["eventTime"] = "2026-01-02T03:04:05.678Z", ["eventTimeZoneOffset"] = "+00:00",
            ["epcList"] = new JsonArray(EpcUris.Sgtin(gtin, serials[0])), ["action"] = "OBSERVE", ["bizStep"] = "shipping",
            ["readPoint"] = new JsonObject { ["id"] = $"urn:epc:id:sgln:{Demo.ManufacturerGln[..7]}.{Demo.ManufacturerGln[7..12]}.0" },
            ["destinationList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["destination"] = EpcUris.Party(Demo.PharmacyGln) }),
        };
        var inspect = new JsonObject
        {
            ["type"] = "ObjectEvent", ["eventTime"] = "2026-01-02T03:04:06Z", ["eventTimeZoneOffset"] = "+00:00",
            ["epcList"] = new JsonArray(EpcUris.Sgtin(gtin, serials[0])), ["action"] = "OBSERVE", ["bizStep"] = "inspecting",
        };
        var document = EpcisDocuments.Document([ship, inspect], DateTimeOffset.UtcNow);

        var job = await CaptureAsync(manufacturer, document, "rollback");
        Assert.False(job.GetProperty("success").GetBoolean());
        Assert.Equal(0, job.GetProperty("applied").GetInt32());
        Assert.Contains(Reasons(job), r => r.Contains("'inspecting' has no meaning", StringComparison.Ordinal));
        Assert.Single(EpcisKit.Events(await EpcisKit.ExportAsync(manufacturer, gtin, serials[0])));

        // With proceed, the shipment is applied (at its own eventTime) and the inspection refused.
        var proceed = await CaptureAsync(manufacturer, EpcisDocuments.Document([ship.DeepClone().AsObject(), inspect.DeepClone().AsObject()], DateTimeOffset.UtcNow));
        Assert.Equal(1, proceed.GetProperty("applied").GetInt32());
        var events = EpcisKit.Events(await EpcisKit.ExportAsync(manufacturer, gtin, serials[0]));
        Assert.Equal(["commissioning", "shipping"], events.Select(e => (string)e["bizStep"]!));
        Assert.Equal("2026-01-02T03:04:05.678Z", (string?)events[1]["eventTime"]);
        _ = (lot, expiry);
    }

    [Fact]
    public async Task Bad_requests_are_refused_at_once_with_a_problem_and_nothing_stored()
    {
        var client = factory.ClientFor(Demo.ManufacturerKey);
        var valid = File.ReadAllText(Path.Combine(EpcisKit.ExamplesFolder, "Example_9.6.1-ObjectEvent.jsonld"));

        await Api.ProblemAsync(await client.PostAsync("/epcis/capture", Body(valid, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        var notJson = await Api.ProblemAsync(await client.PostAsync("/epcis/capture", Body("{\"type\": ")), HttpStatusCode.BadRequest);
        Assert.Equal("epcisException:ValidationException", notJson.GetProperty("type").GetString());

        var broken = JsonNode.Parse(valid)!;
        broken["epcisBody"]!["eventList"]![0]!["action"] = "THROW";
        var schema = await Api.ProblemAsync(await client.PostAsync("/epcis/capture", Body(broken.ToJsonString())), HttpStatusCode.BadRequest);
        Assert.Equal("epcisException:ValidationException", schema.GetProperty("type").GetString());
        Assert.Contains("/epcisBody/eventList/0", schema.GetProperty("detail").GetString());

        foreach (var (header, value) in new[] { ("GS1-EPCIS-Version", "1.2"), ("GS1-CBV-Version", "1.0"), ("GS1-Capture-Error-Behaviour", "ignore") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/epcis/capture") { Content = Body(valid) };
            request.Headers.Add(header, value);
            var problem = await Api.ProblemAsync(await client.SendAsync(request), HttpStatusCode.BadRequest);
            Assert.Contains(value, problem.GetProperty("detail").GetString());
        }
        await Api.ProblemAsync(await factory.CreateClient().PostAsync("/epcis/capture", Body(valid)), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await client.GetAsync("/epcis/capture/nosuchjob"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Options_advertises_the_limits_and_documents_beyond_them_are_a_413()
    {
        using var small = factory.WithWebHostBuilder(b => b
            .UseSetting("Epcis:CaptureLimit", "1").UseSetting("Epcis:CaptureFileSizeLimit", "4000"));
        var client = small.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Demo.ManufacturerKey);
        var options = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/epcis/capture"));
        Assert.Equal("1", options.Headers.GetValues("GS1-EPCIS-Capture-Limit").Single());
        Assert.Equal("4000", options.Headers.GetValues("GS1-EPCIS-Capture-File-Size-Limit").Single());

        var two = File.ReadAllText(Path.Combine(EpcisKit.ExamplesFolder, "Example_9.6.1-ObjectEvent.jsonld"));
        var doc = JsonNode.Parse(two)!;
        Assert.True(doc["epcisBody"]!["eventList"]!.AsArray().Count > 1);
        var tooMany = doc.ToJsonString();
        if (Encoding.UTF8.GetByteCount(tooMany) <= 4000)
            await Api.ProblemAsync(await client.PostAsync("/epcis/capture", Body(tooMany)), HttpStatusCode.RequestEntityTooLarge);
        var big = File.ReadAllText(Path.Combine(EpcisKit.ExamplesFolder, "WithFullCombinationOfFields", "object_event_all_possible_fields.jsonld"));
        Assert.True(Encoding.UTF8.GetByteCount(big) > 4000);
        await Api.ProblemAsync(await client.PostAsync("/epcis/capture", Body(big)), HttpStatusCode.RequestEntityTooLarge);
    }
}
