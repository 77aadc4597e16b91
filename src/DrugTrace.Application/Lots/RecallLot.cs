using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Lots;

/// <summary>
/// The brand owner recalls one of its lots: every pack of it still in the chain becomes Recalled.
/// <paramref name="Reason"/> is internal (in the lot's chain, seen by the trade and regulators);
/// <paramref name="PublicText"/> is what patients are told on the public check (none by default).
/// </summary>
public sealed record RecallLot(string ActorGln, string Gtin, string Lot, string Reason, string? PublicText = null) : IRequest<LotState>, IActorRequest
{
    public const int MaxPublicText = 300;
}

public sealed class RecallLotValidator : IValidator<RecallLot>
{
    public IEnumerable<(string Field, string Message)> Validate(RecallLot request)
    {
        if (Gs1Fields.GtinError(request.Gtin) is { } gtin) yield return ("gtin", gtin);
        if (Gs1Fields.Set82Error("lot number", request.Lot) is { } lot) yield return ("lot", lot);
        if (string.IsNullOrWhiteSpace(request.Reason)) yield return ("reason", "Say why the lot is recalled.");
        else if (FreeText.Error("reason", request.Reason, 500) is { } reason) yield return ("reason", reason);
        if (FreeText.Error("publicText", request.PublicText, RecallLot.MaxPublicText) is { } publicText) yield return ("publicText", publicText);
    }
}

public sealed class RecallLotHandler(ICatalogStore catalog, ILedgerStore ledger, IRecallNotices notices, IActorContext context, TimeProvider clock)
    : IRequestHandler<RecallLot, LotState>
{
    public async ValueTask<LotState> Handle(RecallLot request, CancellationToken cancellationToken)
    {
        var gtin = Gtin.Parse(request.Gtin).Value;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var lot = await catalog.FindLotAsync(gtin, request.Lot, cancellationToken);
            Check(lot, context.Actor, gtin, request.Lot);
            // Written before the recall, so that a recall is never public without its text; shown only once recalled.
            await notices.SetAsync(gtin, lot!.Lot, string.IsNullOrWhiteSpace(request.PublicText) ? null : request.PublicText.Trim(), cancellationToken);

            var (e, recalled) = Decide(lot, context.Actor, request.Reason, EventHasher.TruncateToMilliseconds(clock.GetUtcNow()));
            if (await ledger.TryAppendAsync(e, recalled, cancellationToken)) return recalled;
        }
        throw new ConflictException($"Lot {request.Lot} is being changed by someone else; try again.");
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may recall <paramref name="lot"/> as read (null: not found):
    /// throws <see cref="NotFoundException"/> or <see cref="ConflictException"/> when not. Shared with an EPCIS capture's recall.
    /// </summary>
    public static void Check(LotState? lot, Party actor, string gtin, string lotNumber)
    {
        // Another brand's lot is answered exactly like a lot that does not exist: no existence oracle.
        if (lot is null || lot.Manufacturer != actor.Gln)
            throw new NotFoundException(NotYours(lotNumber, gtin));
        if (lot.IsRecalled)
            throw new ConflictException($"Lot {lotNumber} was already recalled on {lot.RecalledAt:yyyy-MM-dd}.");
    }

    /// <summary>The recall event on the lot's head at <paramref name="now"/> (ms) and the lot's state after it.</summary>
    public static (LedgerEvent Event, LotState Recalled) Decide(LotState lot, Party actor, string reason, DateTimeOffset now)
    {
        var e = LedgerEvents.Next(lot.Head, StreamKind.Lot, lot.Gtin, lot.Lot, EventType.LotRecalled, actor.Gln, now, reason: reason.Trim());
        return (e, lot with { Head = new ChainHead(e.Seq, e.Hash), RecalledAt = now, RecallReason = e.Reason });
    }

    /// <summary>The one answer for an unknown lot and another brand's lot, shared with the lot listing.</summary>
    public static string NotYours(string lot, string gtin) => $"Lot {lot} of {gtin} is not one of your registered lots.";
}
