using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Endpoints;

/// <summary>Stock and shipments over the API, against the real SQLite store.</summary>
[Collection(ApiCollection.Name)]
public sealed class CustodyTests(DrugTraceFactory factory)
{
    [Fact]
    public async Task A_shipment_shows_as_outgoing_and_incoming_then_received_all_at_once_it_is_stock()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 3);
        foreach (var serial in serials)
            Assert.Equal("ok", (await Api.ScanAsync(manufacturer, Api.Code(gtin, serial, lot, expiry), "ship", to: Demo.PharmacyGln)).Verdict());

        var outgoing = await manufacturer.GetFromJsonAsync<JsonElement>("/api/v1/shipments/outgoing");
        var toPharmacy = outgoing.GetProperty("shipments").EnumerateArray().Single(s => s.GetProperty("counterpart").GetString() == Demo.PharmacyGln
            && s.GetProperty("packs").EnumerateArray().Any(p => p.GetProperty("gtin").GetString() == gtin));
        Assert.Equal("Linden-Apotheke", toPharmacy.GetProperty("counterpartName").GetString());

        var incoming = await pharmacy.GetFromJsonAsync<JsonElement>("/api/v1/shipments/incoming");
        var codes = incoming.GetProperty("shipments").EnumerateArray()
            .SelectMany(s => s.GetProperty("packs").EnumerateArray())
            .Where(p => p.GetProperty("gtin").GetString() == gtin).Select(p => p.GetProperty("code").GetString()!).ToArray();
        Assert.Equal(3, codes.Length);

        var receipt = await (await pharmacy.PostAsJsonAsync("/api/v1/deliveries/receive", new { codes })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, receipt.GetProperty("received").GetInt32());

        var stock = await pharmacy.GetFromJsonAsync<JsonElement>($"/api/v1/stock?gtin={gtin}");
        var line = Assert.Single(stock.GetProperty("items").EnumerateArray());
        Assert.Equal((lot, 3, 0, expiry), (line.GetProperty("lot").GetString(), line.GetProperty("available").GetInt32(),
            line.GetProperty("held").GetInt32(), line.GetProperty("expiry").GetString()));
        // The manufacturer no longer holds them, and another pharmacy never did.
        Assert.Empty((await manufacturer.GetFromJsonAsync<JsonElement>($"/api/v1/stock?gtin={gtin}")).GetProperty("items").EnumerateArray());
        Assert.Empty((await factory.ClientFor(Demo.OtherPharmacyKey).GetFromJsonAsync<JsonElement>($"/api/v1/stock?gtin={gtin}"))
            .GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/v1/stock?expiringBefore=tomorrow", "expiringBefore")]
    [InlineData("/api/v1/stock?gtin=123", "gtin")]
    [InlineData("/api/v1/stock?take=0", "take")]
    public async Task Bad_filters_are_a_problem_that_names_the_field(string url, string field)
    {
        var problem = await Api.ProblemAsync(await factory.ClientFor(Demo.PharmacyKey).GetAsync(url), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task A_regulator_holds_no_stock_and_gets_a_plain_refusal()
    {
        var regulator = factory.ClientFor(Demo.RegulatorKey);
        await Api.ProblemAsync(await regulator.GetAsync("/api/v1/stock"), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await regulator.GetAsync("/api/v1/shipments/incoming"), HttpStatusCode.Forbidden);
    }
}
