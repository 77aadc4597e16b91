using DrugTrace.Application.Packs;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Tests.TestDoubles;
using PackIdentity = DrugTrace.Domain.Gs1.PackIdentity;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Packs;

public class ScanFactsReaderTests
{
    private readonly TestWorld _world = new();

    // A fresh directory each time: the names must not depend on what an earlier request cached.
    private ScanFactsReader Reader() => new(_world.Ledger, _world.Catalog, new PartyDirectory(_world.Parties));

    private static PackIdentity Id(string serial, string? lot = "LOT42", string gtin = Gtin) =>
        new(DrugTrace.Domain.Gs1.Gtin.Parse(gtin), serial, lot, Expiry);

    [Fact]
    public async Task Names_the_parties_the_pack_mentions_without_an_earlier_look_up()
    {
        var serial = await _world.PackAtAsync(Pharmacy);

        // The brand owner is involved: it is told who holds its pack.
        var (facts, brandOwner) = await Reader().ReadAsync(Maker, Id(serial), PackAction.Verify, Start, default);

        Assert.Equal($"Corner Pharmacy ({Pharmacy.Gln})", facts.Name(facts.Pack!.Custodian));
        Assert.Equal($"Corner Pharmacy ({Pharmacy.Gln})", facts.Name(facts.Pack.ChangedBy));
        Assert.Equal(UnknownGln, facts.Name(UnknownGln));
        Assert.Equal("", facts.Name(null));
        Assert.Equal(Maker.Gln, brandOwner);
        Assert.Equal(("Paracetamol 500 mg", "LOT42"), (facts.ProductName, facts.Lot?.Lot));
        Assert.Equal((Maker, PackAction.Verify, Start), (facts.Actor, facts.Action, facts.Now));

        // A party that neither holds nor expects it is not.
        var (uninvolved, _) = await Reader().ReadAsync(OtherPharmacy, Id(serial), PackAction.Verify, Start, default);
        Assert.Equal(HolderDisclosure.Withheld, uninvolved.Name(uninvolved.Pack!.Custodian));
        Assert.Equal(HolderDisclosure.Withheld, uninvolved.Name(uninvolved.Pack.ChangedBy));
    }

    [Fact]
    public async Task An_unknown_product_is_not_looked_for_in_the_ledger()
    {
        var readsBefore = _world.Ledger.PackReads;

        var (facts, brandOwner) = await Reader().ReadAsync(Pharmacy, Id("X1", gtin: UnregisteredGtin), PackAction.Verify, Start, default);

        Assert.Equal(readsBefore, _world.Ledger.PackReads);
        Assert.Null(facts.ProductName);
        Assert.Null(facts.Pack);
        Assert.Null(brandOwner);
        Assert.True(facts.ScannedLotRegistered);
    }

    [Theory]
    [InlineData("LOT42", true)]
    [InlineData("FAKE1", false)]
    [InlineData(null, true)]
    public async Task Says_whether_an_unknown_serials_lot_is_registered(string? lot, bool registered)
    {
        await _world.CommissionAsync("LOT42", 1);

        var (facts, brandOwner) = await Reader().ReadAsync(Pharmacy, Id("NOSUCH", lot), PackAction.Dispense, Start, default);

        Assert.Null(facts.Pack);
        Assert.Equal(registered, facts.ScannedLotRegistered);
        Assert.Equal(Maker.Gln, brandOwner);
    }
}
