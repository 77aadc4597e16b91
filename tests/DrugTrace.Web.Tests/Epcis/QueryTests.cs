using System.Net;
using System.Text.Json.Nodes;
using DrugTrace.Domain.Epcis;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Epcis;

[Collection(ApiCollection.Name)]
public sealed class QueryTests(DrugTraceFactory factory)
{
    private static async Task<(JsonObject Document, string? Next)> QueryAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/epcis/events?" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonNode.Parse(text)!.AsObject();
        EpcisKit.AssertValid(document);
        Assert.Equal("EPCISQueryDocument", (string?)document["type"]);
        var next = response.Headers.TryGetValues("Link", out var links) ? links.Single() : null;
        return (document, next);
    }

    private static string[] Steps(JsonObject document) => [.. EpcisKit.Events(document).Select(e => (string)e["bizStep"]!)];

    private async Task<(string Gtin, string Lot, string[] Serials)> ShippedLotAsync(int quantity)
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, quantity);
        await Api.ScanAsync(manufacturer, Api.Code(gtin, serials[0], lot, expiry), "ship", to: Demo.PharmacyGln);
        await Api.ScanAsync(factory.ClientFor(Demo.PharmacyKey), Api.Code(gtin, serials[0], lot, expiry), "receive");
        return (gtin, lot, serials);
    }

    [Fact]
    public async Task Events_are_found_by_EPC_step_disposition_location_class_time_and_eventID()
    {
        var (gtin, lot, serials) = await ShippedLotAsync(2);
        var regulator = factory.ClientFor(Demo.RegulatorKey);
        var epc = Uri.EscapeDataString(EpcUris.Sgtin(gtin, serials[0]));

        var (all, _) = await QueryAsync(regulator, $"MATCH_epc={epc}");
        Assert.Equal(["commissioning", "shipping", "receiving"], Steps(all));
        // The same pack by its SGTIN URN.
        var urn = $"urn:epc:id:sgtin:{gtin[1..8]}.{gtin[0]}{gtin[8..13]}.{serials[0]}";
        Assert.Equal(3, EpcisKit.Events((await QueryAsync(regulator, $"MATCH_anyEPC={Uri.EscapeDataString(urn)}")).Document).Length);

        Assert.Equal(["shipping"], Steps((await QueryAsync(regulator, $"MATCH_epc={epc}&EQ_bizStep=urn:epcglobal:cbv:bizstep:shipping")).Document));
        Assert.Equal(["receiving"], Steps((await QueryAsync(regulator, $"MATCH_epc={epc}&EQ_disposition=in_progress")).Document));
        Assert.Equal(["receiving"], Steps((await QueryAsync(regulator,
            $"MATCH_epc={epc}&EQ_bizLocation={Uri.EscapeDataString(EpcUris.Location(Demo.PharmacyGln))}")).Document));
        Assert.Empty(EpcisKit.Events((await QueryAsync(regulator, $"MATCH_epc={epc}&eventType=AggregationEvent")).Document));

        // The whole lot: both packs' commissioning.
        var lotEvents = EpcisKit.Events((await QueryAsync(regulator,
            $"MATCH_epcClass={Uri.EscapeDataString(EpcUris.Lgtin(gtin, lot))}&EQ_bizStep=commissioning")).Document);
        Assert.Equal(2, lotEvents.Length);

        var shipping = EpcisKit.Events(all)[1];
        var eventTime = DateTimeOffset.Parse((string)shipping["eventTime"]!, System.Globalization.CultureInfo.InvariantCulture);
        var since = Uri.EscapeDataString(eventTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["shipping", "receiving"], Steps((await QueryAsync(regulator, $"MATCH_epc={epc}&GE_eventTime={since}")).Document));
        Assert.Equal(["commissioning"], Steps((await QueryAsync(regulator, $"MATCH_epc={epc}&LT_eventTime={since}")).Document));
        Assert.Equal(3, EpcisKit.Events((await QueryAsync(regulator, $"MATCH_epc={epc}&GE_recordTime=2000-01-01T00:00:00Z")).Document).Length);

        var id = (string)shipping["eventID"]!;
        Assert.Equal(["shipping"], Steps((await QueryAsync(regulator, $"EQ_eventID={Uri.EscapeDataString(id)}&MATCH_epc={epc}")).Document));
        var one = await regulator.GetAsync($"/epcis/events/{Uri.EscapeDataString(id)}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(id, (string?)JsonNode.Parse(await one.Content.ReadAsStringAsync())!["eventID"]);
        var byEpc = await regulator.GetAsync($"/epcis/epcs/{epc}/events");
        Assert.Equal(3, EpcisKit.Events(JsonNode.Parse(await byEpc.Content.ReadAsStringAsync())!.AsObject()).Length);
    }

    [Fact]
    public async Task Pages_follow_the_Link_header_until_every_event_was_seen_once()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, _, _) = await Api.NewLotAsync(manufacturer, 5);
        var url = $"MATCH_epcClass={Uri.EscapeDataString(EpcUris.Lgtin(gtin, lot))}&perPage=2";
        var seen = new List<string>();
        string? link;
        var query = url;
        var pages = 0;
        do
        {
            var (document, next) = await QueryAsync(manufacturer, query);
            var events = EpcisKit.Events(document);
            Assert.True(events.Length <= 2);
            seen.AddRange(events.Select(e => (string)e["eventID"]!));
            link = next;
            if (link is not null)
            {
                Assert.EndsWith("; rel=\"next\"", link);
                query = link[(link.IndexOf('?') + 1)..link.IndexOf('>')];
            }
            pages++;
        } while (link is not null && pages < 10);
        Assert.Equal(3, pages);
        Assert.Equal(5, seen.Distinct().Count());
        Assert.Equal(5, seen.Count);
    }

    [Fact]
    public async Task A_party_sees_the_events_of_packs_it_handled_or_owns_and_no_others()
    {
        var (gtin, _, serials) = await ShippedLotAsync(2);
        var epcs = $"MATCH_epc={Uri.EscapeDataString(EpcUris.Sgtin(gtin, serials[0]))}|{Uri.EscapeDataString(EpcUris.Sgtin(gtin, serials[1]))}";
        Assert.Equal(4, EpcisKit.Events((await QueryAsync(factory.ClientFor(Demo.ManufacturerKey), epcs)).Document).Length);
        // The pharmacy received the first pack only.
        Assert.Equal(3, EpcisKit.Events((await QueryAsync(factory.ClientFor(Demo.PharmacyKey), epcs)).Document).Length);
        Assert.Empty(EpcisKit.Events((await QueryAsync(factory.ClientFor(Demo.OtherPharmacyKey), epcs)).Document));
        Assert.Empty(EpcisKit.Events((await QueryAsync(factory.ClientFor(Demo.OtherManufacturerKey), epcs)).Document));
        var hidden = await factory.ClientFor(Demo.OtherPharmacyKey).GetAsync($"/epcis/epcs/{Uri.EscapeDataString(EpcUris.Sgtin(gtin, serials[0]))}/events");
        Assert.Empty(EpcisKit.Events(JsonNode.Parse(await hidden.Content.ReadAsStringAsync())!.AsObject()));
        await Api.ProblemAsync(await factory.CreateClient().GetAsync("/epcis/events"), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("perPage=0", "perPage")]
    [InlineData("perPage=abc", "perPage")]
    [InlineData("nextPageToken=xyz", "nextPageToken")]
    [InlineData("eventType=PartyEvent", "eventType")]
    [InlineData("GE_eventTime=yesterday", "GE_eventTime")]
    [InlineData("MATCH_epc=urn:epc:id:sgtin:1.2.3", "MATCH_epc")]
    [InlineData("MATCH_epcClass=nothing", "MATCH_epcClass")]
    [InlineData("EQ_bizLocation=somewhere", "EQ_bizLocation")]
    public async Task Malformed_parameters_are_a_400_that_names_them(string query, string field)
    {
        var problem = await Api.ProblemAsync(await factory.ClientFor(Demo.RegulatorKey).GetAsync("/epcis/events?" + query), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task An_unknown_eventID_is_a_404()
    {
        await Api.ProblemAsync(await factory.ClientFor(Demo.RegulatorKey).GetAsync(
            "/epcis/events/" + Uri.EscapeDataString("ni:///sha-256;" + new string('0', 64) + "?ver=CBV2.0")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_event_beyond_the_stretch_one_page_reads_is_still_found_by_its_ID()
    {
        // More than one page's scan (20,000 events) lies between the start of the log and the shipment.
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 20_001);
        await Api.ScanAsync(manufacturer, Api.Code(gtin, serials[0], lot, expiry), "ship", to: Demo.PharmacyGln);
        var regulator = factory.ClientFor(Demo.RegulatorKey);
        var shipped = EpcisKit.Events(await EpcisKit.ExportAsync(regulator, gtin, serials[0]))[1];
        var id = (string)shipped["eventID"]!;

        var response = await regulator.GetAsync("/epcis/events/" + Uri.EscapeDataString(id));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal(id, (string?)JsonNode.Parse(text)!["eventID"]);
    }

    [Fact]
    public async Task A_query_in_another_EPCIS_or_CBV_version_is_refused_as_a_capture_is_and_every_answer_names_the_versions()
    {
        var regulator = factory.ClientFor(Demo.RegulatorKey);
        var (gtin, _, serials) = await ShippedLotAsync(1);
        string[] paths =
        [
            "/epcis/events?perPage=1",
            "/epcis/events/" + Uri.EscapeDataString("ni:///sha-256;00?ver=CBV2.0"),
            $"/epcis/epcs/{Uri.EscapeDataString(EpcUris.Sgtin(gtin, serials[0]))}/events",
        ];
        foreach (var path in paths)
        {
            foreach (var (header, value) in new[] { ("GS1-EPCIS-Version", "1.2"), ("GS1-CBV-Version", "1.2") })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add(header, value);
                var response = await regulator.SendAsync(request);
                var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
                Assert.Equal("epcisException:ValidationException", problem.GetProperty("type").GetString());
                Assert.Contains($"{header} 1.2 is not supported", problem.GetProperty("detail").GetString());
                Assert.Equal("2.0", response.Headers.GetValues("GS1-EPCIS-Version").Single());
            }

            using var current = new HttpRequestMessage(HttpMethod.Get, path);
            current.Headers.Add("GS1-EPCIS-Version", "2.0");
            current.Headers.Add("GS1-CBV-Version", "2.0");
            var answer = await regulator.SendAsync(current);
            Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {(int)answer.StatusCode}");
            Assert.Equal("2.0", answer.Headers.GetValues("GS1-EPCIS-Version").Single());
            Assert.Equal("2.0", answer.Headers.GetValues("GS1-CBV-Version").Single());
        }
    }
}
