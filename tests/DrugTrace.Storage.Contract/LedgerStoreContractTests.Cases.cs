using DrugTrace.Application.Audit;
using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Storage.Contract;

/// <summary>Cases and pallets (SSCC): their heads, their parents, their chains, in the same batches as the packs inside.</summary>
public abstract partial class LedgerStoreContractTests
{
    private static readonly Party MakerParty = new(Maker, "Maker", PartyRole.Manufacturer);

    private async Task<IReadOnlyList<PackState>> PacksOfAsync(LotState lot, IReadOnlyList<LedgerEvent> events) =>
        [.. await Task.WhenAll(events.Select(async e => (await Ledger.FindPackAsync(lot.Gtin, e.Key, default))!))];

    private async Task<CaseState> PackIntoCaseAsync(Sscc sscc, LotState lot, IReadOnlyList<PackState> packs, IReadOnlyList<CaseState>? cases = null)
    {
        var decision = Assert.IsType<CaseDecision.Accepted>(
            CaseLifecycle.Pack(sscc, [.. packs.Select(p => new PackInCase(p, lot))], cases ?? [], MakerParty, Now));
        Assert.True(await Ledger.TryAppendBatchAsync(CaseWrites.Of(decision.Steps), default));
        return ((CaseStep.OfCase)decision.Steps[0]).State;
    }

    private async Task<CaseContents> ContentsAsync(string sscc, LotState lot)
    {
        var c = (await Ledger.FindCaseAsync(sscc, default))!;
        var children = await Ledger.ListCaseChildrenAsync(sscc, default);
        var inner = new List<CaseContents>();
        foreach (var child in children.Cases) inner.Add(await ContentsAsync(child.Sscc, lot));
        return new CaseContents(c, [.. children.Packs.Select(p => new PackInCase(p, lot))], inner);
    }

    [SkippableFact]
    public async Task A_case_is_stored_with_its_chain_and_its_packs_name_it_as_their_parent()
    {
        RequireStore();
        var (lot, events) = await CommissionAsync("CASE1", 3);
        var before = await Tree.GetSizeAsync(default);
        var sscc = Sscc.Create(0, "4012345", 1);

        var created = await PackIntoCaseAsync(sscc, lot, await PacksOfAsync(lot, events));

        Assert.Equal(created, await Ledger.FindCaseAsync(sscc.Value, default));
        Assert.Null(await Ledger.FindCaseAsync(Sscc.Create(0, "4012345", 2).Value, default));
        var children = await Ledger.ListCaseChildrenAsync(sscc.Value, default);
        Assert.Equal(events.Select(e => e.Key).Order(StringComparer.Ordinal), children.Packs.Select(p => p.Serial).Order(StringComparer.Ordinal));
        Assert.All(children.Packs, p => Assert.Equal((sscc.Value, 1), (p.Parent, p.Head.Seq)));
        Assert.Empty(children.Cases);
        var chain = Assert.Single(await Ledger.GetChainAsync(StreamKind.Case, "", sscc.Value, default));
        Assert.Equal((EventType.CasePacked, StreamKind.Case, sscc.Value), (chain.Event.Type, chain.Event.Stream, chain.Event.Key));
        Assert.Equal(chain.Event.Hash, EventHasher.ComputeHash(chain.Event));
        var packChain = await Ledger.GetChainAsync(StreamKind.Pack, lot.Gtin, events[0].Key, default);
        Assert.Equal((EventType.Aggregated, sscc.Value), (packChain[^1].Event.Type, packChain[^1].Event.To));

        var stored = new List<StoredChain>();
        await foreach (var c in Ledger.ReadChainsAsync(default)) stored.Add(c);
        var caseChain = Assert.Single(stored, c => c.Stream == StreamKind.Case);
        Assert.Equal((sscc.Value, created), (caseChain.Key, caseChain.Case));
        Assert.Equal(sscc.Value, stored.Single(c => c.Stream == StreamKind.Pack && c.Key == events[1].Key).Pack!.Parent);
        await AssertAuditCleanAsync(before + 4);
    }

