using DrugTrace.Application.Alerts;
using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Application.Common.Wire;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Parties;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DrugTrace.Application.Epcis;

/// <summary>One event of a captured document as read: its index, its CBV 2.0 event hash ID (null when unreadable) and what it asks.</summary>
public sealed record CapturedEvent(int Index, string? EventId, CapturePlan Plan);

/// <summary>
/// Applies a captured EPCIS document's events as the capturing party, through the same rules as a
/// scan (roles, custody, lifecycle, alerts), a recall (<see cref="RecallLot"/>'s checks) and a
/// commissioning (<see cref="RegisterLot"/>'s rules, into a new lot or a registered one), and a case's
/// packing, unpacking, shipping or receiving (<see cref="CaseCapture"/>: the case use cases' rules; a pack
/// inside a case is shipped and received with its outermost case). Every
/// event is first decided on a <see cref="LedgerDraft"/>, in document order, each seeing what the
/// ones before it decided; then everything decided is stored in one transaction. With
/// <paramref name="Rollback"/> (GS1-Capture-Error-Behaviour: rollback) one refused event keeps the
/// whole document out of the ledger; otherwise each event is applied whole or refused on its own.
/// An event the ledger already holds (same event hash ID) is not applied twice.
/// </summary>
public sealed record CaptureEvents(string ActorGln, IReadOnlyList<CapturedEvent> Events, bool Rollback)
    : IRequest<CaptureOutcome>, IActorRequest;

/// <summary>How many events were applied (or were already recorded), and each event that was not, with why.</summary>
public sealed record CaptureOutcome(int Applied, IReadOnlyList<CaptureRefusal> Refused);

/// <summary>An event of the document (0-based index) that was not applied.</summary>
public sealed record CaptureRefusal(int Event, string? EventID, string Reason);

