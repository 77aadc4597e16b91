using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Shipping;

/// <summary>Ships a pack in the sender's stock to another party (by GLN).</summary>
public sealed record ShipPack(string ActorGln, string Code, string? To, DateTimeOffset? ScannedAt = null) : IRequest<ScanOutcome>, IActorRequest;

public sealed class ShipPackHandler(PackHandoffs handoffs, IActorContext context) : IRequestHandler<ShipPack, ScanOutcome>
{
    public ValueTask<ScanOutcome> Handle(ShipPack request, CancellationToken cancellationToken) =>
        handoffs.HandleScanAsync(context.Actor, request.Code, new PackCommand(PackAction.Ship, request.To), request.ScannedAt, cancellationToken);
}
