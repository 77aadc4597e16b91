using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Application.Dispensing;
using DrugTrace.Application.Packs;
using DrugTrace.Web.Infrastructure;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Web.Tests.Scanning;

/// <summary>
/// A scan queued offline and replayed, through the real pipeline and store: as the scan workspace
/// replays it (the queue's id as Idempotency-Key) and as the API takes it (scannedAt).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class QueuedScanReplayTests(DrugTraceFactory factory)
{
    private async Task<(string Code, string Gtin, string Serial)> PackAtPharmacyAsync()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);
        var code = Api.Code(gtin, serials[0], lot, expiry);
        Assert.Equal("ok", (await Api.ScanAsync(manufacturer, code, "ship", to: Demo.PharmacyGln)).Verdict());
        Assert.Equal("ok", (await Api.ScanAsync(pharmacy, code, "receive")).Verdict());
        return (code, gtin, serials[0]);
    }

    private async Task<List<JsonElement>> DispensesAsync(string gtin, string serial)
    {
        var history = await factory.ClientFor(Demo.PharmacyKey).GetFromJsonAsync<JsonElement>($"/api/v1/packs/{gtin}/{serial}");
        return [.. history.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "Dispensed")];
    }

    [Fact]
    public async Task The_workspace_replaying_a_queued_dispense_twice_records_it_once_at_its_scan_time()
    {
        var (code, gtin, serial) = await PackAtPharmacyAsync();
        var useCases = new ScopedUseCases(factory.Services.GetRequiredService<IServiceScopeFactory>());
        var scannedAt = DateTimeOffset.UtcNow.AddMinutes(-20);
        var id = Guid.NewGuid().ToString();

        var first = await useCases.SendOnceAsync(new DispensePack(Demo.PharmacyGln, code, scannedAt), id);
        var again = await useCases.SendOnceAsync(new DispensePack(Demo.PharmacyGln, code, scannedAt), id);
        // Another id for the same scan (a queue cleared and refilled): the ledger still knows it.
        var otherId = await useCases.SendOnceAsync(new DispensePack(Demo.PharmacyGln, code, scannedAt), Guid.NewGuid().ToString());

        Assert.Equal(ScanOutcome.Ok, first.Verdict);
        Assert.Equal(first.Event, again.Event);
        Assert.Equal(ScanOutcome.Ok, otherId.Verdict);
        Assert.StartsWith("Already recorded", otherId.Message);
        Assert.Equal(first.Event, otherId.Event);
        var e = Assert.Single(await DispensesAsync(gtin, serial));
        Assert.Equal(scannedAt.ToUnixTimeMilliseconds(), e.GetProperty("occurredAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.True(e.GetProperty("recordedAt").GetDateTimeOffset() > e.GetProperty("occurredAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_api_takes_scannedAt_and_refuses_one_in_the_future_with_a_plain_problem()
    {
        var (code, gtin, serial) = await PackAtPharmacyAsync();
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);

        var future = await pharmacy.PostAsJsonAsync("/api/v1/scans", new { code, action = "dispense", scannedAt = DateTimeOffset.UtcNow.AddHours(2) });
        var problem = await Api.ProblemAsync(future, HttpStatusCode.BadRequest);
        Assert.Contains("future", problem.GetRawText());
        Assert.Empty(await DispensesAsync(gtin, serial));

        var scannedAt = DateTimeOffset.UtcNow.AddHours(-3);
        var ok = await pharmacy.PostAsJsonAsync("/api/v1/scans", new { code, action = "dispense", scannedAt });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var e = Assert.Single(await DispensesAsync(gtin, serial));
        Assert.Equal(scannedAt.ToUnixTimeMilliseconds(), e.GetProperty("occurredAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
    }
}
