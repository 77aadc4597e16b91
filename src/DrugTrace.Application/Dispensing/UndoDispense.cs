using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Dispensing;

/// <summary>Puts a dispensed pack back into the same pharmacy's stock, within 10 days, if not expired, recalled or stolen.</summary>
public sealed record UndoDispense(string ActorGln, string Code, DateTimeOffset? ScannedAt = null) : IRequest<ScanOutcome>, IActorRequest;

public sealed class UndoDispenseHandler(PackHandoffs handoffs, IActorContext context) : IRequestHandler<UndoDispense, ScanOutcome>
{
    public ValueTask<ScanOutcome> Handle(UndoDispense request, CancellationToken cancellationToken) =>
        handoffs.HandleScanAsync(context.Actor, request.Code, new PackCommand(PackAction.UndoDispense), request.ScannedAt, cancellationToken);
}
