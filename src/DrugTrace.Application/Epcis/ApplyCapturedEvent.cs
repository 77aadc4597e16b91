using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using Mediator;

namespace DrugTrace.Application.Epcis;

/// <summary>
/// Applies one step of a captured EPCIS event as the capturing party: a handoff goes through the
/// same scan rules as a scan (roles, custody, lifecycle, alerts, ledger), a recall through
/// <see cref="RecallLot"/>, a commissioning registers the lot its ILMD states with these serials.
/// An event the ledger already holds (same CBV 2.0 event hash ID) is not applied twice.
/// </summary>
public sealed record ApplyCapturedEvent(string ActorGln, CaptureStep Step, string EventId) : IRequest<CapturedStepResult>, IActorRequest;

/// <summary>Whether the step was applied (or already recorded), in words.</summary>
public sealed record CapturedStepResult(bool Applied, string Message);

public sealed class ApplyCapturedEventHandler(
    PackHandoffs handoffs, ILedgerStore ledger, ICatalogStore catalog, ISender sender, IActorContext context, TimeProvider clock)
    : IRequestHandler<ApplyCapturedEvent, CapturedStepResult>
{
    public async ValueTask<CapturedStepResult> Handle(ApplyCapturedEvent request, CancellationToken cancellationToken)
    {
        var actor = context.Actor;
        switch (request.Step)
        {
            case HandoffStep h:
                if (await AlreadyRecordedAsync(h.Gtin, h.Serial, request.EventId, cancellationToken))
                    return new CapturedStepResult(true, "Already recorded.");
                var outcome = await handoffs.HandleAsync(actor, EpcUris.Sgtin(h.Gtin, h.Serial), h.Command, cancellationToken);
                return outcome.Event is not null
                    ? new CapturedStepResult(true, outcome.Message)
                    : new CapturedStepResult(false, outcome.Message);
            case RecallStep r:
                await sender.Send(new RecallLot(request.ActorGln, r.Gtin, r.Lot, r.Reason), cancellationToken);
                return new CapturedStepResult(true, $"Lot {r.Lot} recalled.");
            case CommissionStep c:
                return await CommissionAsync(actor.Gln, c, request.EventId, cancellationToken);
            default:
                throw new InvalidOperationException("Unknown capture step.");
        }
    }

    private async ValueTask<CapturedStepResult> CommissionAsync(string actor, CommissionStep c, string eventId, CancellationToken ct)
    {
        if (c.Serials.Count == 1 && await AlreadyRecordedAsync(c.Gtin, c.Serials[0], eventId, ct))
            return new CapturedStepResult(true, "Already recorded.");
        var product = await catalog.FindProductAsync(c.Gtin, ct);
        if (product is null) return new CapturedStepResult(false, $"GTIN {c.Gtin} is not a registered product; register the product first.");
        if (product.Manufacturer != actor) return new CapturedStepResult(false, $"{product.Name} ({c.Gtin}) belongs to another manufacturer.");
        if (await catalog.FindLotAsync(c.Gtin, c.Lot, ct) is not null)
            return new CapturedStepResult(false, $"Lot {c.Lot} of {c.Gtin} is already registered: a capture commissions the serials of a new lot, all in one event.");
        var bad = c.Serials.Select(s => Common.Validation.Gs1Fields.Set82Error("serial", s)).FirstOrDefault(e => e is not null);
        if (bad is not null) return new CapturedStepResult(false, bad);

        var now = EventHasher.TruncateToMilliseconds(clock.GetUtcNow());
        var at = EventHasher.TruncateToMilliseconds(c.OccurredAt);
        var lotEvent = LedgerEvents.First(StreamKind.Lot, c.Gtin, c.Lot, EventType.LotRegistered, actor, c.Lot, c.Expiry, now);
        var packEvents = c.Serials.Distinct(StringComparer.Ordinal)
            .Select(s => EventHasher.Seal(LedgerEvents.First(StreamKind.Pack, c.Gtin, s, EventType.Commissioned, actor, c.Lot, c.Expiry, now) with { OccurredAt = at }))
            .ToList();
        var lot = new LotState(c.Gtin, c.Lot, c.Expiry, actor, new ChainHead(0, lotEvent.Hash));
        try
        {
            await ledger.CommissionAsync(lot, lotEvent, packEvents, ct);
        }
        catch (Exception e) when (e is ConflictException or SerialCollisionException)
        {
            return new CapturedStepResult(false, $"Not commissioned: a serial of GTIN {c.Gtin} is already commissioned, or the lot was registered meanwhile.");
        }
        return new CapturedStepResult(true, $"{packEvents.Count} pack(s) of lot {c.Lot} commissioned.");
    }

    // The same event captured again (a replay, a retried upload) is recognised by its hash ID.
    private async ValueTask<bool> AlreadyRecordedAsync(string gtin, string serial, string eventId, CancellationToken ct)
    {
        var pack = await ledger.FindPackAsync(gtin, serial, ct);
        if (pack is null) return false;
        var chain = await ledger.GetChainAsync(StreamKind.Pack, gtin, serial, ct);
        return chain.Any(s => (string?)PackEpcisEvents.ToObjectEvent(new PackEventFacts(
            s.Event.Type, gtin, serial, pack.Lot, pack.Expiry, s.Event.Actor, s.Event.From, s.Event.To, s.Event.Reason,
            s.Event.OccurredAt, s.Event.RecordedAt))["eventID"] == eventId);
    }
}
