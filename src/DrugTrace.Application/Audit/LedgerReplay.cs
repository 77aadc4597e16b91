using System.Collections.Concurrent;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Audit;

/// <summary>
/// Replays stored chains through the lifecycle rules (<see cref="ChainReplay"/>) and compares what they
/// fold into with the stored rows. Every lot chain is given first (<see cref="ReplayLot"/>), so that each
/// pack event is judged against its lot as it stood at that point of the log (recalled or not); pack and
/// case chains may then be replayed from several threads at once.
/// </summary>
public sealed class LedgerReplay(IReadOnlyDictionary<string, Party> directory)
{
    private readonly Dictionary<(string Gtin, string Lot), ChainReplay.LotTimeline> _lots = new();
    private readonly ConcurrentBag<CaseState> _cases = [];
    private readonly ConcurrentBag<Domain.Packs.PackState> _packed = [];
    // One delegate for every chain, not one per chain replayed.
    private readonly Func<string, Party?> _party = gln => directory.GetValueOrDefault(gln);

    public static async ValueTask<LedgerReplay> StartAsync(IPartyStore parties, CancellationToken cancellationToken) =>
        new((await parties.ListAsync(cancellationToken)).ToDictionary(p => p.Gln, StringComparer.Ordinal));

    /// <summary>A lot chain; every lot comes before the first pack or case.</summary>
    public IReadOnlyList<AuditViolation> ReplayLot(StoredChain chain, IReadOnlyList<(long LogIndex, LedgerEvent Event)> events)
    {
        var timeline = new ChainReplay.LotTimeline();
        _lots[(chain.Gtin, chain.Key)] = timeline;
        return ChainReplay.ReplayLot(events, chain.Lot, timeline);
    }

    /// <summary>A pack or case chain. Safe to call for different chains at once, after the last lot.</summary>
    public IReadOnlyList<AuditViolation> Replay(StoredChain chain, IReadOnlyList<(long LogIndex, LedgerEvent Event)> events)
    {
        if (chain.Stream == StreamKind.Case)
        {
            if (chain.Case is null) return [Orphan(chain, "events of a case that has no stored state: inserted into the log, or the case's row was deleted")];
            _cases.Add(chain.Case);
            return events.Count > 0 ? ChainReplay.ReplayCase(events, chain.Case, _party) : [];
        }
        if (chain.Pack is null) return [Orphan(chain, "events of a pack that has no stored state: inserted into the log, or the pack's row was deleted")];
        if (events.Count == 0) return []; // a row without events: named by the chain check
        if (chain.Pack.Parent is not null) _packed.Add(chain.Pack);
        _lots.TryGetValue((chain.Pack.Gtin, chain.Pack.Lot), out var lot);
        return ChainReplay.ReplayPack(events, chain.Pack, _party, lot);
    }

    /// <summary>After the last chain: parent and child must agree, what a case holds is where the case is.</summary>
    public IReadOnlyList<AuditViolation> CheckCaseLinks() => CaseLinks.Check(_cases.ToList(), _packed);

    private static AuditViolation Orphan(StoredChain chain, string problem)
    {
        var first = chain.Events[0];
        return new AuditViolation(chain.Stream, chain.Gtin, chain.Key, first.Event.Seq, first.LogIndex, problem);
    }

    /// <summary>One pack's history on its own (the pack page's "chain verified" mark): the same rules.</summary>
    public static async ValueTask<IReadOnlyList<AuditViolation>> ReplayPackAsync(
        IReadOnlyList<StoredEvent> chain, Domain.Packs.PackState pack, IReadOnlyList<StoredEvent> lotChain, IPartyStore parties, CancellationToken cancellationToken)
    {
        var directory = new Dictionary<string, Party?>(StringComparer.Ordinal);
        foreach (var gln in chain.Select(s => s.Event.Actor).Distinct(StringComparer.Ordinal))
            directory[gln] = await parties.FindAsync(gln, cancellationToken);
        var timeline = new ChainReplay.LotTimeline();
        var violations = new List<AuditViolation>(ChainReplay.ReplayLot([.. lotChain.Select(s => (s.LogIndex, s.Event))], null, timeline));
        violations.AddRange(ChainReplay.ReplayPack([.. chain.Select(s => (s.LogIndex, s.Event))], pack, gln => directory.GetValueOrDefault(gln), timeline));
        return violations;
    }
}
