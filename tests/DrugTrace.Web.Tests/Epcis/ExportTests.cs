using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DrugTrace.Domain.Epcis;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Epcis;

[Collection(ApiCollection.Name)]
public sealed class ExportTests(DrugTraceFactory factory)
{
    [Fact]
    public async Task A_packs_history_exports_as_a_valid_EPCIS_document_with_CBV_steps_and_event_hash_IDs()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);
        var (gtin, lot, expiry, serial, code) = await Api.PackAtPharmacyAsync(manufacturer, pharmacy, dispensed: true);
        await Api.ScanAsync(pharmacy, code, "undo-dispense");
        await Api.ScanAsync(pharmacy, code, "decommission", reason: "free-sample");

        var document = await EpcisKit.ExportAsync(pharmacy, gtin, serial);
        EpcisKit.AssertValid(document);
        Assert.Equal("EPCISDocument", (string?)document["type"]);
        var events = EpcisKit.Events(document);
        Assert.Equal(["commissioning", "shipping", "receiving", "dispensing", Cbv.BizStep.DrugTrace("undo_dispensing"), "decommissioning"],
            events.Select(e => (string?)e["bizStep"]));
        Assert.Equal(["active", "in_transit", "in_progress", "dispensed", "active", Cbv.Disposition.DrugTrace("free_sample")],
            events.Select(e => (string?)e["disposition"]));
        Assert.All(events, e => Assert.Equal($"https://id.gs1.org/01/{gtin}/21/{serial}", (string?)e["epcList"]![0]));
        Assert.Equal("ADD", (string?)events[0]["action"]);
        Assert.Equal(lot, (string?)events[0]["ilmd"]!["cbvmda:lotNumber"]);
        Assert.Equal(expiry, (string?)events[0]["ilmd"]!["cbvmda:itemExpirationDate"]);
        Assert.Equal($"https://id.gs1.org/414/{Demo.ManufacturerGln}", (string?)events[0]["readPoint"]!["id"]);
        Assert.Equal($"https://id.gs1.org/417/{Demo.ManufacturerGln}", (string?)events[1]["sourceList"]![0]!["source"]);
        Assert.Equal($"https://id.gs1.org/417/{Demo.PharmacyGln}", (string?)events[1]["destinationList"]![0]!["destination"]);
        Assert.Equal($"https://id.gs1.org/414/{Demo.PharmacyGln}", (string?)events[2]["bizLocation"]!["id"]);

        // Each eventID is the CBV 2.0 hash of the event as published, and they all differ.
        foreach (var e in events)
            Assert.Equal((string?)e["eventID"], EventHashId.Compute(e));
        Assert.Equal(events.Length, events.Select(e => (string?)e["eventID"]).Distinct().Count());
        Assert.All(events, e => Assert.Matches("^ni:///sha-256;[0-9a-f]{64}\\?ver=CBV2.0$", (string?)e["eventID"]));

        // An export twice gives the same event IDs: they depend on the events only.
        var again = EpcisKit.Events(await EpcisKit.ExportAsync(factory.ClientFor(Demo.RegulatorKey), gtin, serial));
        Assert.Equal(events.Select(e => (string?)e["eventID"]), again.Select(e => (string?)e["eventID"]));
    }

    [Fact]
    public async Task Every_decommission_reason_maps_to_a_schema_valid_step_and_disposition()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        string[] reasons = ["destroyed", "stolen", "sample", "exported", "locked"];
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, reasons.Length);
        for (var i = 0; i < reasons.Length; i++)
            await Api.ScanAsync(manufacturer, Api.Code(gtin, serials[i], lot, expiry), "decommission", reason: reasons[i]);
        await Api.ScanAsync(manufacturer, Api.Code(gtin, serials[4], lot, expiry), "unlock");

        var last = new List<(string? Step, string? Disposition)>();
        for (var i = 0; i < reasons.Length; i++)
        {
            var document = await EpcisKit.ExportAsync(manufacturer, gtin, serials[i]);
            EpcisKit.AssertValid(document);
            var e = EpcisKit.Events(document)[1];
            last.Add(((string?)e["bizStep"], (string?)e["disposition"]));
        }
        Assert.Equal(("destroying", "destroyed"), last[0]);
        Assert.Equal(("decommissioning", "stolen"), last[1]);
        Assert.Equal(("sampling", Cbv.Disposition.DrugTrace("sample")), last[2]);
        Assert.Equal(("decommissioning", Cbv.Disposition.DrugTrace("exported")), last[3]);
        Assert.Equal(("decommissioning", Cbv.Disposition.DrugTrace("locked")), last[4]);
        var unlocked = EpcisKit.Events(await EpcisKit.ExportAsync(manufacturer, gtin, serials[4]))[2];
        Assert.Equal(Cbv.BizStep.DrugTrace("unlocking"), (string?)unlocked["bizStep"]);
    }

    [Fact]
    public async Task The_export_is_seen_only_by_those_who_may_see_the_packs_history()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, _, _, serials) = await Api.NewLotAsync(manufacturer, 1);
        var stranger = factory.ClientFor(Demo.OtherPharmacyKey);
        await Api.ProblemAsync(await stranger.GetAsync($"/api/v1/packs/{gtin}/{serials[0]}/epcis"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await factory.CreateClient().GetAsync($"/api/v1/packs/{gtin}/{serials[0]}/epcis"), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await manufacturer.GetAsync("/api/v1/packs/123/x/epcis"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public void The_schema_accepts_the_official_examples_and_says_what_is_wrong_with_a_broken_document()
    {
        var checkedCount = 0;
        foreach (var file in EpcisKit.Examples())
        {
            var problems = EpcisKit.Schema.Validate(JsonDocument.Parse(File.ReadAllText(file)).RootElement);
            Assert.True(problems.Count == 0, Path.GetFileName(file) + ": " + string.Join("; ", problems));
            checkedCount++;
        }
        Assert.True(checkedCount >= 40, $"only {checkedCount} examples found");

        var broken = JsonNode.Parse(File.ReadAllText(Path.Combine(EpcisKit.ExamplesFolder, "Example_9.6.1-ObjectEvent.jsonld")))!;
        broken["epcisBody"]!["eventList"]![0]!["action"] = "THROW";
        var complaint = EpcisKit.Schema.Validate(JsonDocument.Parse(broken.ToJsonString()).RootElement);
        Assert.Contains(complaint, p => p.Contains("/epcisBody/eventList/0", StringComparison.Ordinal));
    }

    [Fact]
    public void A_large_document_is_checked_event_by_event_with_the_same_verdict_and_the_same_complaint()
    {
        // 100 copies of an official event: past the size where events are checked in parallel.
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(EpcisKit.ExamplesFolder, "Example_9.6.1-ObjectEvent.jsonld")))!;
        var list = document["epcisBody"]!["eventList"]!.AsArray();
        var first = list[0]!.ToJsonString();
        list.Clear();
        for (var i = 0; i < 100; i++) list.Add(JsonNode.Parse(first));
        EpcisKit.AssertValid(document);

        // One bad event deep in the list is found and named, as in a small document.
        list[70]!["action"] = "THROW";
        var complaint = EpcisKit.Schema.Validate(JsonDocument.Parse(document.ToJsonString()).RootElement);
        Assert.Contains(complaint, p => p.Contains("/epcisBody/eventList/70", StringComparison.Ordinal));
        Assert.DoesNotContain(complaint, p => p.Contains("/epcisBody/eventList/69", StringComparison.Ordinal));

        // So is a bad envelope around 100 good events.
        list[70]!["action"] = "OBSERVE";
        document["schemaVersion"] = 2;
        Assert.NotEmpty(EpcisKit.Schema.Validate(JsonDocument.Parse(document.ToJsonString()).RootElement));
    }
}
