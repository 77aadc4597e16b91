using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Domain.Cases;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Endpoints;

/// <summary>Issue #15 point 4 over HTTP: cases and pallets packed, moved with one scan of their SSCC, unpacked; bad input stores nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class CaseEndpointTests(DrugTraceFactory factory)
{
    private async Task<(string Gtin, string[] Codes)> PacksAtWholesalerAsync(int n)
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var wholesaler = factory.ClientFor(Demo.WholesalerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, n);
        var codes = serials.Select(s => Api.Code(gtin, s, lot, expiry)).ToArray();
        foreach (var code in codes)
        {
            Assert.Equal("ok", (await Api.ScanAsync(manufacturer, code, "ship", to: Demo.WholesalerGln)).Verdict());
            Assert.Equal("ok", (await Api.ScanAsync(wholesaler, code, "receive")).Verdict());
        }
        return (gtin, codes);
    }

    private static async Task<JsonElement> PackAsync(HttpClient client, string[] codes, string? sscc = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/cases", new { codes, sscc });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/v1/cases/{body.GetProperty("sscc").GetString()}", response.Headers.Location?.ToString());
        return body;
    }

    private async Task<long> LogSizeAsync() => (await Api.AuditAsync(factory.ClientFor(Demo.RegulatorKey))).GetProperty("events").GetInt64();

    [Fact]
    public async Task A_pallet_is_packed_shipped_and_received_with_one_scan_each_then_unpacked()
    {
        var wholesaler = factory.ClientFor(Demo.WholesalerKey);
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);
        var (_, codes) = await PacksAtWholesalerAsync(4);

        var box = await PackAsync(wholesaler, codes[..3]);
        var sscc = box.GetProperty("sscc").GetString()!;
        Assert.True(Sscc.TryParse(sscc, out _, out _));
        Assert.StartsWith("0" + Demo.WholesalerGln[..7], sscc);
        Assert.Equal(3, box.GetProperty("packCount").GetInt32());
        var pallet = (await PackAsync(wholesaler, [$"(00){sscc}", codes[3]])).GetProperty("sscc").GetString()!;
        var label = await wholesaler.GetAsync($"/api/v1/cases/{pallet}/label.svg");
        Assert.Equal("image/svg+xml", label.Content.Headers.ContentType?.MediaType);
        var svg = await label.Content.ReadAsStringAsync();
        Assert.Contains($"aria-label=\"Case label SSCC {pallet}\"", svg);
        Assert.Contains("4 packs in 1 case", svg);
        await Api.ProblemAsync(await factory.ClientFor(Demo.OtherWholesalerKey).GetAsync($"/api/v1/cases/{pallet}/label.svg"), HttpStatusCode.NotFound);

        Assert.Equal("refused", (await Api.ScanAsync(wholesaler, codes[0], "ship", to: Demo.PharmacyGln)).Verdict());
        var shipped = await Api.ScanAsync(wholesaler, $"(00){pallet}", "ship", to: Demo.PharmacyGln);
        Assert.Equal("ok", shipped.Verdict());
        Assert.Equal((4, 1), (shipped.GetProperty("case").GetProperty("packs").GetInt32(), shipped.GetProperty("case").GetProperty("cases").GetInt32()));

        var seen = await pharmacy.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{pallet}");
        Assert.Equal(("InTransit", Demo.PharmacyGln, 4), (seen.GetProperty("status").GetString(), seen.GetProperty("shipTo").GetString(), seen.GetProperty("packCount").GetInt32()));
        Assert.Equal(sscc, seen.GetProperty("cases")[0].GetProperty("sscc").GetString());

        // Any form the parser reads: here the element string with its AI.
        Assert.Equal("ok", (await Api.ScanAsync(pharmacy, $"00{pallet}", "receive")).Verdict());
        var audit = await Api.AuditAsync(factory.ClientFor(Demo.RegulatorKey));
        Assert.True(audit.GetProperty("valid").GetBoolean(), audit.GetRawText());

        Assert.Equal("Unpacked", (await (await pharmacy.PostAsync($"/api/v1/cases/{pallet}/unpack", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("ok", (await Api.ScanAsync(pharmacy, codes[3], "dispense")).Verdict());
        Assert.Equal("refused", (await Api.ScanAsync(pharmacy, codes[0], "dispense")).Verdict());
        (await pharmacy.PostAsync($"/api/v1/cases/{sscc}/unpack", null)).EnsureSuccessStatusCode();
        Assert.Equal("ok", (await Api.ScanAsync(pharmacy, codes[0], "dispense")).Verdict());
        Assert.True((await Api.AuditAsync(factory.ClientFor(Demo.RegulatorKey))).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Bad_input_is_a_problem_in_plain_words_and_nothing_is_stored()
    {
        var wholesaler = factory.ClientFor(Demo.WholesalerKey);
        var (_, codes) = await PacksAtWholesalerAsync(2);
        var sscc = (await PackAsync(wholesaler, [codes[0]])).GetProperty("sscc").GetString()!;
        var (_, notMine) = await Api.NewLotAsync(factory.ClientFor(Demo.ManufacturerKey), 1) is var lot
            ? (lot.Gtin, Api.Code(lot.Gtin, lot.Serials[0], lot.Lot, lot.Expiry)) : default;
        var before = await LogSizeAsync();

        var foreign = await Api.ProblemAsync(await wholesaler.PostAsJsonAsync("/api/v1/cases", new { codes = new[] { codes[1], notMine } }), HttpStatusCode.Forbidden);
        Assert.Contains("is not in your stock; nothing was packed.", foreign.GetProperty("detail").GetString());
        var twice = await Api.ProblemAsync(await wholesaler.PostAsJsonAsync("/api/v1/cases", new { codes = new[] { codes[0] } }), HttpStatusCode.Conflict);
        Assert.Contains("already packed in case", twice.GetProperty("detail").GetString());
        await Api.ProblemAsync(await wholesaler.PostAsJsonAsync("/api/v1/cases", new { codes = new[] { codes[1], codes[1] } }), HttpStatusCode.BadRequest);
        await Api.ProblemAsync(await wholesaler.PostAsJsonAsync("/api/v1/cases", new { codes = Array.Empty<string>() }), HttpStatusCode.BadRequest);
        await Api.ProblemAsync(await factory.ClientFor(Demo.PharmacyKey).PostAsJsonAsync("/api/v1/cases", new { codes = new[] { codes[1] } }), HttpStatusCode.Forbidden);

        var wrong = sscc[..^1] + (char)('0' + (sscc[^1] - '0' + 1) % 10);
        var checkDigit = await Api.ProblemAsync(await wholesaler.PostAsync($"/api/v1/cases/{wrong}/unpack", null), HttpStatusCode.BadRequest);
        Assert.Contains("wrong check digit", checkDigit.GetProperty("detail").GetString());
        var scanned = await Api.ProblemAsync(await wholesaler.PostAsJsonAsync("/api/v1/scans", new { code = $"(00){wrong}", action = "ship", to = Demo.PharmacyGln }), HttpStatusCode.BadRequest);
        Assert.Contains("check digit", scanned.GetProperty("detail").GetString());
        await Api.ProblemAsync(await wholesaler.PostAsync($"/api/v1/cases/{Sscc.Create(0, "4012346", 123_456_789).Value}/unpack", null), HttpStatusCode.NotFound);
        // Another wholesaler's case is answered exactly as an unknown one.
        var other = factory.ClientFor(Demo.OtherWholesalerKey);
        await Api.ProblemAsync(await other.PostAsync($"/api/v1/cases/{sscc}/unpack", null), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await other.GetAsync($"/api/v1/cases/{sscc}"), HttpStatusCode.NotFound);

        Assert.Equal(before, await LogSizeAsync());
        Assert.Equal("Active", (await wholesaler.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{sscc}")).GetProperty("status").GetString());
    }
}
