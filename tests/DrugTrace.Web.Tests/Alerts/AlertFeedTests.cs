using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DrugTrace.Web.Tests.Alerts;

[Collection(ApiCollection.Name)]
public sealed class AlertFeedTests(DrugTraceFactory factory)
{
    [Fact]
    public async Task An_unknown_serial_reaches_the_regulator_and_the_brand_owner_but_not_others()
    {
        var (gtin, lot, expiry, _) = await Api.NewLotAsync(factory.ClientFor(Demo.ManufacturerKey), 1);
        await using var regulator = await AlertListener.ConnectAsync(factory, Demo.RegulatorKey);
        await using var brandOwner = await AlertListener.ConnectAsync(factory, Demo.ManufacturerKey);
        await using var otherBrand = await AlertListener.ConnectAsync(factory, Demo.OtherManufacturerKey);
        await using var wholesaler = await AlertListener.ConnectAsync(factory, Demo.WholesalerKey);
        await using var scanner = await AlertListener.ConnectAsync(factory, Demo.PharmacyKey);

        var outcome = await Api.ScanAsync(factory.ClientFor(Demo.PharmacyKey), Api.Code(gtin, "FAKE0000001", lot, expiry), "verify");
        Assert.Equal("alert", outcome.Verdict());
        var id = long.Parse(outcome.GetProperty("alerts")[0].GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        bool IsIt(string method, JsonElement a) => method == "alertRaised" && a.GetProperty("id").GetInt64() == id;
        var pushed = await regulator.WaitForAsync(IsIt);
        Assert.Equal("UnknownSerial", pushed.GetProperty("kind").GetString());
        Assert.Equal("critical", pushed.GetProperty("severity").GetString());
        Assert.Equal("NMVS_NC_PC_02", pushed.GetProperty("reasonCode").GetString());
        Assert.Equal(Demo.PharmacyGln, pushed.GetProperty("scanningParty").GetString());
        Assert.Equal(Demo.ManufacturerGln, pushed.GetProperty("brandOwner").GetString());
        await brandOwner.WaitForAsync(IsIt);
        await scanner.WaitForAsync(IsIt);

        // Pushes go out in order: once a later alert has reached everyone, the first one cannot still be on its way.
        var marker = await RaiseOnOwnProductAsync(Demo.OtherManufacturerKey, Demo.WholesalerKey);
        await otherBrand.WaitForAsync((m, a) => a.GetProperty("id").GetInt64() == marker);
        await wholesaler.WaitForAsync((m, a) => a.GetProperty("id").GetInt64() == marker);
        Assert.DoesNotContain(otherBrand.Received, r => r.Alert.GetProperty("id").GetInt64() == id);
        Assert.DoesNotContain(wholesaler.Received, r => r.Alert.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task Repeats_fold_into_one_alert_with_a_count_and_few_pushes()
    {
        var (gtin, lot, expiry, _) = await Api.NewLotAsync(factory.ClientFor(Demo.ManufacturerKey), 1);
        await using var regulator = await AlertListener.ConnectAsync(factory, Demo.RegulatorKey);
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);
        var code = Api.Code(gtin, "STORM000001", lot, expiry);
        for (var i = 0; i < 100; i++) await Api.ScanAsync(pharmacy, code, "verify");

        var alerts = await factory.ClientFor(Demo.RegulatorKey).GetFromJsonAsync<JsonElement>($"/api/v1/alerts?gtin={gtin}");
        var alert = Assert.Single(alerts.EnumerateArray());
        Assert.Equal(100, alert.GetProperty("count").GetInt32());
        var id = alert.GetProperty("id").GetInt64();
        await regulator.WaitForAsync((m, a) => m == "alertUpdated" && a.GetProperty("id").GetInt64() == id && a.GetProperty("count").GetInt32() == 100);
        var pushes = regulator.Received.Where(r => r.Alert.GetProperty("id").GetInt64() == id).ToList();
        Assert.Equal(["alertRaised", "alertUpdated", "alertUpdated", "alertUpdated"], pushes.Select(p => p.Method));
        Assert.Equal([1, 2, 10, 100], pushes.Select(p => p.Alert.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task A_regulator_moves_an_alert_through_its_lifecycle_and_every_step_is_recorded()
    {
        var id = await RaiseOnOwnProductAsync(Demo.ManufacturerKey, Demo.PharmacyKey);
        var regulator = factory.ClientFor(Demo.RegulatorKey);
        await using var listener = await AlertListener.ConnectAsync(factory, Demo.RegulatorKey);

        var investigating = await regulator.PatchAsJsonAsync($"/api/v1/alerts/{id}", new { status = "investigating", note = "Asked the pharmacy for the pack." });
        Assert.Equal(HttpStatusCode.OK, investigating.StatusCode);
        var noResolution = await regulator.PatchAsJsonAsync($"/api/v1/alerts/{id}", new { status = "closed" });
        Assert.Contains("resolution", (await Api.ProblemAsync(noResolution, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        var pharmacyTries = await factory.ClientFor(Demo.PharmacyKey).PatchAsJsonAsync($"/api/v1/alerts/{id}", new { status = "closed", resolution = "false-positive" });
        await Api.ProblemAsync(pharmacyTries, HttpStatusCode.Forbidden);
        var closed = await regulator.PatchAsJsonAsync($"/api/v1/alerts/{id}", new { status = "closed", resolution = "confirmed-falsified", note = "Pack seized." });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        var alert = await regulator.GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{id}");
        Assert.Equal("closed", alert.GetProperty("status").GetString());
        Assert.Equal("confirmed-falsified", alert.GetProperty("resolution").GetString());
        var history = alert.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["investigating", "closed"], history.Select(h => h.GetProperty("status").GetString()));
        Assert.Equal(["Asked the pharmacy for the pack.", "Pack seized."], history.Select(h => h.GetProperty("note").GetString()));
        Assert.All(history, h => Assert.Equal("4012349000012", h.GetProperty("by").GetString()));
        await listener.WaitForAsync((m, a) => m == "alertUpdated" && a.GetProperty("id").GetInt64() == id && a.GetProperty("status").GetString() == "closed");
    }

    [Fact]
    public async Task A_listener_that_reconnects_gets_exactly_the_alerts_it_missed()
    {
        var last = await RaiseOnOwnProductAsync(Demo.ManufacturerKey, Demo.PharmacyKey);
        var missed = new List<long>();
        for (var i = 0; i < 3; i++) missed.Add(await RaiseOnOwnProductAsync(Demo.ManufacturerKey, Demo.PharmacyKey));

        // The pharmacy sees only what it raised; all three were raised by it.
        var caughtUp = await factory.ClientFor(Demo.PharmacyKey).GetFromJsonAsync<JsonElement>($"/api/v1/alerts?since={last}");
        Assert.Equal(missed, caughtUp.EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task A_party_sees_only_alerts_it_raised_or_on_its_brands()
    {
        var id = await RaiseOnOwnProductAsync(Demo.ManufacturerKey, Demo.PharmacyKey);
        Assert.Equal(HttpStatusCode.OK, (await factory.ClientFor(Demo.ManufacturerKey).GetAsync($"/api/v1/alerts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.ClientFor(Demo.PharmacyKey).GetAsync($"/api/v1/alerts/{id}")).StatusCode);
        await Api.ProblemAsync(await factory.ClientFor(Demo.OtherPharmacyKey).GetAsync($"/api/v1/alerts/{id}"), HttpStatusCode.NotFound);
        await Api.ProblemAsync(await factory.ClientFor(Demo.OtherManufacturerKey).GetAsync($"/api/v1/alerts/{id}"), HttpStatusCode.NotFound);
        var list = await factory.ClientFor(Demo.OtherPharmacyKey).GetFromJsonAsync<JsonElement>("/api/v1/alerts?take=1000");
        Assert.All(list.EnumerateArray(), a => Assert.Equal(Demo.OtherPharmacyGln, a.GetProperty("scanningParty").GetString()));
    }

    [Fact]
    public async Task A_manufacturer_lists_the_alerts_on_its_brands_and_none_on_another_brand()
    {
        const string NordicGln = "5012345000015";
        var (ownGtin, own) = await RaiseOnNewProductAsync(Demo.ManufacturerKey, Demo.PharmacyKey);
        var (otherGtin, other) = await RaiseOnNewProductAsync(Demo.OtherManufacturerKey, Demo.WholesalerKey);
        var helvetia = factory.ClientFor(Demo.ManufacturerKey);

        // Raised by a pharmacy, not by the manufacturer: it is listed because the product is its brand.
        var mine = await helvetia.GetFromJsonAsync<JsonElement>($"/api/v1/alerts?gtin={ownGtin}");
        var listed = Assert.Single(mine.EnumerateArray());
        Assert.Equal(own, listed.GetProperty("id").GetInt64());
        Assert.Equal(Demo.ManufacturerGln, listed.GetProperty("brandOwner").GetString());
        Assert.Equal(Demo.PharmacyGln, listed.GetProperty("scanningParty").GetString());
        Assert.Empty((await helvetia.GetFromJsonAsync<JsonElement>($"/api/v1/alerts?gtin={otherGtin}")).EnumerateArray());

        var all = (await helvetia.GetFromJsonAsync<JsonElement>("/api/v1/alerts?take=1000")).EnumerateArray().ToList();
        Assert.Contains(all, a => a.GetProperty("id").GetInt64() == own);
        Assert.DoesNotContain(all, a => a.GetProperty("id").GetInt64() == other);
        Assert.All(all, a => Assert.True(
            a.GetProperty("brandOwner").GetString() == Demo.ManufacturerGln || a.GetProperty("scanningParty").GetString() == Demo.ManufacturerGln,
            $"alert {a.GetProperty("id")} is on brand {a.GetProperty("brandOwner")}, scanned by {a.GetProperty("scanningParty")}"));
        await Api.ProblemAsync(await helvetia.GetAsync($"/api/v1/alerts/{other}"), HttpStatusCode.NotFound);

        // And the other way round: Nordic sees its own, not Helvetia's.
        var nordic = (await factory.ClientFor(Demo.OtherManufacturerKey).GetFromJsonAsync<JsonElement>("/api/v1/alerts?take=1000")).EnumerateArray().ToList();
        Assert.Contains(nordic, a => a.GetProperty("id").GetInt64() == other && a.GetProperty("brandOwner").GetString() == NordicGln);
        Assert.DoesNotContain(nordic, a => a.GetProperty("id").GetInt64() == own);
    }

    [Fact]
    public async Task The_hub_refuses_unauthenticated_clients_and_has_no_way_to_join_another_group()
    {
        await using var anonymous = AlertListener.Build(factory, apiKey: null);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => anonymous.StartAsync());
        Assert.Contains("401", refused.Message);

        await using var pharmacy = await AlertListener.ConnectAsync(factory, Demo.PharmacyKey);
        await Assert.ThrowsAsync<HubException>(() => pharmacy.Connection.InvokeAsync("JoinGroup", "regulators"));
        await Assert.ThrowsAsync<HubException>(() => pharmacy.Connection.InvokeAsync("AddToGroupAsync", "party:4012345000016"));
    }

    [Theory]
    [InlineData("caps-lock")]
    [InlineData("lost-separator")]
    public async Task A_garbled_scan_of_a_genuine_pack_is_a_probable_scanning_error_naming_the_pack(string garbling)
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);
        var yymmdd = expiry[2..4] + expiry[5..7] + expiry[8..10];
        var code = garbling == "caps-lock"
            ? InvertCase(Api.Code(gtin, serials[0], lot, expiry))
            : $"01{gtin}17{yymmdd}10{lot}21{serials[0]}"; // the GS after the lot is lost
        await using var regulator = await AlertListener.ConnectAsync(factory, Demo.RegulatorKey);

        var outcome = await Api.ScanAsync(factory.ClientFor(Demo.PharmacyKey), code, "verify");
        Assert.Equal("alert", outcome.Verdict());
        Assert.StartsWith("Probable scanning error", outcome.GetProperty("message").GetString());
        Assert.Equal(serials[0], outcome.GetProperty("pack").GetProperty("serial").GetString());
        var alert = Assert.Single(outcome.GetProperty("alerts").EnumerateArray());
        Assert.Equal("low", alert.GetProperty("severity").GetString());
        Assert.True(alert.GetProperty("probableScanningError").GetBoolean());

        var id = long.Parse(alert.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var pushed = await regulator.WaitForAsync((m, a) => a.GetProperty("id").GetInt64() == id);
        Assert.True(pushed.GetProperty("probableScanningError").GetBoolean());
        Assert.Equal(code, pushed.GetProperty("scannedCode").GetString());
        Assert.Equal(serials[0], pushed.GetProperty("packSerial").GetString());
        var feed = await factory.ClientFor(Demo.RegulatorKey).GetFromJsonAsync<JsonElement>("/api/v1/alerts?scanningErrors=false&take=1000");
        Assert.DoesNotContain(feed.EnumerateArray(), a => a.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task A_code_that_no_correction_makes_genuine_is_still_a_clear_400()
    {
        var response = await factory.ClientFor(Demo.PharmacyKey).PostAsJsonAsync("/api/v1/scans",
            new { code = "0104012345000115172903311012345", action = "verify" });
        await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    // An unknown serial on a fresh product of the brand, scanned by the given party: returns the alert id.
    private async Task<long> RaiseOnOwnProductAsync(string manufacturerKey, string scannerKey) =>
        (await RaiseOnNewProductAsync(manufacturerKey, scannerKey)).Id;

    private async Task<(string Gtin, long Id)> RaiseOnNewProductAsync(string manufacturerKey, string scannerKey)
    {
        var manufacturer = factory.ClientFor(manufacturerKey);
        var gtin = manufacturerKey == Demo.OtherManufacturerKey ? Api.NewGtin("5012345") : Api.NewGtin();
        (await manufacturer.PostAsJsonAsync("/api/v1/products", new { gtin, name = "Alert test " + gtin })).EnsureSuccessStatusCode();
        var outcome = await Api.ScanAsync(factory.ClientFor(scannerKey), $"(01){gtin}(21)N{Guid.NewGuid().ToString("N").Substring(0, 15)}", "verify");
        return (gtin, long.Parse(outcome.GetProperty("alerts")[0].GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string InvertCase(string s) =>
        new([.. s.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.IsLower(c) ? char.ToUpperInvariant(c) : c)]);
}
