using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;

namespace DrugTrace.Application.Audit;

/// <summary>
/// The audit's check of one stored chain, called for each chain of a ledger: lot chains one at a time before any
/// other, then pack and case chains from several threads at once. Collects the violations and reports progress.
/// </summary>
internal sealed class ChainCheck(ChainAuditor auditor, LedgerReplay? replay, IProgress<long>? progress)
{
    private const long ProgressEvery = 65_536;

    private readonly List<AuditViolation> _violations = [];
    private readonly Lock _gate = new();
    private long _reported;
    private volatile bool _packsSeen;

    /// <summary>Every violation found so far; read once the last check has returned.</summary>
    public List<AuditViolation> Violations => _violations;

    public static InvalidOperationException LotAfterPacks() =>
        new("The store gave a lot chain after pack or case chains; every lot must come first.");

    public void Check(StoredChain chain)
    {
        var events = Events(chain);
        if (chain.Stream == StreamKind.Lot)
        {
            // Packs are judged against their lot's timeline: every lot is in before the first pack is checked.
            if (_packsSeen) throw LotAfterPacks();
            Add(auditor.CheckChain(chain.Stream, chain.Gtin, chain.Key, events, chain.Lot?.Head));
            if (replay is not null) Add(replay.ReplayLot(chain, events));
        }
        else
        {
            if (!_packsSeen) _packsSeen = true;
            ChainHead? head = chain.Pack?.Head ?? chain.Case?.Head;
            Add(auditor.CheckChain(chain.Stream, chain.Gtin, chain.Key, events, head));
            if (replay is not null) Add(replay.Replay(chain, events));
        }
        events.Clear();
        Report();
    }

    private void Add(IReadOnlyList<AuditViolation> found)
    {
        if (found.Count == 0) return;
        lock (_gate) _violations.AddRange(found);
    }

    // Every 65,536 events, from whichever thread crosses the mark; the lock keeps the reports rising.
    private void Report()
    {
        if (progress is null || auditor.Events / ProgressEvery <= Volatile.Read(ref _reported) / ProgressEvery) return;
        lock (_gate)
        {
            var events = auditor.Events;
            if (events / ProgressEvery > _reported / ProgressEvery) progress.Report(_reported = events);
        }
    }

    // The events as the checks take them, in one list per thread used again for every chain: neither check keeps it.
    [ThreadStatic] private static List<(long LogIndex, LedgerEvent Event)>? _events;

    private static List<(long LogIndex, LedgerEvent Event)> Events(StoredChain chain)
    {
        var events = _events ??= [];
        events.Clear();
        for (var i = 0; i < chain.Events.Count; i++) events.Add((chain.Events[i].LogIndex, chain.Events[i].Event));
        return events;
    }
}
