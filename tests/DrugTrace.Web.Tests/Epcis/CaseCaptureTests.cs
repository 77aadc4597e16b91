using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Epcis;
using DrugTrace.Web.Tests.Infrastructure;
using static DrugTrace.Web.Tests.Epcis.CaptureTests;

namespace DrugTrace.Web.Tests.Epcis;

/// <summary>Issue #14: cases and pallets (SSCC) through EPCIS, exported as AggregationEvents and captured onto the case use cases.</summary>
[Collection(ApiCollection.Name)]
public sealed class CaseCaptureTests(DrugTraceFactory factory)
{
    private static string Urn(string sscc) => $"urn:epc:id:sscc:{sscc[1..8]}.{sscc[0]}{sscc[8..17]}";

    private static string NewSscc(string prefix) => Sscc.Create(0, prefix, Random.Shared.NextInt64(1, 999_999_999)).Value;

    private static JsonObject At(string gln) => new() { ["id"] = EpcUris.Location(gln) };

    private static JsonObject Event(string type, string time, string gln, string? bizStep, string action)
    {
        var ev = new JsonObject
        {
            ["type"] = type, ["eventTime"] = time, ["eventTimeZoneOffset"] = "+00:00", ["action"] = action,
            ["readPoint"] = At(gln), ["bizLocation"] = At(gln),
        };
        if (bizStep is not null) ev["bizStep"] = bizStep;
        return ev;
    }

    private static JsonObject Pack(string time, string gln, string parent, params string[] children)
    {
        var ev = Event("AggregationEvent", time, gln, "packing", "ADD");
        ev["parentID"] = parent;
        ev["childEPCs"] = new JsonArray([.. children.Select(c => (JsonNode)c)]);
        return ev;
    }

