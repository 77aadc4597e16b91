using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Alerts;

/// <summary>Who gets which push: once each, and the investigated party without the regulator's notes.</summary>
[Collection(ApiCollection.Name)]
public sealed class AlertPushAudienceTests(DrugTraceFactory factory)
{
    private static long IdOf(JsonElement outcome) =>
        long.Parse(outcome.GetProperty("alerts")[0].GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<long> RaiseAsync(string scannerKey)
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var gtin = Api.NewGtin();
        (await manufacturer.PostAsJsonAsync("/api/v1/products", new { gtin, name = "Push test " + gtin })).EnsureSuccessStatusCode();
        var outcome = await Api.ScanAsync(factory.ClientFor(scannerKey), $"(01){gtin}(21)N{Guid.NewGuid().ToString("N")[..15]}", "verify");
        return IdOf(outcome);
    }

    [Fact]
    public async Task A_regulator_who_scans_gets_the_alert_it_raised_once()
    {
        await using var regulator = await AlertListener.ConnectAsync(factory, Demo.RegulatorKey);

        var own = await RaiseAsync(Demo.RegulatorKey);
        await regulator.WaitForAsync((m, a) => a.GetProperty("id").GetInt64() == own);
        // Pushes go out in order: once a later alert has arrived, a second copy of the first cannot still be on its way.
        var marker = await RaiseAsync(Demo.PharmacyKey);
        await regulator.WaitForAsync((m, a) => a.GetProperty("id").GetInt64() == marker);

        Assert.Single(regulator.Received, r => r.Alert.GetProperty("id").GetInt64() == own);
        Assert.Single(regulator.Received, r => r.Alert.GetProperty("id").GetInt64() == marker);
    }

    [Fact]
    public async Task The_scanning_party_is_told_of_the_investigation_without_the_regulators_notes()
    {
        var id = await RaiseAsync(Demo.PharmacyKey);
        await using var scanner = await AlertListener.ConnectAsync(factory, Demo.PharmacyKey);
        await using var brandOwner = await AlertListener.ConnectAsync(factory, Demo.ManufacturerKey);
        await using var regulatorListener = await AlertListener.ConnectAsync(factory, Demo.RegulatorKey);
        const string Note = "Suspect the pharmacy's supplier; checking its invoices.";

        var patched = await factory.ClientFor(Demo.RegulatorKey).PatchAsJsonAsync($"/api/v1/alerts/{id}", new { status = "investigating", note = Note });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        bool IsIt(string m, JsonElement a) => m == "alertUpdated" && a.GetProperty("id").GetInt64() == id;
        var toScanner = await scanner.WaitForAsync(IsIt);
        Assert.Equal("investigating", toScanner.GetProperty("status").GetString());
        Assert.DoesNotContain(Note, toScanner.GetRawText());
        Assert.Contains(Note, (await brandOwner.WaitForAsync(IsIt)).GetRawText());
        Assert.Contains(Note, (await regulatorListener.WaitForAsync(IsIt)).GetRawText());

        // Reading it again says the same: the status and who changed it, not the note.
        var read = await factory.ClientFor(Demo.PharmacyKey).GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{id}");
        var change = Assert.Single(read.GetProperty("history").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, change.GetProperty("note").ValueKind);
    }
}
