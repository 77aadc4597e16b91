using System.Text.Json.Nodes;
using DrugTrace.Application.Epcis;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Epcis;

/// <summary>A pack's history as an EPCISDocument: one event per chain event, the lot and expiry in the commissioning's ILMD.</summary>
public sealed class ExportPackEpcisTests
{
    private readonly TestWorld _world = new();

    [Fact]
    public async Task The_document_holds_one_event_per_chain_event_with_the_packs_lot_and_expiry()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var (sender, sent) = ForwardingSender.Create((request, token) => ForwardingSender.Reply(
            new GetPackHistoryHandler(_world.Ledger, _world.Catalog, _world.Parties, ContextFor(Pharmacy)).Handle((GetPackHistory)request, token)));

        var document = await new ExportPackEpcisHandler(sender, _world.Clock).Handle(new ExportPackEpcis(Pharmacy.Gln, Gtin, serial), default);

        Assert.Equal(new GetPackHistory(Pharmacy.Gln, Gtin, serial), Assert.Single(sent.Sent));
        Assert.Equal("EPCISDocument", (string?)document["type"]);
        var events = document["epcisBody"]!["eventList"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(5, events.Count); // commissioned, shipped, received, shipped, received
        Assert.Equal(("LOT42", "2027-12-31"), ((string?)events[0]["ilmd"]!["cbvmda:lotNumber"], (string?)events[0]["ilmd"]!["cbvmda:itemExpirationDate"]));
        Assert.All(events.Skip(1), e => Assert.Null(e["ilmd"]));
        Assert.Empty(new EpcisSchema().Validate(System.Text.Json.JsonDocument.Parse(document.ToJsonString()).RootElement));
    }
}
