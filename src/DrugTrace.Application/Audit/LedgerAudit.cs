using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Audit;

/// <summary>
/// One pass over every stored chain (<see cref="ILedgerStore.ReadChainsAsync"/>): each chain's hashes, links and
/// head (<see cref="ChainAuditor"/>), its place in the log, and, given the party directory, its replay through the
/// lifecycle rules against its stored row (<see cref="LedgerReplay"/>); then the log's gaps and Merkle root.
/// Lot chains are checked as they come; pack and case chains on every core while the store reads on: on the
/// threads that read them where the store can (<see cref="IChainVisitingStore"/>), in batches otherwise, so that
/// the audit costs one read of each row and the hashing spread over the machine.
/// </summary>
public sealed class LedgerAudit(ILedgerStore ledger, LedgerReplay? replay = null)
{
    // Big enough that a batch's scheduling is noise, small enough that every core gets work early.
    private const int BatchEvents = 4096;

    public async ValueTask<LedgerAuditResult> RunAsync((long Size, Hash256 Root)? checkpoint, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var auditor = new ChainAuditor();
        if (checkpoint is { } c) auditor.ExpectCheckpoint(c.Size, c.Root);
        var check = new ChainCheck(auditor, replay, progress);
        if (ledger is IChainVisitingStore visiting) await visiting.VisitChainsAsync(check.Check, cancellationToken);
        else await CheckInBatchesAsync(check, cancellationToken);
        var violations = check.Violations;
        if (replay is not null) violations.AddRange(replay.CheckCaseLinks());
        auditor.Complete();
        progress?.Report(auditor.Events);

        // Sorted before the repeats are dropped: the chains were checked in no fixed order, the report is the same every time.
        var distinct = violations
            .OrderBy(v => v.LogIndex).ThenBy(v => v.Stream).ThenBy(v => v.Gtin, StringComparer.Ordinal)
            .ThenBy(v => v.Key, StringComparer.Ordinal).ThenBy(v => v.Seq)
            .DistinctBy(v => (v.Stream, v.Gtin, v.Key, v.Seq, v.Problem)).ToList();
        return new LedgerAuditResult(auditor, distinct);
    }

    // The enumerable of a store that cannot check on its own threads: pack and case chains in batches, on every core.
    private async ValueTask CheckInBatchesAsync(ChainCheck check, CancellationToken cancellationToken)
    {
        var running = new Queue<Task>();
        var batch = new List<StoredChain>();
        var batchEvents = 0;

        async Task DrainAsync(int keep)
        {
            while (running.Count > keep) await running.Dequeue();
        }

        void Dispatch()
        {
            var chains = batch;
            running.Enqueue(Task.Run(() => chains.ForEach(check.Check), cancellationToken));
            batch = [];
            batchEvents = 0;
        }

        await foreach (var chain in ledger.ReadChainsAsync(cancellationToken))
        {
            if (chain.Stream == StreamKind.Lot)
            {
                if (running.Count > 0 || batch.Count > 0) throw ChainCheck.LotAfterPacks();
                check.Check(chain);
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
    }
}