    private static JsonObject Ship(string time, string gln, string to, params string[] epcs)
    {
        var ev = Event("ObjectEvent", time, gln, "shipping", "OBSERVE");
        ev["epcList"] = new JsonArray([.. epcs.Select(c => (JsonNode)c)]);
        ev["destinationList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["destination"] = EpcUris.Party(to) });
        return ev;
    }

    private static JsonObject Document(params JsonObject[] events) => EpcisDocuments.Document(events, DateTimeOffset.UtcNow);

    private static string[] Ids(JsonObject document) => [.. EpcisKit.Events(document).Select(e => (string)e["eventID"]!)];

    [Fact]
    public async Task A_case_packed_shipped_received_and_unpacked_exports_as_aggregation_events_and_captures_into_a_fresh_store_with_the_same_IDs()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var wholesaler = factory.ClientFor(Demo.WholesalerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 2);
        var codes = serials.Select(s => Api.Code(gtin, s, lot, expiry)).ToArray();
        var packed = await manufacturer.PostAsJsonAsync("/api/v1/cases", new { codes });
        var sscc = (await packed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sscc").GetString()!;
        Assert.Equal("ok", (await Api.ScanAsync(manufacturer, $"(00){sscc}", "ship", to: Demo.WholesalerGln)).Verdict());
        Assert.Equal("ok", (await Api.ScanAsync(wholesaler, $"(00){sscc}", "receive")).Verdict());
        (await wholesaler.PostAsync($"/api/v1/cases/{sscc}/unpack", null)).EnsureSuccessStatusCode();

        var exports = new List<JsonObject>();
        foreach (var serial in serials) exports.Add(await EpcisKit.ExportAsync(manufacturer, gtin, serial));
        foreach (var export in exports) EpcisKit.AssertValid(export);
        var events = EpcisKit.Events(exports[0]);
        Assert.Equal(["ObjectEvent", "AggregationEvent", "ObjectEvent", "ObjectEvent", "AggregationEvent"], events.Select(e => (string)e["type"]!));
        var (add, delete) = (events[1], events[4]);
        Assert.Equal(EpcUris.Sscc(sscc), (string?)add["parentID"]);
        Assert.Equal([EpcUris.Sgtin(gtin, serials[0])], add["childEPCs"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(("ADD", "packing"), ((string)add["action"]!, (string)add["bizStep"]!));
        Assert.Equal(("DELETE", "unpacking"), ((string)delete["action"]!, (string)delete["bizStep"]!));
        Assert.Equal(EpcUris.Location(Demo.WholesalerGln), (string?)delete["bizLocation"]!["id"]);
        Assert.All(events, e => Assert.Equal(EventHashId.Compute(e), (string?)e["eventID"]));

        // Found by its ID (the stored, indexed hash ID) and by its type, by those who may see the pack only.
        var one = await wholesaler.GetAsync($"/epcis/events/{Uri.EscapeDataString((string)delete["eventID"]!)}");
        Assert.True(one.IsSuccessStatusCode, await one.Content.ReadAsStringAsync());
        Assert.Equal(delete.ToJsonString(), JsonNode.Parse(await one.Content.ReadAsStringAsync())!.ToJsonString());
        await Api.ProblemAsync(await factory.ClientFor(Demo.OtherPharmacyKey).GetAsync($"/epcis/events/{Uri.EscapeDataString((string)delete["eventID"]!)}"),
            System.Net.HttpStatusCode.NotFound);
        var aggregations = await manufacturer.GetFromJsonAsync<JsonObject>(
            $"/epcis/events?eventType=AggregationEvent&MATCH_epc={Uri.EscapeDataString(EpcUris.Sgtin(gtin, serials[1]))}");
        EpcisKit.AssertValid(aggregations!);
        Assert.Equal(["ADD", "DELETE"], EpcisKit.Events(aggregations!).Select(e => (string)e["action"]!));

        // Both packs' histories in one document, in time order, each event once.
        var merged = Document([.. exports.SelectMany(EpcisKit.Events).DistinctBy(e => (string)e["eventID"]!)
            .OrderBy(e => DateTimeOffset.Parse((string)e["eventTime"]!, System.Globalization.CultureInfo.InvariantCulture))
            .Select(e => e.DeepClone().AsObject())]);
        using var fresh = new DrugTraceFactory();
        var freshManufacturer = fresh.ClientFor(Demo.ManufacturerKey);
        (await freshManufacturer.PostAsJsonAsync("/api/v1/products", new { gtin, name = "Test tablets " + gtin })).EnsureSuccessStatusCode();

        // The manufacturer's commissionings, packings and shipments (the first ships the case, the second finds it shipped);
        // then the wholesaler's receipts (the case) and unpackings (the case, opened whole).
        var first = await CaptureAsync(freshManufacturer, merged);
        Assert.True(first.GetProperty("applied").GetInt32() == 6, first.GetRawText());
        Assert.All(Reasons(first), r => Assert.Contains("each party captures its own events", r));
        var second = await CaptureAsync(fresh.ClientFor(Demo.WholesalerKey), merged);
        Assert.True(second.GetProperty("applied").GetInt32() == 4, second.GetRawText());

        var caseView = await freshManufacturer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{sscc}");
        Assert.Equal("Unpacked", caseView.GetProperty("status").GetString());
        for (var i = 0; i < serials.Length; i++)
        {
            var copy = await EpcisKit.ExportAsync(freshManufacturer, gtin, serials[i]);
            EpcisKit.AssertValid(copy);
            Assert.Equal(Ids(exports[i]), Ids(copy));
        }

        // A replay changes nothing: every event is recognised as recorded.
        Assert.Equal(6, (await CaptureAsync(freshManufacturer, merged)).GetProperty("applied").GetInt32());
        Assert.Equal(4, (await CaptureAsync(fresh.ClientFor(Demo.WholesalerKey), merged)).GetProperty("applied").GetInt32());
        Assert.Equal(Ids(exports[1]), Ids(await EpcisKit.ExportAsync(freshManufacturer, gtin, serials[1])));
    }

    [Fact]
    public async Task SSCC_URNs_and_Digital_Links_pack_ship_receive_and_unpack_a_case_as_its_scans_would()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var wholesaler = factory.ClientFor(Demo.WholesalerKey);
        var (gtin, _, _, serials) = await Api.NewLotAsync(manufacturer, 2);
        var sscc = NewSscc(Demo.ManufacturerGln[..7]);
        var packs = serials.Select(s => EpcUris.Sgtin(gtin, s)).ToArray();
        var m = Demo.ManufacturerGln;

        var job = await CaptureAsync(manufacturer, Document(
            Pack("2026-02-01T10:00:00.000Z", m, Urn(sscc), packs),
            Ship("2026-02-01T11:00:00.000Z", m, Demo.WholesalerGln, Urn(sscc))), "rollback");
        Assert.True(job.GetProperty("success").GetBoolean(), job.GetRawText());
        var shipped = await wholesaler.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{sscc}");
        Assert.Equal(("InTransit", Demo.WholesalerGln, 2), (shipped.GetProperty("status").GetString(), shipped.GetProperty("shipTo").GetString(), shipped.GetProperty("packCount").GetInt32()));
        var history = EpcisKit.Events(await EpcisKit.ExportAsync(manufacturer, gtin, serials[1]));
        Assert.Equal(["commissioning", "packing", "shipping"], history.Select(e => (string)e["bizStep"]!));
        Assert.Equal(["2026-02-01T10:00:00.000Z", "2026-02-01T11:00:00.000Z"], history[1..].Select(e => (string)e["eventTime"]!));

        var w = Demo.WholesalerGln;
        var receive = Event("ObjectEvent", "2026-02-02T09:00:00.000Z", w, "receiving", "OBSERVE");
        receive["epcList"] = new JsonArray(EpcUris.Sscc(sscc));
        var dispense = Event("ObjectEvent", "2026-02-02T09:30:00.000Z", w, "dispensing", "OBSERVE");
        dispense["epcList"] = new JsonArray(EpcUris.Sscc(sscc));
        var unpack = Event("AggregationEvent", "2026-02-02T10:00:00.000Z", w, "unpacking", "DELETE");
        unpack["parentID"] = EpcUris.Sscc(sscc);
        var observe = Event("AggregationEvent", "2026-02-02T10:30:00.000Z", w, null, "OBSERVE");
        observe["parentID"] = EpcUris.Sscc(sscc);
        observe["childEPCs"] = new JsonArray(packs[0]);
        var job2 = await CaptureAsync(wholesaler, Document(receive, dispense, unpack, observe));
        Assert.Equal(2, job2.GetProperty("applied").GetInt32());
        Assert.Contains(Reasons(job2), r => r.Contains("a case can be shipped or received, not 'dispensing'", StringComparison.Ordinal));
        Assert.Contains(Reasons(job2), r => r.Contains("OBSERVE changes nothing", StringComparison.Ordinal));
        var opened = await wholesaler.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{sscc}");
        Assert.Equal(("Unpacked", Demo.WholesalerGln), (opened.GetProperty("status").GetString(), opened.GetProperty("custodian").GetString()));
        var after = EpcisKit.Events(await EpcisKit.ExportAsync(wholesaler, gtin, serials[0]));
        Assert.Equal(["commissioning", "packing", "shipping", "receiving", "unpacking"], after.Select(e => (string)e["bizStep"]!));
    }

    [Fact]
    public async Task Case_events_that_cannot_be_applied_are_refused_each_with_a_plain_reason_and_nothing_stored()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);
        var (gtin, _, _, serials) = await Api.NewLotAsync(manufacturer, 2);
        var packs = serials.Select(s => EpcUris.Sgtin(gtin, s)).ToArray();
        var m = Demo.ManufacturerGln;
        var wrongCheckDigit = NewSscc(m[..7]) is var good ? good[..17] + (char)('0' + (good[17] - '0' + 1) % 10) : "";
        var otherPrefix = NewSscc(Demo.WholesalerGln[..7]);
        var noParent = Event("AggregationEvent", "2026-02-01T10:00:00Z", m, "packing", "ADD");
        noParent["childEPCs"] = new JsonArray(packs[0]);
        var wrongStep = Pack("2026-02-01T10:00:00Z", m, EpcUris.Sscc(NewSscc(m[..7])), packs[0]);
        wrongStep["bizStep"] = "shipping";
        var unknownCase = Ship("2026-02-01T10:00:00Z", m, Demo.WholesalerGln, EpcUris.Sscc(NewSscc(m[..7])));

        var job = await CaptureAsync(manufacturer, Document(
            noParent,
            Pack("2026-02-01T10:00:00Z", m, EpcUris.Sscc(wrongCheckDigit), packs[0]),
            Pack("2026-02-01T10:00:00Z", m, EpcUris.Sscc(otherPrefix), packs[0]),
            Pack("2026-02-01T10:00:00Z", m, EpcUris.Sscc(NewSscc(m[..7])), packs[0], packs[0]),
            Pack("2026-02-01T10:00:00Z", m, EpcUris.Sscc(NewSscc(m[..7])), packs[0], "https://id.gs1.org/414/" + m),
            wrongStep,
            unknownCase));
        Assert.Equal(0, job.GetProperty("applied").GetInt32());
        var reasons = Reasons(job);
        Assert.Equal(7, reasons.Length);
        Assert.Contains("parentID is the case or pallet, an SSCC", reasons[0]);
        Assert.Contains("wrong check digit", reasons[1]);
        Assert.Contains("is not under your GS1 company prefix", reasons[2]);
        Assert.Contains("names a child twice", reasons[3]);
        Assert.Contains("neither a pack (SGTIN) nor a case (SSCC)", reasons[4]);
        Assert.Contains("the bizStep 'shipping' has no meaning for it", reasons[5]);
        Assert.Contains("No case or pallet with SSCC", reasons[6]);

        // The same authorisation as the case use cases: a pharmacy packs no cases; a wholesaler packs only what it holds.
        var p = Demo.PharmacyGln;
        var byPharmacy = await CaptureAsync(pharmacy, Document(Pack("2026-02-01T10:00:00Z", p, EpcUris.Sscc(NewSscc(p[..7])), packs[1])));
        Assert.Equal("A pharmacy may not pack cases.", Reasons(byPharmacy).Single());
        var w = Demo.WholesalerGln;
        var byWholesaler = await CaptureAsync(factory.ClientFor(Demo.WholesalerKey), Document(Pack("2026-02-01T10:00:00Z", w, EpcUris.Sscc(NewSscc(w[..7])), packs[1])));
        Assert.Contains("is not in your stock", Reasons(byWholesaler).Single());
        foreach (var serial in serials)
            Assert.Equal(["commissioning"], EpcisKit.Events(await EpcisKit.ExportAsync(manufacturer, gtin, serial)).Select(e => (string)e["bizStep"]!));
    }
}
