using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Packs;

/// <summary>
/// One attempt at a readable scan: gather the facts, check the pack is genuine (or a probable
/// scanning error), let the domain decide, and append the event if it is accepted.
/// </summary>
public sealed class PackJudge(ILedgerStore ledger, ScanFactsReader reader, ScanningErrorTriage triage)
{
    /// <summary>The judgement, or null when the append lost a race: read again and decide again.</summary>
    public async ValueTask<Judgement?> TryOnceAsync(Party actor, string code, PackIdentity id, PackCommand command, DateTimeOffset now, CancellationToken ct)
    {
        var (facts, brandOwner) = await reader.ReadAsync(actor, id, command.Action, now, ct);
        var product = facts.ProductName;
        var fakes = AlertRules.CheckAuthenticity(facts);
        if (fakes.Count > 0)
        {
            if (ScanningErrorTriage.Applies(fakes)
                && await triage.TryAsync(actor, code, id, fakes[0].Kind, now, ct) is { } scanningError)
                return scanningError;
            var seen = facts.Pack is null ? null : HolderDisclosure.View(ScanOutcomes.View(facts.Pack, facts.Lot!, product), facts, brandOwner);
            return Judgement.Flagged(seen, fakes, brandOwner);
        }

        var pack = facts.Pack!;
        var lot = facts.Lot!;
        var view = HolderDisclosure.View(ScanOutcomes.View(pack, lot, product), facts, brandOwner)!;
        if (command.Action == PackAction.Verify)
        {
            var findings = AlertRules.CheckState(facts);
            if (findings.Count == 0)
                return Judgement.Of(pack.Status == PackStatus.Quarantined ? ScanOutcomes.Held(view, pack) : ScanOutcomes.Genuine(view), [], brandOwner);
            // A shipment not yet recorded is answered as genuine, with the exception raised for the holder and brand owner to see.
            var verified = ScanOutcomes.OnlyCustodyExceptions(findings)
                ? Judgement.Of(ScanOutcomes.Warn(view, findings), findings, brandOwner)
                : Judgement.Flagged(view, findings, brandOwner);
            return verified with { Custodian = pack.Custodian };
        }

        // A queued scan replayed twice (its answer lost on the way back) is the pack's last change, by this
        // party, at the very time the scan was made, and of the same kind: it is answered as recorded instead
        // of being applied again. The kind matters: a receive and a dispense may carry the same millisecond
        // (two EPCIS events with one eventTime, two quick scans), and the dispense is then a new change.
        if (command.OccurredAt is { } at && pack.Head.Seq > 0 && pack.ChangedBy == actor.Gln
            && pack.ChangedAt == EventHasher.TruncateToMilliseconds(at)
            && await LastEventIsAsync(pack, PackLifecycle.EventOf(command.Action), ct))
            return Judgement.Of(ScanOutcomes.AlreadyRecorded(pack, view), [], brandOwner);

        switch (PackLifecycle.Decide(pack, lot, command, actor, now, facts.Name))
        {
            case Decision.Refused { Finding: { } finding }:
                // Receiving or dispensing a pack not shipped to you stays refused, and records the same custody exception.
                IReadOnlyList<Finding> raised = finding.Kind == AlertKind.CustodyMismatch && CustodyExceptionRule.Check(facts) is { } exception
                    ? [finding, exception]
                    : [finding];
                return Judgement.Flagged(view, raised, brandOwner) with { Custodian = pack.Custodian };
            case Decision.Refused refused:
                return Judgement.Of(ScanOutcomes.Refused(refused.Message, view), [], brandOwner);
            case Decision.Accepted accepted:
                var e = LedgerEvents.Next(pack.Head, StreamKind.Pack, pack.Gtin, pack.Serial, accepted.Type, actor.Gln, now,
                    accepted.From, accepted.To, accepted.Reason, command.OccurredAt);
                var next = PackLifecycle.Apply(pack, e);
                // The lot's head is re-checked in the append's transaction: a recall that committed after
                // this decision was read makes the append lose, and the retry sees the recall.
                if (!await AppendAsync(e, next, lot.Head, ct)) return null;
                return Judgement.Of(ScanOutcomes.Done(e, HolderDisclosure.View(ScanOutcomes.View(next, lot, product), facts with { Pack = next }, brandOwner)!),
                    Notices(e, now), brandOwner);
            default:
                throw new InvalidOperationException("Unknown decision.");
        }
    }

    /// <summary>
    /// The append, and what to believe when it fails: a store can commit and then lose the reply (a
    /// MongoDB commit whose result stayed unknown, a connection cut after the commit). If the pack's
    /// head is now this very event (same hash: same actor, time and predecessor), it is ours and
    /// committed, and the scan answers so; judging it again would call our own dispense AlreadyInactive.
    /// </summary>
    private async ValueTask<bool> AppendAsync(LedgerEvent e, PackState next, ChainHead lotHead, CancellationToken ct)
    {
        try
        {
            return await ledger.TryAppendAsync(e, next, lotHead, ct);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (await IsHeadAsync(e)) return true;
            throw;
        }
    }

    private async ValueTask<bool> LastEventIsAsync(PackState pack, EventType? type, CancellationToken ct)
    {
        var chain = await ledger.GetChainAsync(StreamKind.Pack, pack.Gtin, pack.Serial, ct);
        return chain.Count > 0 && chain[^1].Event.Type == type;
    }

    private async ValueTask<bool> IsHeadAsync(LedgerEvent e)
    {
        try
        {
            return (await ledger.FindPackAsync(e.Gtin, e.Key, CancellationToken.None))?.Head.Hash == e.Hash;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The store cannot even be read: the append's own error is the one to report.
            return false;
        }
    }

    // A confirmation of illegitimate product is itself an alert: the regulators and the brand owner must act within 24 hours.
    private static IReadOnlyList<Finding> Notices(LedgerEvent e, DateTimeOffset now) =>
        e.Type != EventType.ConfirmedIllegitimate ? []
        : [new Finding(AlertKind.ConfirmedIllegitimate,
            $"This pack was confirmed illegitimate on {now.UtcDateTime:yyyy-MM-dd HH:mm} UTC after its quarantine"
            + (e.Reason is { } why ? $" ({why})" : "") + ". It is decommissioned for good; notify the authorities and the trading partners "
            + $"by {AlertCatalog.NotificationDue(AlertKind.ConfirmedIllegitimate, now)!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC.")];
}
