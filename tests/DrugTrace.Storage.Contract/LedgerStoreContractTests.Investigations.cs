using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Storage.Contract;

/// <summary>The investigations list: quarantined packs, newest first, by the party that set them aside.</summary>
public abstract partial class LedgerStoreContractTests
{
    [SkippableFact]
    public async Task Quarantined_packs_are_listed_newest_first_by_who_quarantined_them()
    {
        RequireStore();
        var (lot, packs) = await CommissionAsync("LOTQL", 3);
        var states = new List<PackState>();
        for (var i = 0; i < 3; i++)
        {
            var pack = (await Ledger.FindPackAsync(lot.Gtin, packs[i].Key, default))!;
            var held = Next(pack, EventType.Quarantined, reason: "seal broken", at: Now.AddMinutes(i + 1));
            // The second one is set aside by the pharmacy it is shipped to (a recipient may quarantine).
            if (i == 1) held = EventHasher.Seal(held with { Actor = Pharmacy });
            var state = PackLifecycle.Apply(pack, held);
            Assert.True(await Ledger.TryAppendAsync(held, state, lot.Head, default));
            states.Add(state);
        }
        var released = Next(states[2], EventType.Released, at: Now.AddMinutes(5));
        Assert.True(await Ledger.TryAppendAsync(released, PackLifecycle.Apply(states[2], released), lot.Head, default));

        var all = await Custody.ListQuarantinedAsync(null, 10, default);
        Assert.Equal([packs[1].Key, packs[0].Key], all.Where(p => p.Lot == "LOTQL").Select(p => p.Serial));
        Assert.Equal([packs[0].Key], (await Custody.ListQuarantinedAsync(Maker, 10, default)).Where(p => p.Lot == "LOTQL").Select(p => p.Serial));
        Assert.Equal([packs[1].Key], (await Custody.ListQuarantinedAsync(Pharmacy, 10, default)).Select(p => p.Serial));
        Assert.Single(await Custody.ListQuarantinedAsync(null, 1, default));
        Assert.Equal(states[0], (await Custody.ListQuarantinedAsync(Maker, 10, default)).Single(p => p.Serial == packs[0].Key));
    }
}
