using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Products;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Cases;

/// <summary><see cref="CaseReader"/>: who may see a case, whose stock a child is in, and a store too damaged to read.</summary>
public sealed class CaseReaderTests
{
    private readonly TestWorld _world = new();

    private ValueTask<CaseView> PackAsync(Party actor, IReadOnlyList<string> codes) =>
        _world.PackCase(actor)
            .Handle(new PackCase(actor.Gln, codes, null), default);

    private static CaseState Case(string custodian, string? shipTo = null, string packedBy = "4012345000016") => new()
    {
        Sscc = Sscc.Create(0, "4012345", 1).Value, Status = CaseStatus.Active, Custodian = custodian, ShipTo = shipTo, PackedBy = packedBy,
        PackedAt = Start, ChangedBy = packedBy, ChangedAt = Start, Head = new ChainHead(0, default),
    };

    [Fact]
    public void A_case_is_seen_by_a_regulator_its_holder_its_recipient_and_its_packer_only()
    {
        var other = Wholesaler.Gln;
        Assert.True(CaseReader.MaySee(Regulator, Case(custodian: other, packedBy: other)));
        Assert.True(CaseReader.MaySee(Pharmacy, Case(custodian: Pharmacy.Gln, packedBy: other)));
        Assert.True(CaseReader.MaySee(Pharmacy, Case(custodian: other, shipTo: Pharmacy.Gln, packedBy: other)));
        Assert.True(CaseReader.MaySee(Pharmacy, Case(custodian: other, packedBy: Pharmacy.Gln)));
        Assert.False(CaseReader.MaySee(Pharmacy, Case(custodian: other, shipTo: OtherPharmacy.Gln, packedBy: other)));
        Assert.False(CaseReader.MaySee(OtherWholesaler, Case(custodian: other, packedBy: other)));
    }

