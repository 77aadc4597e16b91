using DrugTrace.Application.Common.Interfaces;
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
}
