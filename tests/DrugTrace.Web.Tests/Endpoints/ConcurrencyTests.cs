using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Endpoints;

[Collection(ApiCollection.Name)]
public sealed class ConcurrencyTests(DrugTraceFactory factory)
{
    [Fact]
    public async Task Fifty_concurrent_dispenses_of_one_pack_give_exactly_one_success()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);
        var code = Api.Code(gtin, serials[0], lot, expiry);
        await Api.ScanAsync(manufacturer, code, "ship", to: Demo.PharmacyGln);
        await Api.ScanAsync(pharmacy, code, "receive");

        // All fifty wait at one gate, so that they hit the store together.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clients = Enumerable.Range(0, 50).Select(_ => factory.ClientFor(Demo.PharmacyKey)).ToList();
        var scans = clients.Select(c => Task.Run(async () =>
        {
            await gate.Task;
            return await Api.ScanAsync(c, code, "dispense");
        })).ToList();
        gate.SetResult();
        var outcomes = await Task.WhenAll(scans);

        Assert.Single(outcomes, o => o.Verdict() == "ok");
        Assert.All(outcomes.Where(o => o.Verdict() != "ok"), o =>
        {
            Assert.Equal(["AlreadyInactive"], o.AlertKinds());
            Assert.Contains("already dispensed", o.GetProperty("message").GetString());
        });

        var history = await pharmacy.GetFromJsonAsync<JsonElement>($"/api/v1/packs/{gtin}/{serials[0]}");
        Assert.True(history.GetProperty("chainVerified").GetBoolean());
        Assert.Single(history.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "Dispensed");
        Assert.True((await Api.AuditAsync(factory.ClientFor(Demo.RegulatorKey))).GetProperty("valid").GetBoolean());
    }
}
