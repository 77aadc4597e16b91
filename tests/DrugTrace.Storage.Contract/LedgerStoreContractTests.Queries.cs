using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Products;

namespace DrugTrace.Storage.Contract;

/// <summary>The pack-event query EPCIS queries read: each filter, visibility and paging.</summary>
public abstract partial class LedgerStoreContractTests
{
    private const string OtherMaker = "4098765000027";
    private const string GtinA = "04012345000115";
    private const string GtinB = "04012345000122";

    protected abstract ILedgerEventQuery Events { get; }

    /// <summary>
    /// LOTA (GTIN A, Maker's brand, registered by <see cref="InitializeAsync"/>) with packs A0..A2 and LOTB (GTIN B, OtherMaker's brand, commissioned by
    /// Maker) with B0, B1, all at <see cref="Now"/>; then A0 shipped to the pharmacy an hour later and
    /// received by it two hours later.
    /// </summary>
    private async Task<IReadOnlyList<LedgerEvent>> QueryWorldAsync()
    {
        await Catalog.AddProductAsync(new Product(GtinB, "Ibuprofen", null, null, OtherMaker), default);
        var (lotA, _) = await CommissionAsync("LOTA", 3, GtinA, ["A0", "A1", "A2"]);
        await CommissionAsync("LOTB", 2, GtinB, ["B0", "B1"]);
        var a0 = (await Ledger.FindPackAsync(GtinA, "A0", default))!;
        var shipped = Next(a0, EventType.Shipped, to: Pharmacy, at: Now.AddHours(1));
        var inTransit = PackLifecycle.Apply(a0, shipped);
        Assert.True(await Ledger.TryAppendAsync(shipped, inTransit, lotA.Head, default));
        var received = EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Pack, Gtin = GtinA, Key = "A0", Seq = 2, Type = EventType.Received, Actor = Pharmacy,
            From = Maker, To = Pharmacy, OccurredAt = Now.AddHours(2), RecordedAt = Now.AddHours(2), PrevHash = shipped.Hash,
        });
        Assert.True(await Ledger.TryAppendAsync(received, PackLifecycle.Apply(inTransit, received), lotA.Head, default));
        return [shipped, received];
    }

    private async Task<IReadOnlyList<string>> AskAsync(LedgerEventQuery query) =>
        [.. (await Events.QueryAsync(query, default)).Select(e => $"{e.Event.Key} {e.Event.Type}")];

    [SkippableFact]
    public async Task Every_pack_event_and_no_lot_event_comes_back_in_log_order()
    {
        RequireStore();
        var appended = await QueryWorldAsync();

        var all = await Events.QueryAsync(new LedgerEventQuery(), default);
        Assert.Equal(
            ["A0 Commissioned", "A1 Commissioned", "A2 Commissioned", "B0 Commissioned", "B1 Commissioned", "A0 Shipped", "A0 Received"],
            all.Select(e => $"{e.Event.Key} {e.Event.Type}"));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.LogIndex < p.Second.LogIndex));
        Assert.Equal(appended, all.Skip(5).Select(e => e.Event));
        var chain = await Ledger.GetChainAsync(StreamKind.Pack, GtinA, "A0", default);
        Assert.Equal(chain.Select(e => e.LogIndex), all.Where(e => e.Event.Key == "A0").Select(e => e.LogIndex));
    }

    [SkippableFact]
    public async Task A_party_sees_its_brands_packs_and_the_packs_whose_chain_names_it()
    {
        RequireStore();
        await QueryWorldAsync();

        Assert.Equal(["A0 Commissioned", "A0 Shipped", "A0 Received"], await AskAsync(new LedgerEventQuery { VisibleTo = Pharmacy }));
        Assert.Equal(["B0 Commissioned", "B1 Commissioned"], await AskAsync(new LedgerEventQuery { VisibleTo = OtherMaker }));
        Assert.Equal(7, (await AskAsync(new LedgerEventQuery { VisibleTo = Maker })).Count);
        Assert.Empty(await AskAsync(new LedgerEventQuery { VisibleTo = "4000000000013" }));
        Assert.Equal(["A0 Received"], await AskAsync(new LedgerEventQuery { VisibleTo = Pharmacy, Actor = Pharmacy }));
    }

    [SkippableFact]
    public async Task Packs_are_asked_for_by_gtin_serial_or_lot_and_any_alternative_may_match()
    {
        RequireStore();
        await QueryWorldAsync();

        Assert.Equal(["A1 Commissioned"], await AskAsync(new LedgerEventQuery { Packs = [new PackFilter(GtinA, "A1")] }));
        Assert.Equal(["B0 Commissioned", "B1 Commissioned"], await AskAsync(new LedgerEventQuery { Packs = [new PackFilter(GtinB)] }));
        Assert.Equal(["A0 Commissioned", "A1 Commissioned", "A2 Commissioned", "A0 Shipped", "A0 Received"],
            await AskAsync(new LedgerEventQuery { Packs = [new PackFilter(GtinA, Lot: "LOTA")] }));
        Assert.Equal(["A2 Commissioned", "B1 Commissioned"],
            await AskAsync(new LedgerEventQuery { Packs = [new PackFilter(GtinA, "A2"), new PackFilter(GtinB, "B1")] }));
        Assert.Equal(["A1 Commissioned"], await AskAsync(new LedgerEventQuery { Packs = [new PackFilter(GtinA, "A1", "LOTA")] }));
        Assert.Empty(await AskAsync(new LedgerEventQuery { Packs = [new PackFilter(GtinA, "A1", "LOTB")] }));
        Assert.Empty(await AskAsync(new LedgerEventQuery { Packs = [new PackFilter(GtinB, Lot: "LOTA")] }));
        Assert.Empty(await AskAsync(new LedgerEventQuery { Packs = [new PackFilter(GtinB, "A1")] }));
    }

    [SkippableFact]
    public async Task Events_are_filtered_by_actor_and_by_when_they_occurred_and_were_recorded()
    {
        RequireStore();
        await QueryWorldAsync();

        Assert.Equal(["A0 Received"], await AskAsync(new LedgerEventQuery { Actor = Pharmacy }));
        Assert.Equal(6, (await AskAsync(new LedgerEventQuery { Actor = Maker })).Count);
        // From is inclusive, before is exclusive.
        Assert.Equal(["A0 Shipped", "A0 Received"], await AskAsync(new LedgerEventQuery { OccurredFrom = Now.AddHours(1) }));
        Assert.Equal(5, (await AskAsync(new LedgerEventQuery { OccurredBefore = Now.AddHours(1) })).Count);
        Assert.Equal(["A0 Shipped"], await AskAsync(new LedgerEventQuery { OccurredFrom = Now.AddHours(1), OccurredBefore = Now.AddHours(2) }));
        Assert.Equal(["A0 Received"], await AskAsync(new LedgerEventQuery { RecordedFrom = Now.AddHours(2) }));
        Assert.Empty(await AskAsync(new LedgerEventQuery { RecordedFrom = Now.AddHours(2).AddMilliseconds(1) }));
    }

    [SkippableFact]
    public async Task Pages_follow_on_after_the_last_log_index_and_a_page_holds_at_least_one_event()
    {
        RequireStore();
        await QueryWorldAsync();

        var first = await Events.QueryAsync(new LedgerEventQuery { Take = 2 }, default);
        Assert.Equal(["A0", "A1"], first.Select(e => e.Event.Key));
        var second = await Events.QueryAsync(new LedgerEventQuery { Take = 2, AfterLogIndex = first[^1].LogIndex }, default);
        Assert.Equal(["A2", "B0"], second.Select(e => e.Event.Key));
        var last = await Events.QueryAsync(new LedgerEventQuery { AfterLogIndex = second[^1].LogIndex }, default);
        Assert.Equal(["B1 Commissioned", "A0 Shipped", "A0 Received"], last.Select(e => $"{e.Event.Key} {e.Event.Type}"));
        Assert.Empty(await Events.QueryAsync(new LedgerEventQuery { AfterLogIndex = last[^1].LogIndex }, default));
        Assert.Equal(["A0"], (await Events.QueryAsync(new LedgerEventQuery { Take = 0 }, default)).Select(e => e.Event.Key));
    }

    [SkippableFact]
    public async Task Packs_whose_serials_are_dot_segments_commission_and_each_is_found_by_its_own_EPCIS_event_ID()
    {
        RequireStore();
        var (_, packs) = await CommissionAsync("DOTS", 4, GtinA, [".", "..", "...", "S"]);

        foreach (var pack in packs)
        {
            var found = await Events.QueryAsync(new LedgerEventQuery { EventIds = [PackEpcisEvents.EventId(pack)!], Take = 10 }, default);
            Assert.Equal([pack.Key], found.Select(e => e.Event.Key));
        }
        Assert.Equal([".", "..", "...", "S"], await Task.WhenAll(packs.Select(async p => (await Ledger.FindPackAsync(GtinA, p.Key, default))!.Serial)));
    }
}
