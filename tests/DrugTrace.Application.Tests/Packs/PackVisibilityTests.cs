using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Products;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Packs;

/// <summary>Who may see a pack's history: a regulator, the brand owner, and every party named by one of its events.</summary>
public sealed class PackVisibilityTests
{
    private static readonly Product Product = new(Gtin, "Paracetamol 500 mg", "tablet", "500 mg", Maker.Gln);

    private static StoredEvent Event(string actor, string? from = null, string? to = null)
    {
        var first = LedgerEvents.First(StreamKind.Pack, Gtin, "S1", EventType.Commissioned, Maker.Gln, "LOT42", Expiry, Start);
        return new StoredEvent(0, LedgerEvents.Next(new ChainHead(0, first.Hash), StreamKind.Pack, Gtin, "S1", EventType.Shipped, actor, Start, from, to));
    }

    [Fact]
    public void The_actor_the_sender_and_the_recipient_of_an_event_may_each_view_the_pack()
    {
        // The actor of an event that names neither it as sender nor as recipient still may.
        Assert.True(PackVisibility.MayView(Wholesaler, Product, [Event(Wholesaler.Gln)]));
        Assert.True(PackVisibility.MayView(Wholesaler, Product, [Event(Maker.Gln, from: Wholesaler.Gln)]));
        Assert.True(PackVisibility.MayView(Pharmacy, Product, [Event(Maker.Gln, to: Pharmacy.Gln)]));
        Assert.False(PackVisibility.MayView(OtherPharmacy, Product, [Event(Wholesaler.Gln, Wholesaler.Gln, Pharmacy.Gln)]));
        Assert.True(PackVisibility.MayView(Maker, Product, []));
        Assert.True(PackVisibility.MayView(Regulator, null, []));
    }
}
