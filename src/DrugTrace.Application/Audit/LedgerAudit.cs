using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Audit;

/// <summary>
/// One pass over every stored chain (<see cref="ILedgerStore.ReadChainsAsync"/>): each chain's hashes, links and
/// head (<see cref="ChainAuditor"/>), its place in the log, and, given the party directory, its replay through the
/// lifecycle rules against its stored row (<see cref="LedgerReplay"/>); then the log's gaps and Merkle root.
/// Lot chains are checked as they come; pack and case chains in batches on every core while the store reads on,
/// so that the audit costs one read of each row and the hashing spread over the machine.
/// </summary>
public sealed class LedgerAudit(ILedgerStore ledger, LedgerReplay? replay = null)
{
    // Big enough that a batch's scheduling is noise, small enough that every core gets work early.
    private const int BatchEvents = 4096;
    private const long ProgressEvery = 65_536;

    public async ValueTask<LedgerAuditResult> RunAsync((long Size, Hash256 Root)? checkpoint, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var auditor = new ChainAuditor();
        if (checkpoint is { } c) auditor.ExpectCheckpoint(c.Size, c.Root);
        var violations = new List<AuditViolation>();
        var running = new Queue<Task<List<AuditViolation>>>();
        var batch = new List<StoredChain>();
        var batchEvents = 0;
        long reported = 0;

        async Task DrainAsync(int keep)
        {
            while (running.Count > keep) violations.AddRange(await running.Dequeue());
            var events = auditor.Events;
            if (progress is not null && events / ProgressEvery > reported / ProgressEvery) progress.Report(reported = events);
        }

        void Dispatch()
        {
            var chains = batch;
            running.Enqueue(Task.Run(() => CheckAll(auditor, chains), cancellationToken));
            batch = [];
            batchEvents = 0;
        }

        await foreach (var chain in ledger.ReadChainsAsync(cancellationToken))
        {
            if (chain.Stream == StreamKind.Lot)
            {
                if (running.Count > 0 || batch.Count > 0)
                    throw new InvalidOperationException("The store gave a lot chain after pack or case chains; every lot must come first.");
                // Packs are judged against their lot's timeline: every lot is in before the first pack is checked.
                var events = Events(chain);
                violations.AddRange(auditor.CheckChain(chain.Stream, chain.Gtin, chain.Key, events, chain.Lot?.Head));
                if (replay is not null) violations.AddRange(replay.ReplayLot(chain, events));
                continue;
            }
            batch.Add(chain);
            batchEvents += Math.Max(1, chain.Events.Count);
            if (batchEvents < BatchEvents) continue;
            Dispatch();
            await DrainAsync(Environment.ProcessorCount);
        }
        if (batch.Count > 0) Dispatch();
        await DrainAsync(0);
        if (replay is not null) violations.AddRange(replay.CheckCaseLinks());
        auditor.Complete();
        progress?.Report(auditor.Events);

        var distinct = violations.DistinctBy(v => (v.Stream, v.Gtin, v.Key, v.Seq, v.Problem))
            .OrderBy(v => v.LogIndex).ThenBy(v => v.Stream).ThenBy(v => v.Gtin, StringComparer.Ordinal)
            .ThenBy(v => v.Key, StringComparer.Ordinal).ThenBy(v => v.Seq).ToList();
        return new LedgerAuditResult(auditor, distinct);
    }

    private List<AuditViolation> CheckAll(ChainAuditor auditor, List<StoredChain> chains)
    {
        var violations = new List<AuditViolation>();
        foreach (var chain in chains)
        {
            var events = Events(chain);
            ChainHead? head = chain.Pack?.Head ?? chain.Case?.Head;
            violations.AddRange(auditor.CheckChain(chain.Stream, chain.Gtin, chain.Key, events, head));
            if (replay is not null) violations.AddRange(replay.Replay(chain, events));
        }
        return violations;
    }

    private static (long LogIndex, LedgerEvent Event)[] Events(StoredChain chain)
    {
        var events = new (long, LedgerEvent)[chain.Events.Count];
        for (var i = 0; i < events.Length; i++) events[i] = (chain.Events[i].LogIndex, chain.Events[i].Event);
        return events;
    }
}