public sealed class CaptureEventsHandler(
    ILedgerStore ledger, ICatalogStore catalog, PartyDirectory parties, IScanLog scanLog, AlertRaiser alerts, SsccAllocator allocator,
    IActorContext context, TimeProvider clock, IOptions<AlertOptions> alertOptions, ILogger<PackHandoffs>? logger = null)
    : IRequestHandler<CaptureEvents, CaptureOutcome>
{
    public async ValueTask<CaptureOutcome> Handle(CaptureEvents request, CancellationToken cancellationToken)
    {
        var actor = context.Actor;
        for (var attempt = 0; attempt < LostRaceRetry.MaxAttempts; attempt++)
        {
            var draft = new LedgerDraft(ledger, catalog);
            // One read for every pack the document names, instead of one per event.
            await draft.ReadPacksAsync(request.Events.SelectMany(e => e.Plan.Steps).SelectMany(PacksOf), cancellationToken);
            var handoffs = new PackHandoffs(draft, draft, parties, scanLog, alerts, clock, alertOptions, logger);
            var cases = new CaseCapture(draft, parties, allocator, clock);
            var decided = new List<Decided>(request.Events.Count);
            foreach (var ev in request.Events)
                decided.Add(await DecideAsync(actor, draft, handoffs, cases, ev, cancellationToken));

            var refused = decided.Where(d => d.Refusal is not null).ToList();
            if (request.Rollback && refused.Count > 0)
            {
                // Nothing is stored: the refusals are reported (their alerts raised), the rest say why they were not applied.
                await ReportAsync(actor, handoffs, refused, cancellationToken);
                var first = refused[0].Event.Index;
                return new CaptureOutcome(0, [.. decided.Select(d => d.Refusal is { } reason
                    ? new CaptureRefusal(d.Event.Index, d.Event.EventId, reason)
                    : new CaptureRefusal(d.Event.Index, d.Event.EventId,
                        $"Not applied: event {first} was refused, and with rollback nothing of the document is stored."))]);
            }
            // A head that moved since it was read (another scan, a recall) loses the whole batch: decide again on what is stored now.
            if (!await ledger.TryAppendBatchAsync(draft.Writes, cancellationToken)) continue;
            await ReportAsync(actor, handoffs, decided, cancellationToken);
            return new CaptureOutcome(decided.Count - refused.Count,
                [.. refused.Select(d => new CaptureRefusal(d.Event.Index, d.Event.EventId, d.Refusal!))]);
        }
        throw new ConflictException("The packs of this document are being changed by others at the same time; capture it again.");
    }

    private static IEnumerable<(string Gtin, string Serial)> PacksOf(CaptureStep step) => step switch
    {
        HandoffStep h => [(h.Gtin, h.Serial)],
        CommissionStep c => c.Serials.Select(s => (c.Gtin, s)),
        PackIntoCaseStep p => p.Packs,
        UnpackCaseStep u => u.Packs,
        _ => [],
    };

    /// <summary>One event decided on the draft: refused with a reason, or applied; the scans it judged and the case moves it decided, to report.</summary>
    private sealed record Decided(CapturedEvent Event, string? Refusal, IReadOnlyList<JudgedScan> Scans, IReadOnlyList<CaseDecided> Cases);

    private async ValueTask<Decided> DecideAsync(Party actor, LedgerDraft draft, PackHandoffs handoffs, CaseCapture cases, CapturedEvent ev, CancellationToken ct)
    {
        if (ev.Plan.Refusal is { } refusal) return new Decided(ev, refusal, [], []);
        var mark = draft.Mark();
        var scans = new List<JudgedScan>();
        var moves = new List<CaseDecided>();
        try
        {
            foreach (var step in ev.Plan.Steps)
            {
                var stepRefusal = step switch
                {
                    HandoffStep h => await HandoffAsync(actor, draft, handoffs, cases, h, ev.EventId, scans, moves, ct),
                    RecallStep r => await RecallAsync(actor, draft, r, ct),
                    CommissionStep c => await CommissionAsync(actor, draft, c, ev.EventId, ct),
                    CaseMoveStep m => Moved(moves, await cases.MoveAsync(actor, m.Sscc, m.Command, ct)),
                    PackIntoCaseStep p => (await cases.PackAsync(actor, p, ct)).Refusal,
                    UnpackCaseStep u => (await cases.UnpackAsync(actor, u, ct)).Refusal,
                    _ => throw new InvalidOperationException("Unknown capture step."),
                };
                if (stepRefusal is not null)
                {
                    // The event is applied whole or not at all: its steps decided before this one are taken back.
                    draft.Undo(mark);
                    return new Decided(ev, stepRefusal, scans.Count > 0 && scans[^1].Judgement.Outcome.Event is null ? [scans[^1]] : [],
                        moves.Count > 0 && moves[^1].Refusal is not null ? [moves[^1]] : []);
                }
            }
        }
        catch (Exception e) when (e is ValidationException or ForbiddenAccessException or NotFoundException or ConflictException)
        {
            draft.Undo(mark);
            return new Decided(ev, e.Message, [], []);
        }
        return new Decided(ev, null, scans, moves);
    }

    private static string? Moved(List<CaseDecided> moves, CaseDecided move)
    {
        if (move.Scan is not null) moves.Add(move);
        return move.Refusal;
    }

    private static async ValueTask<string?> HandoffAsync(Party actor, LedgerDraft draft, PackHandoffs handoffs, CaseCapture cases, HandoffStep h, string? eventId,
        List<JudgedScan> scans, List<CaseDecided> moves, CancellationToken ct)
    {
        if (eventId is not null && h.Command.OccurredAt is { } at && await AlreadyRecordedAsync(draft, h.Gtin, h.Serial, eventId, at, ct)) return null;
        // A pack packed in a case is shipped and received with it: the event moves its outermost case, as a scan of that case's SSCC would.
        if (h.Command.Action is PackAction.Ship or PackAction.Receive && (await draft.FindPackAsync(h.Gtin, h.Serial, ct))?.Parent is { } parent)
            return Moved(moves, await cases.MoveAsync(actor, await cases.OutermostAsync(parent, ct), h.Command, ct));
        var judged = await handoffs.JudgeAsync(actor, EpcUris.Sgtin(h.Gtin, h.Serial), h.Command, ct);
        scans.Add(judged);
        return judged.Judgement.Outcome.Event is null ? judged.Judgement.Outcome.Message : null;
    }

    private async ValueTask<string?> RecallAsync(Party actor, LedgerDraft draft, RecallStep r, CancellationToken ct)
    {
        if (RoleMatrix.For(typeof(RecallLot)) is { } access && !access.Allows(actor.Role))
            return $"A recall needs the role {string.Join(" or ", access.Roles)}; {actor.Name} is a {actor.Role}.";
        var lot = await draft.FindLotAsync(r.Gtin, r.Lot, ct);
        RecallLotHandler.Check(lot, actor, r.Gtin, r.Lot);
        var (e, recalled) = RecallLotHandler.Decide(lot!, actor, r.Reason, EventHasher.TruncateToMilliseconds(clock.GetUtcNow()));
        return await draft.TryAppendAsync(e, recalled, ct) ? null : $"Lot {r.Lot} is being changed by someone else; capture it again.";
    }

    // RegisterLot's rules, for serials the event names: into a new lot (registered by the event's ILMD) or a registered one.
    private async ValueTask<string?> CommissionAsync(Party actor, LedgerDraft draft, CommissionStep c, string? eventId, CancellationToken ct)
    {
        if (RoleMatrix.For(typeof(RegisterLot)) is { } access && !access.Allows(actor.Role))
            return $"Commissioning needs the role {string.Join(" or ", access.Roles)}; {actor.Name} is a {actor.Role}.";
        if (eventId is not null && c.Serials.Count == 1 && await AlreadyRecordedAsync(draft, c.Gtin, c.Serials[0], eventId, c.OccurredAt, ct))
            return null;
        var product = await draft.FindProductAsync(c.Gtin, ct);
        // Another brand's product is answered like an unregistered one.
        if (product is null || product.Manufacturer != actor.Gln)
            return $"GTIN {c.Gtin} is not one of your registered products; register the product first.";
        if (Gs1Fields.Set82Error("lot number", c.Lot) is { } badLot) return badLot;
        if (c.Serials.Count > RegisterLot.MaxQuantity)
            return $"A commissioning event names at most {RegisterLot.MaxQuantity:N0} serials, not {c.Serials.Count:N0}.";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var serial in c.Serials)
        {
            if (Gs1Fields.Set82Error("serial", serial) is { } badSerial) return badSerial;
            if (!seen.Add(serial)) return $"The event names serial {serial} twice.";
            if (await draft.FindPackAsync(c.Gtin, serial, ct) is not null) return $"Serial {serial} of {c.Gtin} is already commissioned.";
        }

        var now = EventHasher.TruncateToMilliseconds(clock.GetUtcNow());
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var at = EventHasher.TruncateToMilliseconds(c.OccurredAt);
        var packEvents = c.Serials
            .Select(s => EventHasher.Seal(LedgerEvents.First(StreamKind.Pack, c.Gtin, s, EventType.Commissioned, actor.Gln, c.Lot, c.Expiry, now) with { OccurredAt = at }))
            .ToList();
        var lot = await draft.FindLotAsync(c.Gtin, c.Lot, ct);
        if (lot is null)
        {
            if (c.Expiry < today) return $"The expiry {c.Expiry:yyyy-MM-dd} is in the past: a lot is registered with an expiry to come.";
            var lotEvent = LedgerEvents.First(StreamKind.Lot, c.Gtin, c.Lot, EventType.LotRegistered, actor.Gln, c.Lot, c.Expiry, now);
            await draft.CommissionAsync(new LotState(c.Gtin, c.Lot, c.Expiry, actor.Gln, new ChainHead(0, lotEvent.Hash)), lotEvent, packEvents, ct);
            return null;
        }
        if (lot.Manufacturer != actor.Gln) return RecallLotHandler.NotYours(c.Lot, c.Gtin);
        if (lot.IsRecalled) return $"Lot {c.Lot} was recalled on {lot.RecalledAt:yyyy-MM-dd}: no pack is commissioned into a recalled lot.";
        if (lot.Expiry != c.Expiry)
            return $"Lot {c.Lot} of {c.Gtin} expires on {lot.Expiry:yyyy-MM-dd}, but the event's ILMD says {c.Expiry:yyyy-MM-dd}: the packs of a lot share its expiry.";
        if (lot.Expiry < today) return $"Lot {c.Lot} expired on {lot.Expiry:yyyy-MM-dd}: no pack is commissioned into an expired lot.";
        await draft.CommissionIntoAsync(lot, packEvents, ct);
        return null;
    }

    // The same event captured again (a replay, a retried upload) is recognised by its hash ID. The
    // hash covers the eventTime (to the millisecond, rounded), so only the pack's events at that very
    // millisecond can have it: the others are not hashed again.
    private static async ValueTask<bool> AlreadyRecordedAsync(LedgerDraft draft, string gtin, string serial, string eventId, DateTimeOffset eventTime,
        CancellationToken ct)
    {
        var pack = await draft.FindPackAsync(gtin, serial, ct);
        if (pack is null) return false;
        var at = EventHashId.RoundToMilliseconds(eventTime);
        var chain = await draft.GetChainAsync(StreamKind.Pack, gtin, serial, ct);
        return chain.Any(s => EventHasher.TruncateToMilliseconds(s.Event.OccurredAt) == at
            && PackEpcisEvents.EventId(PackEpcisEvents.Facts(s.Event, pack.Lot, pack.Expiry)) == eventId);
    }

    /// <summary>
    /// Reports the judged scans of what was stored or refused, as a scan would: alerts for the
    /// findings, one scan-log row each. Rows without alerts are logged together (group commit).
    /// </summary>
    private async ValueTask ReportAsync(Party actor, PackHandoffs handoffs, IReadOnlyList<Decided> decided, CancellationToken ct)
    {
        var scans = decided.SelectMany(d => d.Scans).ToList();
        foreach (var flagged in scans.Where(s => s.Judgement.Findings.Count > 0))
            await handoffs.ReportAsync(actor, flagged, ct);
        await Task.WhenAll(scans.Where(s => s.Judgement.Findings.Count == 0).Select(s => handoffs.ReportAsync(actor, s, ct).AsTask()));
        foreach (var move in decided.SelectMany(d => d.Cases))
        {
            var raised = new List<AlertView>();
            foreach (var pack in move.Findings.Take(CaseMoves.MaxAlertsPerCase))
                raised.AddRange(await CaseMoves.RaiseAsync(catalog, alerts, actor, move.Scan!.Action, move.Scan.Code, pack, ct));
            await RecordAsync(new ScanRecord(clock.GetUtcNow(), actor.Gln, move.Scan!.Action, move.Scan.Code, null, null, new WireName<ScanVerdict>(move.Scan.Verdict).Name,
                raised.Count == 0 ? null : string.Join(',', raised.Select(a => a.Kind).Distinct())));
        }
    }

    // Best-effort, as for a scan of a case: what the capture decided stands.
    private async ValueTask RecordAsync(ScanRecord scan)
    {
        try
        {
            await scanLog.RecordAsync(scan, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger?.LogWarning(ex, "The scan log could not record a {Action} scan of a case by {Actor} (EPCIS capture); the capture itself stands", scan.Action, scan.Actor);
        }
    }
}