    [SkippableFact]
    public async Task A_pallet_moves_with_every_case_and_pack_in_one_batch_and_unpacking_clears_the_parents()
    {
        RequireStore();
        var (lot, events) = await CommissionAsync("CASE2", 3);
        var packs = await PacksOfAsync(lot, events);
        var case1 = await PackIntoCaseAsync(Sscc.Create(0, "4012345", 11), lot, packs.Take(2).ToList());
        var pallet = Sscc.Create(0, "4012345", 12);
        await PackIntoCaseAsync(pallet, lot, [(await PacksOfAsync(lot, [events[2]]))[0]], [case1]);
        Assert.Equal(pallet.Value, (await Ledger.FindCaseAsync(case1.Sscc, default))!.Parent);
        var before = await Tree.GetSizeAsync(default);

        var shipped = Assert.IsType<CaseDecision.Accepted>(
            CaseLifecycle.Move(await ContentsAsync(pallet.Value, lot), CaseAction.Ship, Pharmacy, MakerParty, Now));
        Assert.True(await Ledger.TryAppendBatchAsync(CaseWrites.Of(shipped.Steps), default));

        Assert.Equal(before + 5, await Tree.GetSizeAsync(default));
        foreach (var e in events)
            Assert.Equal((PackStatus.InTransit, Pharmacy), ((await Ledger.FindPackAsync(lot.Gtin, e.Key, default))!.Status, (await Ledger.FindPackAsync(lot.Gtin, e.Key, default))!.ShipTo));
        Assert.Equal(CaseStatus.InTransit, (await Ledger.FindCaseAsync(case1.Sscc, default))!.Status);
        Assert.Equal(case1.Sscc, Assert.Single((await Ledger.ListCaseChildrenAsync(pallet.Value, default)).Cases).Sscc);

        // Received by the pharmacy and opened: the pallet's case and its loose pack are free of it.
        var pharmacy = new Party(Pharmacy, "Pharmacy", PartyRole.Pharmacy);
        var received = Assert.IsType<CaseDecision.Accepted>(CaseLifecycle.Move(await ContentsAsync(pallet.Value, lot), CaseAction.Receive, null, pharmacy, Now));
        Assert.True(await Ledger.TryAppendBatchAsync(CaseWrites.Of(received.Steps), default));
        var opened = Assert.IsType<CaseDecision.Accepted>(CaseLifecycle.Unpack(await ContentsAsync(pallet.Value, lot), pharmacy, Now));
        Assert.True(await Ledger.TryAppendBatchAsync(CaseWrites.Of(opened.Steps), default));

        Assert.Equal(CaseStatus.Unpacked, (await Ledger.FindCaseAsync(pallet.Value, default))!.Status);
        Assert.Null((await Ledger.FindCaseAsync(case1.Sscc, default))!.Parent);
        Assert.Null((await Ledger.FindPackAsync(lot.Gtin, events[2].Key, default))!.Parent);
        Assert.Equal(case1.Sscc, (await Ledger.FindPackAsync(lot.Gtin, events[0].Key, default))!.Parent);
        Assert.Equal(CaseChildren.None.Packs, (await Ledger.ListCaseChildrenAsync(pallet.Value, default)).Packs);
        Assert.Empty((await Ledger.ListCaseChildrenAsync(pallet.Value, default)).Cases);
        var auditor = await new LedgerAudit(Ledger).RunAsync(null, null, default);
        Assert.Empty(auditor.Violations);
    }

    [SkippableFact]
    public async Task A_used_sscc_or_a_stale_case_head_stores_nothing_of_the_batch()
    {
        RequireStore();
        var (lot, events) = await CommissionAsync("CASE3", 2);
        var packs = await PacksOfAsync(lot, events);
        var sscc = Sscc.Create(0, "4012345", 21);
        var first = await PackIntoCaseAsync(sscc, lot, [packs[0]]);
        var before = await Tree.GetSizeAsync(default);

        // The same SSCC again, with another pack: the pack's aggregation must not be kept either.
        var again = Assert.IsType<CaseDecision.Accepted>(CaseLifecycle.Pack(sscc, [new PackInCase(packs[1], lot)], [], MakerParty, Now.AddMinutes(1)));
        Assert.False(await Ledger.TryAppendBatchAsync(CaseWrites.Of(again.Steps), default));
        Assert.Null((await Ledger.FindPackAsync(lot.Gtin, events[1].Key, default))!.Parent);
        Assert.Equal(first, await Ledger.FindCaseAsync(sscc.Value, default));

        // A case event decided on a head that moved.
        var stale = LedgerEvents.Next(first.Head with { Hash = OtherHash(first.Head.Hash) }, StreamKind.Case, "", sscc.Value, EventType.Shipped, Maker, Now,
            Maker, Pharmacy);
        Assert.False(await Ledger.TryAppendBatchAsync([new CaseAppend(stale, CaseLifecycle.Apply(first, stale))], default));
        Assert.Equal(first, await Ledger.FindCaseAsync(sscc.Value, default));
        Assert.Equal(before, await Tree.GetSizeAsync(default));
    }
}