    [Fact]
    public async Task A_case_on_its_way_to_the_packer_is_seen_but_not_in_its_stock()
    {
        var serials = (await _world.CommissionAsync("LOT42", 1)).Serials;
        var packed = await PackAsync(Maker, [Code(serials[0])]);
        await _world.CaseMoves().MoveAsync(Maker, "(00)" + packed.Sscc, Sscc.Parse(packed.Sscc), PackAction.Ship, Wholesaler.Gln, null, default);

        var notHeld = await Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await _world.CaseReader().ChildrenAsync(Wholesaler, [], [packed.Sscc], default));
        Assert.Equal($"Case {packed.Sscc} is not in your stock; nothing was packed.", notHeld.Message);
        var unseen = await Assert.ThrowsAsync<NotFoundException>(async () =>
            await _world.CaseReader().ChildrenAsync(OtherWholesaler, [], [packed.Sscc], default));
        Assert.Equal($"No case or pallet with SSCC {packed.Sscc} is known to you; nothing was packed.", unseen.Message);
        Assert.Equal(packed.Sscc, (await _world.CaseReader().FindVisibleAsync(Wholesaler, Sscc.Parse(packed.Sscc), default)).Sscc);
        Assert.Equal(packed.Sscc, (await _world.CaseReader().FindForReceiptAsync(Sscc.Parse(packed.Sscc), default)).Sscc);
        var unknown = Sscc.Create(0, "4012345", 424242);
        Assert.Equal($"No case or pallet with SSCC {unknown.Value} is known to you.",
            (await Assert.ThrowsAsync<NotFoundException>(async () => await _world.CaseReader().FindForReceiptAsync(unknown, default))).Message);
    }

    [Fact]
    public async Task A_case_nested_in_itself_is_read_to_the_depth_limit_and_no_further()
    {
        var serials = (await _world.CommissionAsync("LOT42", 1)).Serials;
        var packed = await PackAsync(Maker, [Code(serials[0])]);
        _world.Ledger.TamperCase(packed.Sscc, c => c with { Parent = packed.Sscc });

        var deep = await Assert.ThrowsAsync<ConflictException>(async () =>
            await _world.CaseReader().ReadAsync((await _world.Ledger.FindCaseAsync(packed.Sscc, default))!, default));
        Assert.Equal($"Case {packed.Sscc} is nested more than {CaseReader.MaxDepth} deep; the ledger audit will say why.", deep.Message);
    }

    [Fact]
    public async Task A_pallet_nested_to_the_depth_limit_is_read_whole()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        var inner = await PackAsync(Maker, [Code(serial)]);
        var outer = inner;
        for (var depth = 0; depth < CaseReader.MaxDepth; depth++) outer = await PackAsync(Maker, ["(00)" + outer.Sscc]);

        var contents = await _world.CaseReader().ReadAsync((await _world.Ledger.FindCaseAsync(outer.Sscc, default))!, default);
        Assert.Equal((1, CaseReader.MaxDepth), (contents.PackCount, contents.CaseCount));
    }

    [Fact]
    public async Task An_unpacked_case_holds_nothing_and_a_pack_naming_an_unregistered_lot_is_a_damaged_store()
    {
        var serials = (await _world.CommissionAsync("LOT42", 2)).Serials;
        var packed = await PackAsync(Maker, [.. serials.Select(s => Code(s))]);
        await new UnpackCaseHandler(_world.Ledger, _world.CaseReader(), ContextFor(Maker), _world.Clock).Handle(new UnpackCase(Maker.Gln, packed.Sscc), default);
        // Even a pack still naming it (a damaged row) is not read as inside an unpacked case.
        _world.Ledger.TamperState(Gtin, serials[0], p => p with { Parent = packed.Sscc });
        var opened = await _world.CaseReader().ReadAsync((await _world.Ledger.FindCaseAsync(packed.Sscc, default))!, default);
        Assert.Equal((0, 0), (opened.PackCount, opened.CaseCount));

        var other = await PackAsync(Maker, [Code(serials[1])]);
        _world.Ledger.TamperState(Gtin, serials[1], p => p with { Lot = "NOLOT" });
        var damaged = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await _world.CaseReader().ReadAsync((await _world.Ledger.FindCaseAsync(other.Sscc, default))!, default));
        Assert.Equal($"Pack {Gtin}/{serials[1]} names lot NOLOT, which is not registered.", damaged.Message);
    }

    [Fact]
    public async Task A_cases_packs_are_read_in_serial_order_and_its_cases_in_sscc_order_whatever_the_store_gives()
    {
        // Commissioned S2 before S1, and case 7 packed before case 3: the store lists them in that order.
        await _world.CommissionAsync("LOT42", 3, serials: new QueueSerialGenerator("S2", "S1", "S3"));
        static string Own(int reference) => Sscc.Create(0, Maker.Gln[..7], reference).Value;
        await _world.PackCase(Maker).Handle(new PackCase(Maker.Gln, [Code("S2"), Code("S1")], Own(7)), default);
        await _world.PackCase(Maker).Handle(new PackCase(Maker.Gln, [Code("S3")], Own(3)), default);
        var pallet = await _world.PackCase(Maker).Handle(new PackCase(Maker.Gln, ["(00)" + Own(7), "(00)" + Own(3)], Own(9)), default);

        var contents = await _world.CaseReader().ReadAsync((await _world.Ledger.FindCaseAsync(pallet.Sscc, default))!, default);

        Assert.Equal([Own(3), Own(7)], contents.Cases.Select(c => c.Case.Sscc));
        Assert.Equal(["S1", "S2"], contents.Cases[1].Packs.Select(p => p.Pack.Serial));
    }

    [Fact]
    public async Task A_cases_packs_of_two_products_are_read_lower_GTIN_first_whatever_the_store_gives()
    {
        // The higher GTIN is commissioned first, and its serial sorts first too: only the GTIN order puts the other first.
        await _world.Catalog.AddProductAsync(new Product(UnregisteredGtin, "Aspirin 100 mg", "tablet", "100 mg", Maker.Gln), default);
        await _world.CommissionAsync("LOT7", 1, gtin: UnregisteredGtin, serials: new QueueSerialGenerator("A1"));
        await _world.CommissionAsync("LOT42", 1, serials: new QueueSerialGenerator("B1"));
        var packed = await PackAsync(Maker, [Code("A1", lot: "LOT7", gtin: UnregisteredGtin), Code("B1")]);

        var contents = await _world.CaseReader().ReadAsync((await _world.Ledger.FindCaseAsync(packed.Sscc, default))!, default);

        Assert.Equal([(Gtin, "B1"), (UnregisteredGtin, "A1")], contents.Packs.Select(p => (p.Pack.Gtin, p.Pack.Serial)));
    }
}
