using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Audit;

/// <summary>
/// Replays every stored chain through the lifecycle rules (<see cref="ChainReplay"/>) and
/// compares what it folds into with the stored rows. Lots first, so that each pack event is
/// judged against its lot as it stood at that point of the log (recalled or not).
/// </summary>
public sealed class LedgerReplay(ILedgerStore ledger, IPartyStore parties)
{
    public async ValueTask<IReadOnlyList<AuditViolation>> RunAsync(CancellationToken cancellationToken)
    {
        var directory = (await parties.ListAsync(cancellationToken)).ToDictionary(p => p.Gln, StringComparer.Ordinal);
        var lots = new Dictionary<(string Gtin, string Lot), ChainReplay.LotTimeline>();
        var violations = new List<AuditViolation>();
        var cases = new List<CaseState>();
        var packed = new List<Domain.Packs.PackState>();
        await foreach (var chain in ledger.ReadChainsAsync(cancellationToken))
        {
            var events = chain.Events.Select(s => (s.LogIndex, s.Event)).ToList();
            if (chain.Stream == StreamKind.Case)
            {
                if (chain.Case is null)
                {
                    var first = chain.Events[0];
                    violations.Add(new AuditViolation(StreamKind.Case, "", chain.Key, first.Event.Seq, first.LogIndex,
                        "events of a case that has no stored state: inserted into the log, or the case's row was deleted"));
                    continue;
                }
                cases.Add(chain.Case);
                if (events.Count > 0) violations.AddRange(ChainReplay.ReplayCase(events, chain.Case, gln => directory.GetValueOrDefault(gln)));
                continue;
            }
            if (chain.Stream == StreamKind.Lot)
            {
                var timeline = new ChainReplay.LotTimeline();
                lots[(chain.Gtin, chain.Key)] = timeline;
                violations.AddRange(ChainReplay.ReplayLot(events, chain.Lot, timeline));
                continue;
            }
            if (chain.Pack is null)
            {
                var first = chain.Events[0];
                violations.Add(new AuditViolation(StreamKind.Pack, chain.Gtin, chain.Key, first.Event.Seq, first.LogIndex,
                    "events of a pack that has no stored state: inserted into the log, or the pack's row was deleted"));
                continue;
            }
            if (events.Count == 0) continue; // reported by the chain audit ("the chain has no events")
            if (chain.Pack.Parent is not null) packed.Add(chain.Pack);
            lots.TryGetValue((chain.Pack.Gtin, chain.Pack.Lot), out var lot);
            violations.AddRange(ChainReplay.ReplayPack(events, chain.Pack, gln => directory.GetValueOrDefault(gln), lot));
        }
        // Parent and child must agree: what a case holds is where the case is.
        violations.AddRange(CaseLinks.Check(cases, packed));
        return violations;
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
