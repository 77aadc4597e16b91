using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DrugTrace.Application.Audit;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Web.Tests.Epcis;

/// <summary>
/// A capture is all or none under rollback: every event is decided against the ledger (and the
/// events before it) first, then stored in one transaction. Its own store, so that the global
/// counts of events and packs are this test's alone.
/// </summary>
public sealed class CaptureTransactionTests(DrugTraceFactory factory) : IClassFixture<DrugTraceFactory>
{
    private const string Expiry = "2030-06-30";

    public static JsonObject Commission(string gtin, string lot, string expiry, params string[] serials) => new()
    {
        ["type"] = "ObjectEvent", ["eventTime"] = "2026-01-02T03:04:05.000Z", ["eventTimeZoneOffset"] = "+00:00",
        ["epcList"] = new JsonArray([.. serials.Select(s => (JsonNode)EpcUris.Sgtin(gtin, s))]), ["action"] = "ADD",
        ["bizStep"] = "commissioning", ["disposition"] = "active",
        ["readPoint"] = new JsonObject { ["id"] = EpcUris.Location(Demo.ManufacturerGln) },
        ["ilmd"] = new JsonObject { ["cbvmda:lotNumber"] = lot, ["cbvmda:itemExpirationDate"] = expiry },
    };

    public static JsonObject Ship(string gtin, string serial, string to, string time = "2026-01-02T04:00:00.000Z") => new()
    {
        ["type"] = "ObjectEvent", ["eventTime"] = time, ["eventTimeZoneOffset"] = "+00:00",
        ["epcList"] = new JsonArray(EpcUris.Sgtin(gtin, serial)), ["action"] = "OBSERVE", ["bizStep"] = "shipping", ["disposition"] = "in_transit",
        ["readPoint"] = new JsonObject { ["id"] = EpcUris.Location(Demo.ManufacturerGln) },
        ["destinationList"] = new JsonArray(new JsonObject { ["type"] = "owning_party", ["destination"] = EpcUris.Party(to) }),
    };

    private static JsonObject Receive(string gtin, string serial) => new()
    {
        ["type"] = "ObjectEvent", ["eventTime"] = "2026-01-02T05:00:00.000Z", ["eventTimeZoneOffset"] = "+00:00",
        ["epcList"] = new JsonArray(EpcUris.Sgtin(gtin, serial)), ["action"] = "OBSERVE", ["bizStep"] = "receiving", ["disposition"] = "in_progress",
    };

    private async Task<(long Events, int Packs)> CountsAsync(string gtin, string lot)
    {
        var auditor = await new LedgerAudit(factory.Services.GetRequiredService<ILedgerStore>()).RunAsync(null, null, default);
        return (auditor.Events, await factory.Services.GetRequiredService<ILedgerStore>().CountPacksAsync(gtin, lot, default));
    }

    private static string[] Errors(JsonElement job) =>
        [.. job.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("event").GetInt32()}: {e.GetProperty("reason").GetString()}")];

    /// <summary>
    /// Commission A and B into a new lot, ship A, then receive B as the manufacturer (illegal: B is
    /// not on its way to anyone), ship B, commission C into the lot the first event registered.
    /// </summary>
    private static JsonObject FiveEvents(string gtin, string lot) => EpcisDocuments.Document(
    [
        Commission(gtin, lot, Expiry, "A1", "B1"),
        Ship(gtin, "A1", Demo.PharmacyGln),
        Receive(gtin, "B1"),
        Ship(gtin, "B1", Demo.WholesalerGln),
        Commission(gtin, lot, Expiry, "C1"),
    ], DateTimeOffset.UtcNow);

    [Fact]
    public async Task Under_rollback_a_document_whose_third_event_is_illegal_stores_nothing_and_under_proceed_the_legal_ones()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var gtin = Api.NewGtin();
        (await manufacturer.PostAsJsonAsync("/api/v1/products", new { gtin, name = "Test tablets " + gtin })).EnsureSuccessStatusCode();
        const string lot = "ROLL1";
        var document = FiveEvents(gtin, lot);
        EpcisKit.AssertValid(document);
        var before = await CountsAsync(gtin, lot);

