using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Decommissioning;

/// <summary>Returns a pack that its holder locked back to active stock.</summary>
public sealed record UnlockPack(string ActorGln, string Code, DateTimeOffset? ScannedAt = null) : IRequest<ScanOutcome>, IActorRequest;

public sealed class UnlockPackHandler(PackHandoffs handoffs, IActorContext context) : IRequestHandler<UnlockPack, ScanOutcome>
{
    public ValueTask<ScanOutcome> Handle(UnlockPack request, CancellationToken cancellationToken) =>
        handoffs.HandleScanAsync(context.Actor, request.Code, new PackCommand(PackAction.Unlock), request.ScannedAt, cancellationToken);
}
