using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Domain.Gs1;

namespace DrugTrace.Web.Tests.Infrastructure;

/// <summary>Small helpers that speak the API the way a client would.</summary>
public static class Api
{
    private static int _nextProduct = Random.Shared.Next(1000, 9000);

    /// <summary>A fresh valid GTIN under a 7-digit GS1 company prefix: by default Helvetia's 4012345 (Nordic's is 5012345).</summary>
    public static string NewGtin(string companyPrefix = "4012345")
    {
        var body = "0" + companyPrefix + Interlocked.Increment(ref _nextProduct).ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "9";
        return body + CheckDigit.Compute(body);
    }

    public static string Code(string gtin, string serial, string lot, string expiry) =>
        $"(01){gtin}(17){expiry[2..4]}{expiry[5..7]}{expiry[8..10]}(10){lot}(21){serial}";

    /// <summary>Registers a product and a lot of <paramref name="quantity"/> packs as the demo manufacturer.</summary>
    public static async Task<(string Gtin, string Lot, string Expiry, string[] Serials)> NewLotAsync(HttpClient manufacturer, int quantity)
    {
        var gtin = NewGtin();
        (await manufacturer.PostAsJsonAsync("/api/v1/products", new { gtin, name = "Test tablets " + gtin })).EnsureSuccessStatusCode();
        var lot = "L" + gtin[^6..];
        const string expiry = "2030-06-30";
        var response = await manufacturer.PostAsJsonAsync("/api/v1/lots", new { gtin, lot, expiry, quantity });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var serials = body.GetProperty("serials").EnumerateArray().Select(s => s.GetString()!).ToArray();
        return (gtin, lot, expiry, serials);
    }

    /// <summary>A pack of a new one-pack lot, shipped by the demo manufacturer to the demo pharmacy and received there (and dispensed, when asked).</summary>
    public static async Task<(string Gtin, string Lot, string Expiry, string Serial, string Code)> PackAtPharmacyAsync(HttpClient manufacturer, HttpClient pharmacy, bool dispensed = false)
    {
        var (gtin, lot, expiry, serials) = await NewLotAsync(manufacturer, 1);
        var code = Code(gtin, serials[0], lot, expiry);
        Assert.Equal("ok", (await ScanAsync(manufacturer, code, "ship", to: Demo.PharmacyGln)).Verdict());
        Assert.Equal("ok", (await ScanAsync(pharmacy, code, "receive")).Verdict());
        if (dispensed) Assert.Equal("ok", (await ScanAsync(pharmacy, code, "dispense")).Verdict());
        return (gtin, lot, expiry, serials[0], code);
    }

    public static async Task<JsonElement> ScanAsync(HttpClient client, string code, string action, string? to = null, string? reason = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/scans", new { code, action, to, reason });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string Verdict(this JsonElement outcome) => outcome.GetProperty("verdict").GetString()!;

    public static string[] AlertKinds(this JsonElement outcome) =>
        [.. outcome.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("kind").GetString()!)];

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<JsonElement> AuditAsync(HttpClient regulator)
    {
        var response = await regulator.GetAsync("/api/v1/audit");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
