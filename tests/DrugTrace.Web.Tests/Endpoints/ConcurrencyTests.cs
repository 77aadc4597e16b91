using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task A_recall_racing_many_dispenses_lets_none_commit_after_it()
    {
        const int Packs = 24;
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, Packs);
        var codes = serials.Select(s => Api.Code(gtin, s, lot, expiry)).ToList();
        foreach (var code in codes)
        {
            await Api.ScanAsync(manufacturer, code, "ship", to: Demo.PharmacyGln);
            await Api.ScanAsync(pharmacy, code, "receive");
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispenses = codes.Select(code => Task.Run(async () =>
        {
            await gate.Task;
            return await Api.ScanAsync(factory.ClientFor(Demo.PharmacyKey), code, "dispense");
        })).ToList();
        var recall = Task.Run(async () =>
        {
            await gate.Task;
            return await manufacturer.PostAsJsonAsync($"/api/v1/lots/{gtin}/{lot}/recall", new { reason = "Contamination" });
        });
        gate.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await recall).StatusCode);
        var outcomes = await Task.WhenAll(dispenses);

        // Each dispense either committed before the recall (ok) or was told the lot is recalled.
        Assert.All(outcomes, o => Assert.True(o.Verdict() == "ok" || o.AlertKinds().SequenceEqual(["Recalled"]), o.ToString()));
        var ledger = factory.Services.GetRequiredService<ILedgerStore>();
        var recalledAt = Assert.Single(await ledger.GetChainAsync(StreamKind.Lot, gtin, lot, default), e => e.Event.Type == EventType.LotRecalled).LogIndex;
        for (var i = 0; i < Packs; i++)
        {
            var dispensed = (await ledger.GetChainAsync(StreamKind.Pack, gtin, serials[i], default)).Where(e => e.Event.Type == EventType.Dispensed).ToList();
            Assert.Equal(outcomes[i].Verdict() == "ok" ? 1 : 0, dispensed.Count);
            Assert.All(dispensed, d => Assert.True(d.LogIndex < recalledAt, $"pack {serials[i]} was dispensed after its lot's recall committed"));
        }
        Assert.True((await Api.AuditAsync(factory.ClientFor(Demo.RegulatorKey))).GetProperty("valid").GetBoolean());
    }
}