        var rolledBack = await CaptureTests.CaptureAsync(manufacturer, document, "rollback");
        Assert.False(rolledBack.GetProperty("success").GetBoolean());
        Assert.Equal(0, rolledBack.GetProperty("applied").GetInt32());
        var errors = Errors(rolledBack);
        Assert.Equal(5, errors.Length);
        // The 3rd event is refused by the lifecycle, against the state the first two left; the others name it.
        Assert.StartsWith("2: ", errors.Single(e => e.StartsWith("2: ", StringComparison.Ordinal)));
        Assert.DoesNotContain("rollback", errors.Single(e => e.StartsWith("2: ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.All(errors.Where(e => !e.StartsWith("2: ", StringComparison.Ordinal)),
            e => Assert.Contains("event 2 was refused, and with rollback nothing of the document is stored", e, StringComparison.Ordinal));
        Assert.Equal(before, await CountsAsync(gtin, lot));
        Assert.Null(await factory.Services.GetRequiredService<ICatalogStore>().FindLotAsync(gtin, lot, default));

        var proceeded = await CaptureTests.CaptureAsync(manufacturer, FiveEvents(gtin, lot), "proceed");
        Assert.Equal(4, proceeded.GetProperty("applied").GetInt32());
        Assert.Equal(["2"], Errors(proceeded).Select(e => e.Split(':')[0]));
        var after = await CountsAsync(gtin, lot);
        // A lot event, three commissionings, two shipments.
        Assert.Equal((before.Events + 6, before.Packs + 3), after);
        var a = EpcisKit.Events(await EpcisKit.ExportAsync(manufacturer, gtin, "A1"));
        Assert.Equal(["commissioning", "shipping"], a.Select(e => (string)e["bizStep"]!));
        var b = EpcisKit.Events(await EpcisKit.ExportAsync(manufacturer, gtin, "B1"));
        Assert.Equal(["commissioning", "shipping"], b.Select(e => (string)e["bizStep"]!));
        Assert.Single(EpcisKit.Events(await EpcisKit.ExportAsync(manufacturer, gtin, "C1")));

        // The ledger tells a consistent story: the replaying audit finds nothing wrong.
        var audit = await Api.AuditAsync(factory.ClientFor(Demo.RegulatorKey));
        Assert.True(audit.GetProperty("valid").GetBoolean(), audit.GetRawText());

        // The same document again changes nothing: its packs exist and have moved on.
        var replay = await CaptureTests.CaptureAsync(manufacturer, FiveEvents(gtin, lot), "proceed");
        Assert.Contains(Errors(replay), e => e.StartsWith("0: ", StringComparison.Ordinal) && e.Contains("already commissioned", StringComparison.Ordinal));
        Assert.Equal(after, await CountsAsync(gtin, lot));
    }

    [Fact]
    public async Task A_commissioning_adds_serials_to_a_registered_lot_under_the_same_rules()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 2);
        var (packsBefore, eventsBefore) = ((await CountsAsync(gtin, lot)).Packs, (await CountsAsync(gtin, lot)).Events);

        var added = await CaptureTests.CaptureAsync(manufacturer, EpcisDocuments.Document([Commission(gtin, lot, expiry, "X1", "X2")], DateTimeOffset.UtcNow), "rollback");
        Assert.True(added.GetProperty("success").GetBoolean(), added.GetRawText());
        Assert.Equal((eventsBefore + 2, packsBefore + 2), await CountsAsync(gtin, lot));
        var pack = await factory.Services.GetRequiredService<ILedgerStore>().FindPackAsync(gtin, "X1", default);
        Assert.Equal((lot, DateOnly.Parse(expiry, System.Globalization.CultureInfo.InvariantCulture)), (pack!.Lot, pack.Expiry));
        // The lot's own chain is untouched: the packs join it, the lot is not registered again.
        Assert.Single(await factory.Services.GetRequiredService<ILedgerStore>().GetChainAsync(StreamKind.Lot, gtin, lot, default));
        // A pack commissioned into the lot is handed on like any other.
        var shipped = await CaptureTests.CaptureAsync(manufacturer, EpcisDocuments.Document([Ship(gtin, "X1", Demo.PharmacyGln)], DateTimeOffset.UtcNow));
        Assert.Equal(1, shipped.GetProperty("applied").GetInt32());

        async Task<string> RefusedAsync(HttpClient client, JsonObject ev)
        {
            var job = await CaptureTests.CaptureAsync(client, EpcisDocuments.Document([ev], DateTimeOffset.UtcNow), "rollback");
            Assert.Equal(0, job.GetProperty("applied").GetInt32());
            return job.GetProperty("errors")[0].GetProperty("reason").GetString()!;
        }
        var counts = await CountsAsync(gtin, lot);
        Assert.Contains("already commissioned", await RefusedAsync(manufacturer, Commission(gtin, lot, expiry, serials[0])), StringComparison.Ordinal);
        Assert.Contains("the packs of a lot share its expiry", await RefusedAsync(manufacturer, Commission(gtin, lot, "2031-01-31", "X3")), StringComparison.Ordinal);
        // The schema refuses an epcList with one URI twice; the same pack as a Digital Link and as a URN is found here.
        var twice = Commission(gtin, lot, expiry, "X4");
        twice["epcList"]!.AsArray().Add($"urn:epc:id:sgtin:{gtin[1..8]}.{gtin[0]}{gtin[8..13]}.X4");
        Assert.Contains("names serial X4 twice", await RefusedAsync(manufacturer, twice), StringComparison.Ordinal);
        // Another manufacturer's product is answered like an unregistered one.
        var other = factory.ClientFor(Demo.OtherManufacturerKey);
        var foreign = Commission(gtin, lot, expiry, "X5");
        // No place named: the refusal must be about the product, not about where it happened.
        foreign.Remove("readPoint");
        Assert.Contains("is not one of your registered products", await RefusedAsync(other, foreign), StringComparison.Ordinal);
        Assert.Equal(counts, await CountsAsync(gtin, lot));

        // A recalled lot takes no more packs.
        (await manufacturer.PostAsJsonAsync($"/api/v1/lots/{gtin}/{lot}/recall", new { reason = "Contamination" })).EnsureSuccessStatusCode();
        Assert.Contains("recalled", await RefusedAsync(manufacturer, Commission(gtin, lot, expiry, "X6")), StringComparison.Ordinal);
        Assert.Null(await factory.Services.GetRequiredService<ILedgerStore>().FindPackAsync(gtin, "X6", default));
    }
}
