using DrugTrace.Application.Audit;
using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Audit;

/// <summary><see cref="LedgerReplay"/> on chains a store could hand it: rows missing, rows without events, one pack's history alone.</summary>
public sealed class LedgerReplayTests
{
    private readonly TestWorld _world = new();

    private async Task<IReadOnlyList<StoredEvent>> ChainAsync(StreamKind stream, string gtin, string key) =>
        await _world.Ledger.GetChainAsync(stream, gtin, key, default);

    private static IReadOnlyList<(long, LedgerEvent)> Events(IReadOnlyList<StoredEvent> chain) => [.. chain.Select(s => (s.LogIndex, s.Event))];

    [Fact]
    public async Task Events_of_a_pack_or_case_without_a_stored_row_are_named_at_their_first_event()
    {
        var serial = await _world.PackAtAsync(Wholesaler);
        var packed = await _world.PackCase(Wholesaler)
            .Handle(new PackCase(Wholesaler.Gln, [Code(serial)], null), default);
        var replay = await LedgerReplay.StartAsync(_world.Parties, default);
        var packChain = await ChainAsync(StreamKind.Pack, Gtin, serial);
        var caseChain = await ChainAsync(StreamKind.Case, "", packed.Sscc);

        var pack = Assert.Single(replay.Replay(new StoredChain(StreamKind.Pack, Gtin, serial, packChain, null, null), Events(packChain)));
        Assert.Equal((StreamKind.Pack, Gtin, serial, 0, packChain[0].LogIndex), (pack.Stream, pack.Gtin, pack.Key, pack.Seq, pack.LogIndex));
        Assert.Equal("events of a pack that has no stored state: inserted into the log, or the pack's row was deleted", pack.Problem);

        var orphanCase = Assert.Single(replay.Replay(new StoredChain(StreamKind.Case, "", packed.Sscc, caseChain, null, null), Events(caseChain)));
        Assert.Equal((StreamKind.Case, packed.Sscc, 0, caseChain[0].LogIndex), (orphanCase.Stream, orphanCase.Key, orphanCase.Seq, orphanCase.LogIndex));
        Assert.Equal("events of a case that has no stored state: inserted into the log, or the case's row was deleted", orphanCase.Problem);
    }

    [Fact]
    public async Task Rows_replayed_with_no_events_are_left_to_the_chain_check_and_consistent_rows_pass()
    {
        var serial = await _world.PackAtAsync(Wholesaler);
        var packed = await _world.PackCase(Wholesaler)
            .Handle(new PackCase(Wholesaler.Gln, [Code(serial)], null), default);
        var state = (await _world.Ledger.FindPackAsync(Gtin, serial, default))!;
        var caseState = (await _world.Ledger.FindCaseAsync(packed.Sscc, default))!;
        var packChain = await ChainAsync(StreamKind.Pack, Gtin, serial);
        var caseChain = await ChainAsync(StreamKind.Case, "", packed.Sscc);
        var lotChain = await ChainAsync(StreamKind.Lot, Gtin, "LOT42");
        var lot = (await _world.Catalog.FindLotAsync(Gtin, "LOT42", default))!;

        var empty = await LedgerReplay.StartAsync(_world.Parties, default);
        Assert.Empty(empty.Replay(new StoredChain(StreamKind.Pack, Gtin, serial, packChain, state, null), []));
        Assert.Empty(empty.Replay(new StoredChain(StreamKind.Case, "", packed.Sscc, caseChain, null, null) { Case = caseState }, []));
        // The case was kept for the link check, the pack replayed without events was not: the case holds nothing.
        Assert.Equal((packed.Sscc, "the case holds nothing: no pack or case names it as its parent"),
            Assert.Single(empty.CheckCaseLinks()) is var link ? (link.Key, link.Problem) : default);

        var replay = await LedgerReplay.StartAsync(_world.Parties, default);
        Assert.Empty(replay.ReplayLot(new StoredChain(StreamKind.Lot, Gtin, "LOT42", lotChain, null, lot), Events(lotChain)));
        Assert.Empty(replay.Replay(new StoredChain(StreamKind.Pack, Gtin, serial, packChain, state, null), Events(packChain)));
        Assert.Empty(replay.Replay(new StoredChain(StreamKind.Case, "", packed.Sscc, caseChain, null, null) { Case = caseState }, Events(caseChain)));
        Assert.Empty(replay.CheckCaseLinks());

        // A pack whose row says it is in the case, the case never replayed: the link check names it.
        var fresh = await LedgerReplay.StartAsync(_world.Parties, default);
        fresh.ReplayLot(new StoredChain(StreamKind.Lot, Gtin, "LOT42", lotChain, null, lot), Events(lotChain));
        fresh.Replay(new StoredChain(StreamKind.Pack, Gtin, serial, packChain, state, null), Events(packChain));
        Assert.NotEmpty(fresh.CheckCaseLinks());
    }

    [Fact]
    public async Task One_packs_history_is_replayed_against_its_lot_and_the_parties_it_names()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var state = (await _world.Ledger.FindPackAsync(Gtin, serial, default))!;
        var chain = await ChainAsync(StreamKind.Pack, Gtin, serial);
        var lotChain = await ChainAsync(StreamKind.Lot, Gtin, "LOT42");

        Assert.Empty(await LedgerReplay.ReplayPackAsync(chain, state, lotChain, _world.Parties, default));

        // A pharmacy the directory does not know cannot have received it: the replay says so at that event.
        var unknown = new InMemoryPartyStore();
        unknown.Add(Maker, Wholesaler);
        var violations = await LedgerReplay.ReplayPackAsync(chain, state, lotChain, unknown, default);
        Assert.NotEmpty(violations);
        Assert.All(violations, v => Assert.Equal((StreamKind.Pack, serial), (v.Stream, v.Key)));
        Assert.Contains(violations, v => v.Seq >= 3);
    }
}
