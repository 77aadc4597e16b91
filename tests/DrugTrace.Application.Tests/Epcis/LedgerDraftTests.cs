using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Parties;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Products;
using DrugTrace.Application.Epcis;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Epcis;

public sealed class LedgerDraftTests
{
    private readonly TestWorld _world = new();

    private static LedgerEvent Pack(string serial, string lot = "LOT7") =>
        LedgerEvents.First(StreamKind.Pack, Gtin, serial, EventType.Commissioned, Maker.Gln, lot, Expiry, Start);

    [Fact]
    public async Task Packs_commissioned_one_event_after_another_into_one_lot_are_stored_as_one_write_in_their_order()
    {
        var draft = new LedgerDraft(_world.Ledger, _world.Catalog);
        var lotEvent = LedgerEvents.First(StreamKind.Lot, Gtin, "LOT7", EventType.LotRegistered, Maker.Gln, "LOT7", Expiry, Start);
        var lot = new LotState(Gtin, "LOT7", Expiry, Maker.Gln, new ChainHead(0, lotEvent.Hash));
        await draft.CommissionAsync(lot, lotEvent, [Pack("S1")], default);
        await draft.CommissionIntoAsync(lot, [Pack("S2")], default);
        var mark = draft.Mark();
        await draft.CommissionIntoAsync(lot, [Pack("S3"), Pack("S4")], default);

        // The later events of the document see the packs commissioned before them.
        Assert.Equal(["LOT7", "LOT7"], new[] { await draft.FindPackAsync(Gtin, "S1", default), await draft.FindPackAsync(Gtin, "S4", default) }.Select(p => p?.Lot));
        var writes = draft.Writes;
        Assert.Equal(2, writes.Count);
        Assert.IsType<LotRegistration>(writes[0]);
        Assert.Equal(["S1", "S2", "S3", "S4"], Assert.IsType<PacksCommissioning>(writes[1]).Events.Select(e => e.Key));

        // Taking back the last event takes back its packs only.
        draft.Undo(mark);
        Assert.Equal(["S1", "S2"], Assert.IsType<PacksCommissioning>(draft.Writes[1]).Events.Select(e => e.Key));
        Assert.Null(await draft.FindPackAsync(Gtin, "S3", default));

        // Stored as one write: the packs decided are in the ledger, the one taken back is not.
        Assert.True(await _world.Ledger.TryAppendBatchAsync(draft.Writes, default));
        Assert.Equal(PackStatus.Active, (await _world.Ledger.FindPackAsync(Gtin, "S2", default))!.Status);
        Assert.Null(await _world.Ledger.FindPackAsync(Gtin, "S3", default));
    }

    [Fact]
    public async Task A_write_between_two_commissionings_keeps_them_apart()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        var draft = new LedgerDraft(_world.Ledger, _world.Catalog);
        var lot = (await draft.FindLotAsync(Gtin, "LOT42", default))!;
        await draft.CommissionIntoAsync(lot, [Pack("N1", "LOT42")], default);
        var pack = (await draft.FindPackAsync(Gtin, serial, default))!;
        var ship = LedgerEvents.Next(pack.Head, StreamKind.Pack, Gtin, serial, EventType.Shipped, Maker.Gln, Start, Maker.Gln, Wholesaler.Gln, null, null);
        Assert.True(await draft.TryAppendAsync(ship, PackLifecycle.Apply(pack, ship), lot.Head, default));
        await draft.CommissionIntoAsync(lot, [Pack("N2", "LOT42")], default);

