using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Security;

/// <summary>Least disclosure: an uninvolved scanner is not told who holds a pack; another brand's lot looks like no lot at all.</summary>
[Collection(ApiCollection.Name)]
public sealed class DisclosureTests(DrugTraceFactory factory)
{
    [Fact]
    public async Task A_party_that_neither_holds_nor_expects_a_pack_learns_genuine_and_status_but_not_who_holds_it()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 2);
        var code = Api.Code(gtin, serials[0], lot, expiry);
        await Api.ScanAsync(manufacturer, code, "ship", to: Demo.PharmacyGln);

        // Harbour neither holds it (Helvetia ships it) nor expects it (it is on its way to Linden).
        var stranger = await Api.ScanAsync(factory.ClientFor(Demo.OtherPharmacyKey), code, "verify");
        var text = stranger.GetRawText();
        // Genuine, with a custody exception (a misdelivery, or a shipment not yet recorded), not a clone.
        Assert.Equal("warning", stranger.Verdict());
        Assert.Equal(["CustodyException"], stranger.AlertKinds());
        Assert.Equal("InTransit", stranger.GetProperty("pack").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, stranger.GetProperty("pack").GetProperty("custodian").ValueKind);
        foreach (var secret in new[] { Demo.ManufacturerGln, Demo.PharmacyGln, "Helvetia", "Linden" })
            Assert.DoesNotContain(secret, text);
        Assert.Contains("another party", text);

        // The party it is on its way to, and the brand owner, are told.
        var expected = await Api.ScanAsync(factory.ClientFor(Demo.PharmacyKey), code, "verify");
        Assert.Equal(Demo.ManufacturerGln, expected.GetProperty("pack").GetProperty("custodian").GetString());
        var owner = await Api.ScanAsync(manufacturer, Api.Code(gtin, serials[1], lot, expiry), "verify");
        Assert.Equal(Demo.ManufacturerGln, owner.GetProperty("pack").GetProperty("custodian").GetString());
    }

    [Fact]
    public async Task Another_brands_lot_and_an_unknown_lot_get_the_same_404_from_recall_and_the_lot_endpoints()
    {
        var (gtin, lot, _, _) = await Api.NewLotAsync(factory.ClientFor(Demo.ManufacturerKey), 1);
        var nordic = factory.ClientFor(Demo.OtherManufacturerKey);

        var theirs = await Api.ProblemAsync(await nordic.PostAsJsonAsync($"/api/v1/lots/{gtin}/{lot}/recall", new { reason = "Probe" }), HttpStatusCode.NotFound);
        var unknown = await Api.ProblemAsync(await nordic.PostAsJsonAsync($"/api/v1/lots/{gtin}/NOSUCH1/recall", new { reason = "Probe" }), HttpStatusCode.NotFound);
        Assert.Equal(theirs.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString()!.Replace("NOSUCH1", lot, StringComparison.Ordinal));

        var packs = await Api.ProblemAsync(await nordic.GetAsync($"/api/v1/lots/{gtin}/{lot}/packs"), HttpStatusCode.NotFound);
        var noPacks = await Api.ProblemAsync(await nordic.GetAsync($"/api/v1/lots/{gtin}/NOSUCH1/packs"), HttpStatusCode.NotFound);
        Assert.Equal(packs.GetProperty("detail").GetString(), noPacks.GetProperty("detail").GetString()!.Replace("NOSUCH1", lot, StringComparison.Ordinal));

        var labels = await nordic.GetAsync($"/api/v1/lots/{gtin}/{lot}/labels");
        Assert.Equal(HttpStatusCode.NotFound, labels.StatusCode);
        var commission = await nordic.PostAsJsonAsync("/api/v1/lots", new { gtin, lot = "PROBE1", expiry = "2030-01-31", quantity = 1 });
        await Api.ProblemAsync(commission, HttpStatusCode.NotFound);

        // Nothing changed: the lot is not recalled.
        var page = await factory.ClientFor(Demo.ManufacturerKey).GetFromJsonAsync<JsonElement>($"/api/v1/lots/{gtin}/{lot}/packs");
        Assert.False(page.GetProperty("recalled").GetBoolean());
    }
}
