using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Endpoints;

/// <summary>Every bad request gets a 4xx ProblemDetails in plain words, and leaves the ledger as it was.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(DrugTraceFactory factory)
{
    [Theory]
    [InlineData("(01)04012345000116(21)ABC", "check digit")]
    [InlineData("(01)04012345000115(17)271332(21)ABC", "month 13")]
    [InlineData("(01)04012345000115(21)ABC(999)X", "999")]
    [InlineData("(01)04012345000115(21)ABCDEFGHIJKLMNOPQRSTUVWXYZ", "at most 20")]
    [InlineData("hello world", "GS1")]
    [InlineData("(01)04012345000115", "serial")]
    [InlineData("", "empty")]
    public async Task An_unreadable_code_is_a_400_that_says_what_is_wrong(string code, string expected)
    {
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);
        var before = await Api.AuditAsync(factory.ClientFor(Demo.RegulatorKey));
        var response = await pharmacy.PostAsJsonAsync("/api/v1/scans", new { code, action = "dispense" });
        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(problem.GetProperty("errors").TryGetProperty("code", out _));
        var after = await Api.AuditAsync(factory.ClientFor(Demo.RegulatorKey));
        Assert.Equal(before.GetProperty("events").GetInt64(), after.GetProperty("events").GetInt64());
    }

    [Theory]
    [InlineData("{\"code\":", "not valid JSON")]
    [InlineData("[1,2]", "wrong shape")]
    [InlineData("{\"code\": 42}", "$.code has the wrong type")]
    public async Task A_malformed_body_is_a_400(string body, string expected)
    {
        var response = await factory.ClientFor(Demo.PharmacyKey)
            .PostAsync("/api/v1/scans", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_empty_body_is_a_400()
    {
        var response = await factory.ClientFor(Demo.PharmacyKey)
            .PostAsync("/api/v1/scans", new StringContent("", Encoding.UTF8, "application/json"));
        await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("status=pending", "status", "'pending' is not an alert status; use open, investigating or closed.")]
    [InlineData("kind=3", "kind", "'3' is not an alert kind; use one of: UnknownProduct, ")]
    [InlineData("severity=urgent", "severity", "'urgent' is not a severity; use critical, high, medium or low.")]
    public async Task An_alert_filter_word_that_is_none_is_a_400_naming_the_field(string query, string field, string message)
    {
        var response = await factory.ClientFor(Demo.RegulatorKey).GetAsync($"/api/v1/alerts?{query}");
        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_filter_words_are_read_whatever_their_case()
    {
        var response = await factory.ClientFor(Demo.RegulatorKey).GetAsync("/api/v1/alerts?status=OPEN&kind=unknownserial&severity=Critical&take=5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_action_or_decommission_reason_is_a_400()
    {
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);
        const string code = "(01)04012345000115(21)ABC";
        var action = await pharmacy.PostAsJsonAsync("/api/v1/scans", new { code, action = "sell" });
        Assert.Contains("not an action", (await Api.ProblemAsync(action, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        var reason = await pharmacy.PostAsJsonAsync("/api/v1/scans", new { code, action = "decommission", reason = "lost" });
        Assert.Contains("not a decommission reason", (await Api.ProblemAsync(reason, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Shipping_to_an_unknown_or_malformed_GLN_is_a_400_and_the_pack_stays()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);
        var code = Api.Code(gtin, serials[0], lot, expiry);
        var unknown = await manufacturer.PostAsJsonAsync("/api/v1/scans", new { code, action = "ship", to = "4000000000006" });
        Assert.Contains("No party", (await Api.ProblemAsync(unknown, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        var malformed = await manufacturer.PostAsJsonAsync("/api/v1/scans", new { code, action = "ship", to = "12345" });
        Assert.Contains("13 digits", (await Api.ProblemAsync(malformed, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());

        var history = await manufacturer.GetFromJsonAsync<JsonElement>($"/api/v1/packs/{gtin}/{serials[0]}");
        Assert.Single(history.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task Role_checks_are_made_by_the_server_not_the_client()
    {
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);
        var product = await pharmacy.PostAsJsonAsync("/api/v1/products", new { gtin = Api.NewGtin(), name = "Pirate pills" });
        Assert.Contains("Manufacturer", (await Api.ProblemAsync(product, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        await Api.ProblemAsync(await pharmacy.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden);
        var ship = await pharmacy.PostAsJsonAsync("/api/v1/scans", new { code = "(01)04012345000115(21)ABC", action = "ship", to = Demo.WholesalerGln });
        await Api.ProblemAsync(ship, HttpStatusCode.Forbidden);
        var party = await pharmacy.PostAsJsonAsync("/api/v1/parties", new { gln = "4000000000006", name = "X", role = "Regulator" });
        await Api.ProblemAsync(party, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_manufacturer_cannot_commission_another_brands_product_or_register_a_lot_twice()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, _, _) = await Api.NewLotAsync(manufacturer, 1);
        var twice = await manufacturer.PostAsJsonAsync("/api/v1/lots", new { gtin, lot, expiry = "2030-01-31", quantity = 1 });
        await Api.ProblemAsync(twice, HttpStatusCode.Conflict);
        var other = await factory.ClientFor(Demo.OtherManufacturerKey)
            .PostAsJsonAsync("/api/v1/lots", new { gtin, lot = "X1", expiry = "2030-01-31", quantity = 1 });
        // Another brand's product is answered like an unregistered one (no existence oracle).
        await Api.ProblemAsync(other, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("04012345000116", "L1", "2030-01-31", 1, "gtin")]
    [InlineData("04012345000115", "L 1", "2030-01-31", 1, "lot")]
    [InlineData("04012345000115", "L1", "31/01/2030", 1, "expiry")]
    [InlineData("04012345000115", "L1", "2020-01-31", 1, "expiry")]
    [InlineData("04012345000115", "L1", "2030-01-31", 0, "quantity")]
    [InlineData("04012345000115", "L1", "2030-01-31", 100_001, "quantity")]
    public async Task Lot_fields_are_validated(string gtin, string lot, string expiry, int quantity, string field)
    {
        var response = await factory.ClientFor(Demo.ManufacturerKey).PostAsJsonAsync("/api/v1/lots", new { gtin, lot, expiry, quantity });
        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Requests_without_a_valid_api_key_are_401()
    {
        var anonymous = factory.CreateClient();
        var none = await Api.ProblemAsync(await anonymous.GetAsync("/api/v1/parties"), HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", none.GetProperty("detail").GetString());
        var wrong = factory.ClientFor("not-a-key");
        await Api.ProblemAsync(await wrong.PostAsJsonAsync("/api/v1/scans", new { code = "x", action = "verify" }), HttpStatusCode.Unauthorized);
    }
}