        Assert.Equal([typeof(PacksCommissioning), typeof(PackAppend), typeof(PacksCommissioning)], draft.Writes.Select(w => w.GetType()));
    }

    private LedgerDraft Draft() => new(_world.Ledger, _world.Catalog);

    private static LedgerEvent Ship(PackState pack) =>
        LedgerEvents.Next(pack.Head, StreamKind.Pack, Gtin, pack.Serial, EventType.Shipped, Maker.Gln, Start, Maker.Gln, Wholesaler.Gln);

    [Fact]
    public async Task Commissionings_into_two_lots_stay_apart_and_a_write_between_ends_a_merge()
    {
        await _world.CommissionAsync("LOT42", 1);
        var serial = (await _world.CommissionAsync("LOT43", 1)).Serials[0];
        var draft = Draft();
        var lot42 = (await draft.FindLotAsync(Gtin, "LOT42", default))!;
        var lot43 = (await draft.FindLotAsync(Gtin, "LOT43", default))!;
        await draft.CommissionIntoAsync(lot42, [Pack("A1", "LOT42")], default);
        await draft.CommissionIntoAsync(lot42, [Pack("A2", "LOT42")], default);
        var pack = (await draft.FindPackAsync(Gtin, serial, default))!;
        Assert.True(await draft.TryAppendAsync(Ship(pack), PackLifecycle.Apply(pack, Ship(pack)), lot43.Head, default));
        await draft.CommissionIntoAsync(lot42, [Pack("A3", "LOT42")], default);
        await draft.CommissionIntoAsync(lot42, [Pack("A4", "LOT42")], default);
        await draft.CommissionIntoAsync(lot43, [Pack("B1", "LOT43")], default);

        var writes = draft.Writes;
        Assert.Equal([typeof(PacksCommissioning), typeof(PackAppend), typeof(PacksCommissioning), typeof(PacksCommissioning)], writes.Select(w => w.GetType()));
        Assert.Equal(["A1", "A2"], ((PacksCommissioning)writes[0]).Events.Select(e => e.Key));
        Assert.Equal(["A3", "A4"], ((PacksCommissioning)writes[2]).Events.Select(e => e.Key));
        Assert.Equal("LOT43", ((PacksCommissioning)writes[3]).Lot.Lot);
        Assert.Equal(["B1"], ((PacksCommissioning)writes[3]).Events.Select(e => e.Key));
        // Reading the writes does not change them: asked again, the same.
        Assert.Equal(["A1", "A2"], ((PacksCommissioning)draft.Writes[0]).Events.Select(e => e.Key));
        Assert.Equal(5, draft.Writes.Sum(w => w is PacksCommissioning c ? c.Events.Count : 0));
    }

    [Fact]
    public async Task A_registered_lot_a_stale_lot_and_an_existing_or_repeated_serial_are_refused_as_the_store_would()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        var draft = Draft();
        var lot = (await draft.FindLotAsync(Gtin, "LOT42", default))!;
        var lotEvent = LedgerEvents.First(StreamKind.Lot, Gtin, "LOT42", EventType.LotRegistered, Maker.Gln, "LOT42", Expiry, Start);

        var registered = await Assert.ThrowsAsync<ConflictException>(async () => await draft.CommissionAsync(lot, lotEvent, [Pack("X1", "LOT42")], default));
        Assert.Equal($"Lot LOT42 of {Gtin} is already registered.", registered.Message);
        var stale = await Assert.ThrowsAsync<ConflictException>(async () =>
            await draft.CommissionIntoAsync(lot with { Expiry = Expiry.AddDays(1) }, [Pack("X1", "LOT42")], default));
        Assert.Equal($"Lot LOT42 of {Gtin} changed meanwhile.", stale.Message);
        await Assert.ThrowsAsync<SerialCollisionException>(async () => await draft.CommissionIntoAsync(lot, [Pack("X1", "LOT42"), Pack(serial, "LOT42")], default));
        await Assert.ThrowsAsync<SerialCollisionException>(async () => await draft.CommissionIntoAsync(lot, [Pack("X1", "LOT42"), Pack("X1", "LOT42")], default));
        // A new lot whose serial exists is refused before anything is drafted.
        var newLot = new LotState(Gtin, "LOT99", Expiry, Maker.Gln, new ChainHead(0, lotEvent.Hash));
        await Assert.ThrowsAsync<SerialCollisionException>(async () =>
            await draft.CommissionAsync(newLot, LedgerEvents.First(StreamKind.Lot, Gtin, "LOT99", EventType.LotRegistered, Maker.Gln, "LOT99", Expiry, Start), [Pack(serial, "LOT99")], default));
        Assert.Null(await draft.FindLotAsync(Gtin, "LOT99", default));
        Assert.Empty(draft.Writes);
        Assert.Null(await draft.FindPackAsync(Gtin, "X1", default));
    }

    [Fact]
    public async Task A_pack_append_must_extend_the_packs_head_and_name_the_lots_head()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        var draft = Draft();
        var pack = (await draft.FindPackAsync(Gtin, serial, default))!;
        var lot = (await draft.FindLotAsync(Gtin, "LOT42", default))!;
        var ship = Ship(pack);
        var state = PackLifecycle.Apply(pack, ship);

        Assert.False(await draft.TryAppendAsync(ship with { Key = "NOSUCH" }, state, lot.Head, default));
        Assert.False(await draft.TryAppendAsync(ship with { Seq = ship.Seq + 1 }, state, lot.Head, default));
        Assert.False(await draft.TryAppendAsync(ship with { PrevHash = ship.Hash }, state, lot.Head, default));
        Assert.False(await draft.TryAppendAsync(ship, state, new ChainHead(lot.Head.Seq + 1, lot.Head.Hash), default));
        Assert.Empty(draft.Writes);
        Assert.Equal(PackStatus.Active, (await draft.FindPackAsync(Gtin, serial, default))!.Status);

        Assert.True(await draft.TryAppendAsync(ship, state, lot.Head, default));
        Assert.Equal(PackStatus.InTransit, (await draft.FindPackAsync(Gtin, serial, default))!.Status);
        var chain = await draft.GetChainAsync(StreamKind.Pack, Gtin, serial, default);
        Assert.Equal([(0, EventType.Commissioned), (-1, EventType.Shipped)], chain.Select(c => (c.LogIndex < 0 ? -1 : 0, c.Event.Type)));
        // The store has not changed.
        Assert.Equal(PackStatus.Active, (await _world.Ledger.FindPackAsync(Gtin, serial, default))!.Status);
    }

    [Fact]
    public async Task A_lot_append_must_extend_the_lots_head_and_is_taken_back_by_undo()
    {
        await _world.CommissionAsync("LOT42", 1);
        var draft = Draft();
        var lot = (await draft.FindLotAsync(Gtin, "LOT42", default))!;
        var (recall, recalled) = RecallLotHandler.Decide(lot, Maker, "Recalled", Start);

        Assert.False(await draft.TryAppendAsync(recall with { Key = "NOLOT" }, recalled, default));
        Assert.False(await draft.TryAppendAsync(recall with { Seq = recall.Seq + 1 }, recalled, default));
        Assert.False(await draft.TryAppendAsync(recall with { PrevHash = recall.Hash }, recalled, default));
        Assert.Empty(draft.Writes);

        var mark = draft.Mark();
        Assert.True(await draft.TryAppendAsync(recall, recalled, default));
        Assert.True((await draft.FindLotAsync(Gtin, "LOT42", default))!.IsRecalled);
        Assert.IsType<LotAppend>(Assert.Single(draft.Writes));
        draft.Undo(mark);
        Assert.Equal(lot, await draft.FindLotAsync(Gtin, "LOT42", default));
        Assert.Empty(draft.Writes);
        Assert.False((await _world.Catalog.FindLotAsync(Gtin, "LOT42", default))!.IsRecalled);
    }

    [Fact]
    public async Task What_the_store_answered_is_kept_for_the_drafts_life_absent_ones_too()
    {
        var serials = (await _world.CommissionAsync("LOT42", 2)).Serials;
        var draft = Draft();
        var reads = _world.Ledger.PackReads;
        await draft.ReadPacksAsync([(Gtin, serials[0]), (Gtin, serials[1]), (Gtin, serials[0]), (Gtin, "LATER")], default);
        Assert.Equal(reads + 3, _world.Ledger.PackReads);
        await draft.ReadPacksAsync([(Gtin, serials[0])], default);
        Assert.NotNull(await draft.FindPackAsync(Gtin, serials[1], default));
        Assert.Equal(reads + 3, _world.Ledger.PackReads);

        // Stored after the draft read it: the draft still answers what it read (the batch's heads are checked when stored).
        await _world.CommissionAsync("LOT43", 1, serials: new QueueSerialGenerator("LATER"));
        Assert.Null(await draft.FindPackAsync(Gtin, "LATER", default));
        Assert.Null(await draft.FindProductAsync(UnregisteredGtin, default));
        await _world.Catalog.AddProductAsync(new Product(UnregisteredGtin, "Aspirin", "tablet", "100 mg", Maker.Gln), default);
        Assert.Null(await draft.FindProductAsync(UnregisteredGtin, default));
        Assert.Equal(Maker.Gln, (await draft.FindProductAsync(Gtin, default))!.Manufacturer);
        Assert.Equal([Gtin, UnregisteredGtin], (await draft.ListProductsAsync(Maker.Gln, default)).Select(p => p.Gtin).Order());
        Assert.Null(await draft.FindLotAsync(Gtin, "LOT44", default));
        await _world.CommissionAsync("LOT44", 1);
        Assert.Null(await draft.FindLotAsync(Gtin, "LOT44", default));
        Assert.Null(await draft.FindCaseAsync(Sscc.Create(0, Maker.Gln[..7], 1).Value, default));
    }

    [Fact]
    public async Task What_the_draft_does_not_answer_says_so()
    {
        var draft = Draft();
        Assert.Equal("A ledger draft collects writes; store its Writes with the ledger.",
            (await Assert.ThrowsAsync<NotSupportedException>(async () => await draft.TryAppendBatchAsync([], default))).Message);
        Assert.Equal("A ledger draft answers the reads that decide one pack; list packs from the ledger.",
            (await Assert.ThrowsAsync<NotSupportedException>(async () => await draft.ListPacksAsync(Gtin, "LOT42", 0, 10, default))).Message);
        Assert.Equal("A ledger draft answers the reads that decide one pack; count packs from the ledger.",
            (await Assert.ThrowsAsync<NotSupportedException>(async () => await draft.CountPacksAsync(Gtin, "LOT42", default))).Message);
        Assert.Equal("A ledger draft is not audited; audit the ledger.",
            Assert.Throws<NotSupportedException>(() => draft.ReadChainsAsync(default)).Message);
        Assert.Equal("A capture does not register products.",
            (await Assert.ThrowsAsync<NotSupportedException>(async () => await draft.AddProductAsync(new Product(UnregisteredGtin, "x", "tablet", "1 mg", Maker.Gln), default))).Message);
        Assert.Equal("A ledger draft answers the reads that decide one lot; list lots from the catalog.",
            (await Assert.ThrowsAsync<NotSupportedException>(async () => await draft.ListLotsAsync(Gtin, default))).Message);
    }

    [Fact]
    public async Task A_cases_children_are_the_stored_ones_still_inside_and_those_the_draft_put_in()
    {
        var serials = (await _world.CommissionAsync("LOT42", 3)).Serials;
        var sscc = Sscc.Create(0, Maker.Gln[..7], 7).Value;
        var pallet = Sscc.Create(0, Maker.Gln[..7], 8).Value;
        var capture = new CaptureEventsHandler(_world.Ledger, _world.Catalog, new PartyDirectory(_world.Parties), _world.ScanLog, _world.AlertRaiser(),
            new SsccAllocator(_world.Ledger, _world.Parties), ContextFor(Maker), _world.Clock, Microsoft.Extensions.Options.Options.Create(_world.AlertOptions));
        var packed = await capture.Handle(new CaptureEvents(Maker.Gln,
            [new CapturedEvent(0, null, new CapturePlan([new PackIntoCaseStep(sscc, [(Gtin, serials[0]), (Gtin, serials[1])], [], Start)], null))], false), default);
        Assert.Equal(1, packed.Applied);

        var draft = Draft();
        var cases = new CaseCapture(draft, new PartyDirectory(_world.Parties), new SsccAllocator(_world.Ledger, _world.Parties), _world.Clock);
        // Nothing drafted yet: the stored children as they are.
        Assert.Equal(new[] { serials[0], serials[1] }.Order(), (await draft.ListCaseChildrenAsync(sscc, default)).Packs.Select(p => p.Serial).Order());

        Assert.Null((await cases.PackAsync(Maker, new PackIntoCaseStep(sscc, [(Gtin, serials[2])], [], Start.AddMinutes(1)), default)).Refusal);
        var children = await draft.ListCaseChildrenAsync(sscc, default);
        Assert.Equal(serials.Order(), children.Packs.Select(p => p.Serial).Order());
        Assert.All(children.Packs, p => Assert.Equal(sscc, p.Parent));

        Assert.Null((await cases.PackAsync(Maker, new PackIntoCaseStep(pallet, [], [sscc], Start.AddMinutes(2)), default)).Refusal);
        var inPallet = await draft.ListCaseChildrenAsync(pallet, default);
        Assert.Equal((0, pallet), (inPallet.Packs.Count, Assert.Single(inPallet.Cases).Parent));
        var palletChain = await draft.GetChainAsync(StreamKind.Case, "", pallet, default);
        Assert.Equal(EventType.CasePacked, Assert.Single(palletChain).Event.Type);
        // The stored case's chain: what is stored, then what the draft added.
        var caseChain = await draft.GetChainAsync(StreamKind.Case, "", sscc, default);
        Assert.True(caseChain.Count > 1);
        Assert.True(caseChain[0].LogIndex >= 0);
        Assert.Equal(-1, caseChain[^1].LogIndex);

        Assert.Null((await cases.UnpackAsync(Maker, new UnpackCaseStep(pallet, [], [sscc], Start.AddMinutes(3)), default)).Refusal);
        Assert.Empty((await draft.ListCaseChildrenAsync(pallet, default)).Cases);
        Assert.Null((await cases.UnpackAsync(Maker, new UnpackCaseStep(sscc, [], [], Start.AddMinutes(4)), default)).Refusal);
        Assert.Empty((await draft.ListCaseChildrenAsync(sscc, default)).Packs);
        Assert.Equal(CaseStatus.Unpacked, (await draft.FindCaseAsync(sscc, default))!.Status);
        // None of it is stored.
        Assert.Equal(2, (await _world.Ledger.ListCaseChildrenAsync(sscc, default)).Packs.Count);
        Assert.Null(await _world.Ledger.FindCaseAsync(pallet, default));
    }

    [Fact]
    public async Task Case_steps_that_no_longer_extend_the_draft_are_not_applied_and_undo_takes_a_case_back()
    {
        var serials = (await _world.CommissionAsync("LOT42", 1)).Serials;
        var draft = Draft();
        var reader = new CaseReader(draft, draft);
        var sscc = Sscc.Create(0, Maker.Gln[..7], 9);
        var (packs, inner) = await reader.ChildrenAsync(Maker, [(Gtin, serials[0])], [], default);
        var steps = Assert.IsType<CaseDecision.Accepted>(CaseLifecycle.Pack(sscc, packs, inner, Maker, Start, Start)).Steps;

        var mark = draft.Mark();
        Assert.True(await draft.TryApplyAsync(steps, default));
        var written = draft.Writes.Count;
        Assert.Equal(sscc.Value, (await draft.FindPackAsync(Gtin, serials[0], default))!.Parent);
        // Again: the SSCC is taken and the pack's head has moved on.
        Assert.False(await draft.TryApplyAsync(steps, default));
        Assert.False(await draft.TryApplyAsync([.. steps.Where(s => s is CaseStep.OfPack)], default));
        Assert.Equal(written, draft.Writes.Count);

        draft.Undo(mark);
        Assert.Null(await draft.FindCaseAsync(sscc.Value, default));
        Assert.Null((await draft.FindPackAsync(Gtin, serials[0], default))!.Parent);
        Assert.Empty(draft.Writes);
        Assert.Equal([EventType.Commissioned], (await draft.GetChainAsync(StreamKind.Pack, Gtin, serials[0], default)).Select(c => c.Event.Type));
        Assert.True(await draft.TryApplyAsync(steps, default));
    }

    /// <summary>A case of one pack packed and stored by the maker, and the steps that would ship it, decided on <paramref name="draft"/>.</summary>
    private async Task<(string Sscc, IReadOnlyList<CaseStep> Ship)> StoredCaseAsync(LedgerDraft draft)
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        var sscc = (await _world.PackCase(Maker).Handle(new PackCase(Maker.Gln, [Code(serial)], null), default)).Sscc;
        var reader = new CaseReader(draft, draft);
        var contents = await reader.ReadAsync(await reader.FindVisibleAsync(Maker, Sscc.Parse(sscc), default), default);
        var ship = Assert.IsType<CaseDecision.Accepted>(CaseLifecycle.Move(contents, CaseAction.Ship, Wholesaler.Gln, Maker, Start.AddMinutes(1))).Steps;
        return (sscc, ship);
    }

    [Fact]
    public async Task Undoing_the_move_of_a_stored_case_gives_back_the_stored_case_and_its_stored_chain()
    {
        var draft = Draft();
        var (sscc, ship) = await StoredCaseAsync(draft);
        var stored = (await _world.Ledger.FindCaseAsync(sscc, default))!;
        var storedChain = await _world.Ledger.GetChainAsync(StreamKind.Case, "", sscc, default);

        var mark = draft.Mark();
        Assert.True(await draft.TryApplyAsync(ship, default));
        Assert.Equal(CaseStatus.InTransit, (await draft.FindCaseAsync(sscc, default))!.Status);
        draft.Undo(mark);

        Assert.Equal(stored, await draft.FindCaseAsync(sscc, default));
        Assert.Equal(storedChain, await draft.GetChainAsync(StreamKind.Case, "", sscc, default));
        Assert.Empty(draft.Writes);
        // Decided again on the stored case, it applies.
        Assert.True(await draft.TryApplyAsync(ship, default));
    }

    [Fact]
    public async Task A_case_step_of_the_next_seq_but_another_predecessor_is_not_applied()
    {
        var draft = Draft();
        var (sscc, ship) = await StoredCaseAsync(draft);
        var forged = ship.Select(s => s is CaseStep.OfCase c ? new CaseStep.OfCase(c.Event with { PrevHash = c.Event.Hash }, c.State, c.IsNew) : s).ToList();

        Assert.False(await draft.TryApplyAsync(forged, default));

        Assert.Empty(draft.Writes);
        Assert.Equal(CaseStatus.Active, (await draft.FindCaseAsync(sscc, default))!.Status);
    }

    [Fact]
    public async Task A_pallets_stored_cases_are_its_children_while_the_draft_holds_other_changes()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        var sscc = (await _world.PackCase(Maker).Handle(new PackCase(Maker.Gln, [Code(serial)], null), default)).Sscc;
        var pallet = (await _world.PackCase(Maker).Handle(new PackCase(Maker.Gln, ["(00)" + sscc], null), default)).Sscc;
        var draft = Draft();
        var lot = (await draft.FindLotAsync(Gtin, "LOT42", default))!;
        await draft.CommissionIntoAsync(lot, [Pack("N1", "LOT42")], default);

        var children = await draft.ListCaseChildrenAsync(pallet, default);

        Assert.Equal((0, sscc, pallet), (children.Packs.Count, Assert.Single(children.Cases).Sscc, children.Cases[0].Parent));
    }
}
