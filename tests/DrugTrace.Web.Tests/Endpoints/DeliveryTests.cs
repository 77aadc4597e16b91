using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Endpoints;

[Collection(ApiCollection.Name)]
public sealed class DeliveryTests(DrugTraceFactory factory)
{
    [Fact]
    public async Task A_delivery_is_received_in_one_go_with_an_answer_per_pack()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 4);
        foreach (var serial in serials[..3])
            Assert.Equal("ok", (await Api.ScanAsync(manufacturer, Api.Code(gtin, serial, lot, expiry), "ship", to: Demo.PharmacyGln)).Verdict());
        var codes = new[]
        {
            Api.Code(gtin, serials[0], lot, expiry),
            $"]d201{gtin}17{expiry[2..4]}{expiry[5..7]}{expiry[8..10]}10{lot}\u001d21{serials[1]}",
            Api.Code(gtin, serials[0], lot, expiry),            // scanned twice
            $"01{gtin}10{lot}<GS>21{serials[2]}",              // wedge scanner typing <GS>
            Api.Code(gtin, serials[3], lot, expiry),            // not shipped to this pharmacy
            "(01)04012345000116(21)X",                          // check digit wrong
        };

        var response = await pharmacy.PostAsJsonAsync("/api/v1/deliveries/receive", new { codes });
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, receipt.GetRawText());

        Assert.Equal(6, receipt.GetProperty("scanned").GetInt32());
        Assert.Equal(3, receipt.GetProperty("received").GetInt32());
        Assert.Equal(1, receipt.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, receipt.GetProperty("unreadable").GetInt32());
        var verdicts = receipt.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("verdict").GetString()!).ToArray();
        Assert.Equal(["ok", "ok", "duplicate", "ok", "alert", "unreadable"], verdicts);
        Assert.Equal(["CustodyMismatch", "CustodyException"], receipt.GetProperty("items")[4].AlertKinds());
    }

    [Fact]
    public async Task An_empty_delivery_or_a_manufacturer_is_refused()
    {
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);
        await Api.ProblemAsync(await pharmacy.PostAsJsonAsync("/api/v1/deliveries/receive", new { codes = Array.Empty<string>() }), HttpStatusCode.BadRequest);
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        await Api.ProblemAsync(await manufacturer.PostAsJsonAsync("/api/v1/deliveries/receive", new { codes = new[] { "x" } }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_barcode_reader_is_served_from_the_web_root_with_the_wasm_type()
    {
        var client = factory.CreateClient();
        var wasm = await client.GetAsync("/lib/zxing/zxing_reader.wasm");
        Assert.Equal(HttpStatusCode.OK, wasm.StatusCode);
        Assert.Equal("application/wasm", wasm.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/zxing/zxing-reader.iife.js")).StatusCode);
        Assert.Contains("locateFile", await client.GetStringAsync("/js/scanner.js"));
    }
}
