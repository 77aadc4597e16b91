using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using Mediator;

namespace DrugTrace.Application.Shipping;

/// <summary>Ships a pack in the sender's stock to another party (by GLN); a case's SSCC ships the case with everything in it.</summary>
public sealed record ShipPack(string ActorGln, string Code, string? To, DateTimeOffset? ScannedAt = null) : IRequest<ScanOutcome>, IActorRequest;

public sealed class ShipPackHandler(PackHandoffs handoffs, CaseMoves cases, IActorContext context, TimeProvider clock) : IRequestHandler<ShipPack, ScanOutcome>
{
    public async ValueTask<ScanOutcome> Handle(ShipPack request, CancellationToken cancellationToken) =>
        CaseCodes.TryRead(request.Code, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), out var sscc)
            ? await cases.MoveAsync(context.Actor, request.Code, sscc, PackAction.Ship, request.To, request.ScannedAt, cancellationToken)
            : await handoffs.HandleScanAsync(context.Actor, request.Code, new PackCommand(PackAction.Ship, request.To), request.ScannedAt, cancellationToken);
}
