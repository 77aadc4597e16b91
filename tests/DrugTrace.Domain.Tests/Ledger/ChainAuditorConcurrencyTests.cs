using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Ledger;

/// <summary>Chains checked from several threads at once must give what checking them one after the other gives.</summary>
public class ChainAuditorConcurrencyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Chains_checked_in_parallel_find_the_same_violations_counts_and_root_as_in_order()
    {
        var chains = Chains(packs: 400, eventsPerPack: 5);
        // Damage: an edited event, an edited hash, and a removed event (a gap in its chain and in the log).
        chains[17][2] = chains[17][2] with { Event = chains[17][2].Event with { Reason = "edited" } };
        chains[60][1] = chains[60][1] with { Event = chains[60][1].Event with { Hash = Hash256.Zero } };
        chains[120].RemoveAt(3);

        var inOrder = new ChainAuditor();
        var expected = chains.SelectMany(c => Check(inOrder, c)).ToHashSet();
        inOrder.Complete();
        var parallel = new ChainAuditor();
        var found = new System.Collections.Concurrent.ConcurrentBag<AuditViolation>();
        Parallel.ForEach(chains, new ParallelOptions { MaxDegreeOfParallelism = 4 }, c => { foreach (var v in Check(parallel, c)) found.Add(v); });
        parallel.Complete();

        Assert.Equal(5, expected.Count);
        Assert.Equal(expected, found.ToHashSet());
        Assert.Equal((inOrder.Events, inOrder.Chains, inOrder.PackChains), (parallel.Events, parallel.Chains, parallel.PackChains));
        Assert.Equal(inOrder.LogViolations, parallel.LogViolations);
        Assert.Contains("no event at index", Assert.Single(parallel.LogViolations));
    }

    [Fact]
    public void An_intact_log_checked_in_parallel_has_no_violation_and_the_root_of_its_leaves_in_log_order()
    {
        var chains = Chains(packs: 250, eventsPerPack: 3);
        var auditor = new ChainAuditor();
        var violations = chains.AsParallel().SelectMany(c => Check(auditor, c)).ToList();
        auditor.Complete();

        Assert.Empty(violations);
        Assert.Empty(auditor.LogViolations);
        Assert.Equal((750L, 250, 250), (auditor.Events, auditor.Chains, auditor.PackChains));
        var leaves = chains.SelectMany(c => c).OrderBy(e => e.LogIndex).Select(e => Rfc6962.LeafHash(e.Event.Hash)).ToArray();
        Assert.Equal(Rfc6962.Root(leaves), auditor.LogRoot);
    }

    private static IReadOnlyList<AuditViolation> Check(ChainAuditor auditor, List<(long LogIndex, LedgerEvent Event)> chain) =>
        auditor.CheckChain(StreamKind.Pack, chain[0].Event.Gtin, chain[0].Event.Key, chain, null);

    // Packs' events interleaved round-robin in the global log, as concurrent handoffs would be.
    private static List<List<(long LogIndex, LedgerEvent Event)>> Chains(int packs, int eventsPerPack)
    {
        var chains = Enumerable.Range(0, packs).Select(_ => new List<(long, LedgerEvent)>()).ToList();
        long index = 0;
        for (var seq = 0; seq < eventsPerPack; seq++)
        {
            for (var p = 0; p < packs; p++)
            {
                var e = EventHasher.Seal(new LedgerEvent
                {
                    Stream = StreamKind.Pack,
                    Gtin = "09506000134352",
                    Key = $"SN{p:D4}",
                    Seq = seq,
                    Type = seq == 0 ? EventType.Commissioned : EventType.Shipped,
                    Actor = "4012345000009",
                    To = seq == 0 ? null : "4098765000001",
                    Lot = seq == 0 ? "LOT1" : null,
                    Expiry = seq == 0 ? new DateOnly(2028, 1, 31) : null,
                    OccurredAt = T0.AddSeconds(index),
                    RecordedAt = T0.AddSeconds(index),
                    PrevHash = seq == 0 ? Hash256.Zero : chains[p][^1].Item2.Hash,
                });
                chains[p].Add((index++, e));
            }
        }
        return chains;
    }
}
