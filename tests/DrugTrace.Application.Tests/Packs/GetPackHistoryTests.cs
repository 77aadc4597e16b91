using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Packs;

public class GetPackHistoryTests
{
    private readonly TestWorld _world = new();

    private ValueTask<PackHistory> HistoryAsync(Party actor, string serial, string gtin = Gtin) =>
        new GetPackHistoryHandler(_world.Ledger, _world.Catalog, _world.Parties, ContextFor(actor))
            .Handle(new GetPackHistory(actor.Gln, gtin, serial), CancellationToken.None);

    [Fact]
    public async Task The_history_lists_every_event_and_is_verified()
    {
        var serial = await _world.PackAtAsync(Pharmacy);

        var history = await HistoryAsync(Regulator, serial);

        Assert.True(history.ChainVerified);
        Assert.Empty(history.Problems);
        Assert.Equal(["Commissioned", "Shipped", "Received", "Shipped", "Received"], history.Events.Select(e => e.Type));
        Assert.Equal([0, 1, 2, 3, 4], history.Events.Select(e => e.Seq));
        Assert.Equal(new string('0', 64), history.Events[0].PrevHash);
        Assert.All(history.Events.Skip(1).Zip(history.Events), pair => Assert.Equal(pair.Second.Hash, pair.First.PrevHash));
        Assert.Equal((serial, "Active", Pharmacy.Gln, "Paracetamol 500 mg"), (history.Pack.Serial, history.Pack.Status, history.Pack.Custodian, history.Pack.ProductName));
    }

    [Fact]
    public async Task Regulator_brand_owner_and_every_party_in_the_chain_may_see_it()
    {
        var serial = await _world.PackAtAsync(Pharmacy);

        foreach (var party in new[] { Regulator, Maker, Wholesaler, Pharmacy })
            Assert.Equal(5, (await HistoryAsync(party, serial)).Events.Count);
    }

    [Fact]
    public async Task The_recipient_of_a_shipment_may_see_it_before_receiving()
    {
        var serial = await _world.PackAtAsync(Wholesaler);
        await _world.ScanAsync(Wholesaler, Code(serial), new PackCommand(PackAction.Ship, Pharmacy.Gln));

        Assert.Equal("Shipped", (await HistoryAsync(Pharmacy, serial)).Events[^1].Type);
    }

    [Theory]
    [InlineData("pharmacy")]
    [InlineData("wholesaler")]
    [InlineData("manufacturer")]
    public async Task An_unrelated_party_gets_not_found(string who)
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var outsider = who switch { "pharmacy" => OtherPharmacy, "wholesaler" => OtherWholesaler, _ => OtherMaker };

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => HistoryAsync(outsider, serial).AsTask());

        // The same answer as for a pack that does not exist: nothing leaks.
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => HistoryAsync(outsider, "NOSUCHSERIAL").AsTask());
        Assert.Equal(missing.Message.Replace("NOSUCHSERIAL", serial, StringComparison.Ordinal), ex.Message);
        Assert.Equal($"No pack {serial} of GTIN {Gtin} that you may see.", ex.Message);
    }

    [Fact]
    public void The_validator_names_a_bad_GTIN_and_a_serial_outside_set_82()
    {
        var errors = new GetPackHistoryValidator().Validate(new GetPackHistory(Pharmacy.Gln, "123", "S 1")).ToList();

        Assert.Equal(["gtin", "serial"], errors.Select(e => e.Field));
        Assert.Equal("U+0020 at position 2 is not allowed in a serial (GS1 character set 82).", errors[1].Message);
        Assert.Empty(new GetPackHistoryValidator().Validate(new GetPackHistory(Pharmacy.Gln, Gtin, "S1")));
    }

    [Fact]
    public async Task A_party_that_verified_the_pack_only_is_not_in_the_chain()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        await _world.ScanAsync(OtherPharmacy, Code(serial), new PackCommand(PackAction.Verify));

        await Assert.ThrowsAsync<NotFoundException>(() => HistoryAsync(OtherPharmacy, serial).AsTask());
    }

    [Fact]
    public async Task A_tampered_event_is_reported_by_seq()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        _world.Ledger.Tamper(StreamKind.Pack, Gtin, serial, 2, e => e with { Actor = OtherWholesaler.Gln });

        var history = await HistoryAsync(Regulator, serial);

        Assert.False(history.ChainVerified);
        // The altered hash, and the replay: an actor that did not hold the pack cannot have received it.
        Assert.Contains(history.Problems, p => p.StartsWith("seq 2: the stored hash does not match", StringComparison.Ordinal));
        Assert.Contains(history.Problems, p => p.StartsWith("seq 2: not a legal transition", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_head_that_disagrees_with_the_chain_is_reported()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        _world.Ledger.Tamper(StreamKind.Pack, Gtin, serial, 4, e => EventHasher.Seal(e with { Actor = OtherPharmacy.Gln, To = OtherPharmacy.Gln }));

        var history = await HistoryAsync(Regulator, serial);

        Assert.False(history.ChainVerified);
        // The resealed last event links, but the replay says no: another pharmacy, and not what the stored state holds.
        Assert.Contains(history.Problems, p => p.StartsWith("seq 4: not a legal transition", StringComparison.Ordinal));
        Assert.Contains(history.Problems, p => p.StartsWith("seq 4: field custodian", StringComparison.Ordinal));
        Assert.Contains(history.Problems, p => p.StartsWith("seq 4: field head", StringComparison.Ordinal));
    }
}
