using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Shipping;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Shipping;

public class ListShipmentsTests
{
    private readonly TestWorld _world = new();

    private ValueTask<ShipmentList> ListAsync(Party actor, ShipmentDirection direction) =>
        new ListShipmentsHandler(new InMemoryCustodyQueries(_world.Ledger), _world.Catalog, new PartyDirectory(_world.Parties), ContextFor(actor))
            .Handle(new ListShipments(actor.Gln, direction), CancellationToken.None);

    private async Task<string> ShipAsync(Party to, string lot)
    {
        var serial = await _world.PackAtAsync(Wholesaler, lot);
        var outcome = await _world.ScanAsync(Wholesaler, Code(serial, lot), new PackCommand(PackAction.Ship, to.Gln));
        Assert.Equal("ok", outcome.Verdict);
        return serial;
    }

    [Fact]
    public async Task Incoming_packs_are_grouped_by_sender_and_day_with_codes_that_receive_them()
    {
        var first = await ShipAsync(Pharmacy, "LOTA");
        var second = await ShipAsync(Pharmacy, "LOTB");
        _world.Clock.Advance(TimeSpan.FromDays(1));
        var third = await ShipAsync(Pharmacy, "LOTC");
        await ShipAsync(OtherPharmacy, "LOTD");

        var list = await ListAsync(Pharmacy, ShipmentDirection.Incoming);

        Assert.Equal(("incoming", 3, false), (list.Direction, list.Packs, list.Truncated));
        Assert.Equal([(new DateOnly(2026, 3, 15), 1), (new DateOnly(2026, 3, 14), 2)], list.Shipments.Select(s => (s.Day, s.Count)));
        Assert.All(list.Shipments, s => Assert.Equal((Wholesaler.Gln, Wholesaler.Name), (s.Counterpart, s.CounterpartName)));
        Assert.Equal([third], list.Shipments[0].Packs.Select(p => p.Serial));
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), list.Shipments[1].Packs.Select(p => p.Serial).Order(StringComparer.Ordinal));

        // The listed code receives the pack.
        var code = list.Shipments[0].Packs[0].Code;
        Assert.Equal(Code(third, "LOTC"), code);
        Assert.Equal("ok", (await _world.ScanAsync(Pharmacy, code, new PackCommand(PackAction.Receive))).Verdict);
        Assert.Equal(2, (await ListAsync(Pharmacy, ShipmentDirection.Incoming)).Packs);
    }

    [Fact]
    public async Task Outgoing_packs_are_grouped_by_recipient_and_nobody_else_sees_them()
    {
        await ShipAsync(Pharmacy, "LOTA");
        await ShipAsync(OtherPharmacy, "LOTB");

        var outgoing = await ListAsync(Wholesaler, ShipmentDirection.Outgoing);

        Assert.Equal([Pharmacy.Name, OtherPharmacy.Name], outgoing.Shipments.Select(s => s.CounterpartName).Order(StringComparer.Ordinal));
        // The same day's shipments in the order of the recipients' GLNs, each pack with its product's name.
        Assert.Equal(("outgoing", 2), (outgoing.Direction, outgoing.Packs));
        Assert.Equal([Pharmacy.Gln, OtherPharmacy.Gln], outgoing.Shipments.Select(s => s.Counterpart));
        Assert.All(outgoing.Shipments.SelectMany(s => s.Packs), p => Assert.Equal("Paracetamol 500 mg", p.ProductName));
        Assert.Empty((await ListAsync(OtherWholesaler, ShipmentDirection.Outgoing)).Shipments);
        Assert.Empty((await ListAsync(OtherWholesaler, ShipmentDirection.Incoming)).Shipments);
        Assert.Equal(1, (await ListAsync(OtherPharmacy, ShipmentDirection.Incoming)).Packs);
    }

    [Theory]
    [InlineData(ListShipments.MaxPacks, ListShipments.MaxPacks, false)]
    [InlineData(ListShipments.MaxPacks + 1, ListShipments.MaxPacks, true)]
    public async Task At_most_the_cap_of_packs_is_listed_and_more_is_reported(int inTransit, int listed, bool truncated)
    {
        var serial = await ShipAsync(Pharmacy, "LOTA");
        var shipped = _world.Ledger.Packs.Single(p => p.Serial == serial);
        var custody = new ManyInTransit([.. Enumerable.Range(0, inTransit).Select(i => shipped with { Serial = $"S{i}" })]);

        var list = await new ListShipmentsHandler(custody, _world.Catalog, new PartyDirectory(_world.Parties), ContextFor(Pharmacy))
            .Handle(new ListShipments(Pharmacy.Gln, ShipmentDirection.Incoming), default);

        Assert.Equal((listed, truncated), (list.Packs, list.Truncated));
        Assert.Equal(listed, list.Shipments.Sum(s => s.Count));
        Assert.Equal(ListShipments.MaxPacks + 1, custody.AskedFor);
    }

    /// <summary>Custody queries that hold these packs in transit, up to the limit asked for.</summary>
    private sealed class ManyInTransit(IReadOnlyList<PackState> packs) : ICustodyQueries
    {
        public int AskedFor { get; private set; }

        public ValueTask<IReadOnlyList<PackState>> ListInTransitAsync(string party, ShipmentDirection direction, int limit, CancellationToken cancellationToken)
        {
            AskedFor = limit;
            return ValueTask.FromResult<IReadOnlyList<PackState>>([.. packs.Take(limit)]);
        }

        public ValueTask<IReadOnlyList<StockCount>> CountStockAsync(string custodian, StockFilter filter, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<IReadOnlyList<PackState>> ListQuarantinedAsync(string? quarantinedBy, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
